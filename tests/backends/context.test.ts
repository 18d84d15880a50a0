import { expect, it } from 'vitest';
import { createContext } from '~engine/backends/webgl2/context.ts';
import { initWebGL2, webgl2Available, webgl2Context } from '~engine/backends/webgl2/index.ts';
import { getBackend } from '~engine/registry.ts';

it('initWebGL2() finds WebGL2 with EXT_color_buffer_float in the test browser', () => {
  const result = initWebGL2();
  expect(result, 'the browser project must run on WebGL2, not fall back to the CPU').toMatchObject({ ok: true });
  expect(webgl2Available()).toBe(true);
  expect(webgl2Context()?.getExtension('EXT_color_buffer_float')).not.toBeNull();
});

it('the webgl2 backend reports the GL renderer string', () => {
  const renderer = getBackend('webgl2')?.renderer() ?? '';
  console.info(`WebGL2 renderer: ${renderer}`);
  expect(renderer).not.toBe('');
  expect(renderer).not.toMatch(/CPU \(JavaScript/);
});

it('createContext() also works on a detached <canvas> when OffscreenCanvas is not used', () => {
  const result = createContext({ preferCanvasElement: true });
  expect(result.ok).toBe(true);
  if (result.ok) expect(result.context.canvas).toBeInstanceOf(HTMLCanvasElement);
});
