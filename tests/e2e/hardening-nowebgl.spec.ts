import type { Page } from '@playwright/test';
import { chromiumArgs, chromiumLaunchOptions } from '../chromium.ts';
import { expect, test } from './guard.ts';
import { chapterPagesWithWidgets } from './hardening-widgets.ts';

/**
 * No WebGL at all (the browser launched with WebGL switched off): every
 * widget on every page with widgets (discovered from the build) still
 * computes, on the CPU, its backend badge says so, and the numbers it shows
 * equal the ones the build computed into the page's HTML (Node, CPU).
 */

const pages = chapterPagesWithWidgets();

test.use({
  launchOptions: {
    ...chromiumLaunchOptions(),
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

/**
 * The first numbers each page's server HTML carries (computed at build time by the engine's CPU path in Node):
 * symbol[index] → the first data-value written for it. An independent run to compare the browser's CPU with.
 */
async function servedValues(page: Page, path: string): Promise<Map<string, string>> {
  const html = await (await page.request.get(path)).text();
  const out = new Map<string, string>();
  for (const [tag] of html.matchAll(/<[a-z][^>]*\sdata-symbol="[^"]*"[^>]*>/g)) {
    const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
    const value = attr('data-value');
    if (value === undefined) continue;
    const key = `${attr('data-symbol')}[${attr('data-index') ?? ''}]`;
    if (!out.has(key)) out.set(key, value.replace(/&#x2B;|&#43;/g, '+'));
  }
  return out;
}

for (const { path, widgets } of pages) {
  test(`${path}: ${widgets.join(', ')} compute on the CPU, their badges say so, and their first numbers equal the build's`, async ({
    page,
  }) => {
    const served = await servedValues(page, path);
    await page.goto(path);
    for (const id of widgets) {
      const w = page.locator(`[data-widget="${id}"]`).first();
      await expect(w, id).toHaveAttribute('data-ready', '');
      // Widgets that compute on request (scale mode) get their Run button pressed first.
      const run = w.getByRole('button', { name: /^(run|compute)\b/i });
      if ((await w.locator('[data-value]').count()) === 0 && (await run.count()) > 0) await run.first().click();
      await expect(w.locator('[data-value]').first(), `${id} shows live numbers`).toBeAttached();
      for (const badge of await w.locator('[data-backend]').all()) {
        await expect.soft(badge, `${id}'s badge`).toHaveAttribute('data-backend', /cpu/i);
      }
    }
    // Values, not just elements: the numbers shown with no WebGL at all equal the ones the build computed.
    const live = await page.evaluate(() => {
      const out: [string, string][] = [];
      for (const e of document.querySelectorAll<HTMLElement>('[data-symbol][data-value]'))
        out.push([`${e.dataset.symbol}[${e.dataset.index ?? ''}]`, e.dataset.value ?? '']);
      return out;
    });
    const first = new Map<string, string>();
    for (const [k, v] of live) if (!first.has(k)) first.set(k, v);
    const compared = [...served].filter(([k]) => first.has(k) && !/^(ms|time|elapsed)(_|\[)/.test(k));
    const differ = compared
      .filter(([k, v]) => {
        const a = Number(v);
        const b = Number(first.get(k));
        if (v === first.get(k)) return false;
        return Number.isNaN(a) || Number.isNaN(b) || Math.abs(a - b) > 1e-6 + 1e-4 * Math.abs(a);
      })
      .map(([k, v]) => `${k}: built ${v}, shown ${first.get(k)}`);
    test.info().annotations.push({ type: 'values compared with the build', description: String(compared.length) });
    if (served.size > 0) expect.soft(compared.length, 'values compared with the build').toBeGreaterThan(0);
    expect.soft(differ.slice(0, 10), 'numbers that differ from the build').toEqual([]);
  });
}
