import { expect, test } from './guard.ts';

// The WebGL tests elsewhere must never pass by skipping: this one fails
// outright when the test browser cannot give WebGL2 with float render targets.
test('the test browser provides WebGL2 with EXT_color_buffer_float', async ({ page }) => {
  await page.goto('/');
  const info = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return { webgl2: false, floatTargets: false, renderer: '' };
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    return {
      webgl2: true,
      floatTargets: gl.getExtension('EXT_color_buffer_float') !== null,
      renderer: String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER)),
    };
  });
  expect(info.webgl2, 'WebGL2 context').toBe(true);
  expect(info.floatTargets, 'EXT_color_buffer_float').toBe(true);
  test.info().annotations.push({ type: 'renderer', description: info.renderer });
});
