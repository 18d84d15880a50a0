import { chromiumArgs, chromiumExecutable } from '../chromium.ts';
import { expect, test } from './guard.ts';
import { pagesWithWidgets } from './hardening-widgets.ts';

/**
 * No WebGL at all (the browser launched with WebGL switched off): every
 * widget on every page with widgets (discovered from the build) still
 * computes, on the CPU, and its backend badge says so.
 */

const pages = pagesWithWidgets().filter((p) => !p.path.startsWith('/embed/'));

test.use({
  launchOptions: {
    executablePath: chromiumExecutable(),
    // No GPU and no software GPU either: --disable-webgl alone still left WebGL2 on OffscreenCanvas.
    args: [
      ...chromiumArgs.filter((a) => !/swiftshader|ignore-gpu-blocklist/.test(a)),
      '--disable-webgl',
      '--disable-3d-apis',
      '--disable-gpu',
      '--disable-software-rasterizer',
    ],
  },
});

test('the browser really has no WebGL2 (so the checks below mean something)', async ({ page }) => {
  await page.goto('/');
  const has = await page.evaluate(() => ({
    canvas: document.createElement('canvas').getContext('webgl2') !== null,
    offscreen: typeof OffscreenCanvas !== 'undefined' && new OffscreenCanvas(1, 1).getContext('webgl2') !== null,
  }));
  expect(has).toEqual({ canvas: false, offscreen: false });
});

for (const { path, widgets } of pages) {
  test(`${path}: ${widgets.join(', ')} compute on the CPU and their badges say so`, async ({ page }) => {
    await page.goto(path);
    for (const id of widgets) {
      const w = page.locator(`[data-widget="${id}"]`).first();
      await expect(w, id).toHaveAttribute('data-ready', '');
      // Widgets that compute on request (scale mode) get their Run button pressed first.
      const run = w.getByRole('button', { name: /^(run|compute)\b/i });
      if ((await w.locator('[data-value]').count()) === 0 && (await run.count()) > 0) await run.first().click();
      await expect(w.locator('[data-value]').first(), `${id} shows live numbers`).toBeAttached();
      for (const badge of await w.locator('[data-backend]').all()) {
        await expect(badge, `${id}'s badge`).toHaveAttribute('data-backend', /cpu/i);
      }
    }
  });
}
