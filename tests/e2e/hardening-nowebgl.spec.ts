import type { Page } from '@playwright/test';
import { chromiumArgs, chromiumLaunchOptions } from '../chromium.ts';
import { expect, test } from './guard.ts';
import { b64url, chapterPagesWithWidgets, hashFor, nanExplained } from './hardening-widgets.ts';

/**
 * A hostile start, one load per page with widgets (discovered from the build):
 *
 * - No WebGL at all (the browser launched with WebGL switched off): every widget still computes, on the CPU,
 *   and its backend badge says so.
 * - A broken link: every widget's link state in the URL is garbage (one of the variants below). It says what
 *   it refused and shows its defaults, never a crash (no uncaught or console error: the guard), and a NaN it
 *   shows comes with an explanation.
 * - Both at once prove the defaults: the numbers shown equal the ones the build computed into the page's
 *   HTML (Node, CPU, default state).
 *
 * The two were separate sweeps that loaded every chapter page once each; one load now carries both (issue 15:
 * a new page adds one load, not one per sweep). Field-by-field fallback is fuzzed at unit level
 * (tests/lib/url/state-fuzz.test.ts); NaN and Infinity typed into a cell: pages.spec.ts.
 */

const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
// The unit fuzz covers many more shapes; these reach every widget in the browser.
const variants: readonly [[string, string], ...[string, string][]] = [
  ['random text', 'not*base64!!%%'],
  ['valid base64 of bytes that are not UTF-8 JSON', '_-_-_-_-AAAA'],
  ['a JSON array', b64url('[1,2,3]')],
  [
    'unknown keys with 1e308, 3000-deep nesting, a huge array and a 100 KB string',
    b64url(`{"zz":1e308,"yy":${deep},"xx":${JSON.stringify(Array(5000).fill(-1e308))},"ww":"${'x'.repeat(100_000)}"}`),
  ],
];

/**
 * Every widget on a page gets one of the variants, in rotation across widgets and pages, so each variant
 * reaches many widgets. Every variant takes the same road in a widget (components/state/kit's link state:
 * decode → the defaults plus messages → restore), so which widget gets which does not change what is checked.
 */
const pages = chapterPagesWithWidgets().map(({ path, widgets }, pageIndex) => ({
  path,
  widgets,
  given: widgets.map((id, k) => ({ id, variant: variants[(pageIndex + k) % variants.length] ?? variants[0] })),
}));

test('the rotation gives every broken-link variant to some widget', () => {
  const reached = new Set(pages.flatMap(({ given }) => given.map((g) => g.variant[0])));
  expect([...reached].sort()).toEqual(variants.map(([name]) => name).sort());
});

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

for (const { path, widgets, given } of pages) {
  test(`${path}: with no WebGL and a broken link, ${widgets.join(', ')} compute on the CPU, say what they refused, and show the build's default numbers`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const served = await servedValues(page, path);
    const hash = given.map(({ id, variant }) => hashFor([id], variant[1]).slice(1)).join('&');
    await page.goto(`${path}#${hash}`);
    for (const { id, variant } of given) {
      const w = page.locator(`[data-widget="${id}"]`).first();
      await expect(w, id).toHaveAttribute('data-ready', '');
      // Widgets with link state have a Share menu; they must say what they refused.
      if ((await w.locator('button[aria-haspopup="menu"]').count()) > 0)
        await expect.soft(w.locator('.messages').first(), `${id} says what it refused (${variant[0]})`).toBeVisible();
      expect.soft((await nanExplained(w)).ok, `${id} shows NaN without explanation (${variant[0]})`).toBe(true);
      // Widgets that compute on request (scale mode) get their Run button pressed first.
      const run = w.getByRole('button', { name: /^(run|compute)\b/i });
      if ((await w.locator('[data-value]').count()) === 0 && (await run.count()) > 0) await run.first().click();
      await expect(w.locator('[data-value]').first(), `${id} shows live numbers`).toBeAttached();
      for (const badge of await w.locator('[data-backend]').all()) {
        await expect.soft(badge, `${id}'s badge`).toHaveAttribute('data-backend', /cpu/i);
      }
    }
    // Values, not just elements: the numbers shown with no WebGL and a broken link equal the ones the build
    // computed for the default state.
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
