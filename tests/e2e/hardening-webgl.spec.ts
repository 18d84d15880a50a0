import { expect, test } from './guard.ts';
import { pagesWithWidgets } from './hardening-widgets.ts';

/**
 * WebGL context loss on every page with widgets (discovered from the build):
 * every WebGL2 context lost in the middle of an interaction
 * (WEBGL_lose_context) leaves the widgets computing, with no error, and they
 * keep working after the context comes back. (No WebGL at all:
 * hardening-nowebgl.spec.ts.)
 */

const pages = pagesWithWidgets().filter((p) => !p.path.startsWith('/embed/'));

test.describe('a WebGL2 context lost mid-interaction', () => {
  for (const { path, widgets } of pages) {
    test(`${path}: losing and restoring every WebGL2 context keeps ${widgets.join(', ')} working`, async ({ page }) => {
      // Record every WebGL2 context the page makes (canvas and OffscreenCanvas), so the test can lose them.
      await page.addInitScript(() => {
        const made: WebGL2RenderingContext[] = [];
        (window as unknown as { __gl: WebGL2RenderingContext[] }).__gl = made;
        for (const proto of [HTMLCanvasElement.prototype, globalThis.OffscreenCanvas?.prototype]) {
          if (!proto) continue;
          const original = proto.getContext as (this: unknown, ...args: unknown[]) => unknown;
          (proto as { getContext: unknown }).getContext = function (this: unknown, ...args: unknown[]) {
            const ctx = original.apply(this, args);
            if (args[0] === 'webgl2' && ctx) made.push(ctx as WebGL2RenderingContext);
            return ctx;
          };
        }
      });
      await page.goto(path);
      for (const id of widgets)
        await expect(page.locator(`[data-widget="${id}"]`).first()).toHaveAttribute('data-ready', '');
      // The extension is kept from before the loss: getExtension returns null on a lost context, so asking
      // for it at restore time would restore nothing.
      const lose = (restore: boolean) =>
        page.evaluate((restore) => {
          const scope = window as unknown as {
            __gl: WebGL2RenderingContext[];
            __lose?: Map<unknown, WEBGL_lose_context>;
          };
          scope.__lose ??= new Map();
          for (const gl of scope.__gl) {
            const found = scope.__lose.get(gl) ?? gl.getExtension('WEBGL_lose_context');
            if (found) scope.__lose.set(gl, found);
            if (restore && gl.isContextLost()) found?.restoreContext();
            if (!restore && !gl.isContextLost()) found?.loseContext();
          }
          return scope.__gl.length;
        }, restore);
      // Widgets that compute on request (scale mode) run once first, so their contexts exist before the loss.
      const runOf = (id: string) =>
        page
          .locator(`[data-widget="${id}"]`)
          .first()
          .getByRole('button', { name: /^(run|compute)\b/i });
      for (const id of widgets) {
        if ((await runOf(id).count()) === 0) continue;
        await runOf(id).first().click();
        await expect(page.locator(`[data-widget="${id}"] [data-value]`).first()).toBeAttached();
      }
      const contexts = await lose(false);
      test.info().annotations.push({ type: 'webgl2 contexts lost', description: String(contexts) });
      // Interact while the context is gone: a step (the frame's ← → keys) in each widget, and Run where there is one.
      for (const id of widgets) {
        const w = page.locator(`[data-widget="${id}"]`).first();
        await w.scrollIntoViewIfNeeded();
        await w.focus();
        await page.keyboard.press('ArrowRight');
        if ((await runOf(id).count()) > 0) {
          await runOf(id).first().click();
          await expect(runOf(id).first()).toBeEnabled({ timeout: 30_000 });
        }
        await expect(w).toHaveAttribute('data-ready', '');
        await expect(w.locator('[data-value]').first(), `${id} computes with the context lost`).toBeAttached();
      }
      await lose(true);
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              (window as unknown as { __gl: WebGL2RenderingContext[] }).__gl.filter((gl) => gl.isContextLost()).length,
          ),
        )
        .toBe(0);
      for (const id of widgets) {
        const w = page.locator(`[data-widget="${id}"]`).first();
        await expect(w).toHaveAttribute('data-ready', '');
        const run = w.getByRole('button', { name: /^(run|compute)\b/i });
        if ((await run.count()) > 0) await run.first().click();
        await expect(w.locator('[data-value]').first(), `${id} computes after the context is back`).toBeAttached();
      }
    });
  }
});
