import { expect, test } from './guard.ts';
import { b64url, chapterPagesWithWidgets, hashFor, nanExplained } from './hardening-widgets.ts';

/**
 * Broken links and extreme input on every widget of every page (discovered
 * from the build): each page still loads, every widget computes (data-ready),
 * says what it refused, and no uncaught error or console error occurs (the
 * guard). (NaN and Infinity typed into a matrix cell: pages.spec.ts, on its
 * one load per page.)
 * Field-by-field fallback is fuzzed at unit level (tests/lib/url/state-fuzz.test.ts).
 */

const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
// The unit fuzz (tests/lib/url/state-fuzz.test.ts) covers many more shapes; these reach every widget in the browser.
const variants: [string, string][] = [
  ['random text', 'not*base64!!%%'],
  ['valid base64 of bytes that are not UTF-8 JSON', '_-_-_-_-AAAA'],
  ['a JSON array', b64url('[1,2,3]')],
  [
    'unknown keys with 1e308, 3000-deep nesting, a huge array and a 100 KB string',
    b64url(`{"zz":1e308,"yy":${deep},"xx":${JSON.stringify(Array(5000).fill(-1e308))},"ww":"${'x'.repeat(100_000)}"}`),
  ],
];

/**
 * One load per page: every widget on it gets one of the variants, in rotation across widgets and pages, so
 * each variant reaches many widgets and no page is loaded more than once. Every variant takes the same road
 * in a widget (components/state/url-sync.svelte.ts: decodeState → the defaults plus messages → restore), so
 * which widget gets which does not change what is checked; the decoder's many shapes are fuzzed at unit level.
 */
const plan = chapterPagesWithWidgets().map(({ path, widgets }, pageIndex) => ({
  path,
  given: widgets.map((id, k) => ({ id, variant: variants[(pageIndex + k) % variants.length] ?? variants[0] })),
}));

for (const { path, given } of plan) {
  test(`${path}: broken link state for ${given.map((g) => g.id).join(', ')} shows a message and the defaults, never a crash`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const hash = given.map(({ id, variant }) => hashFor([id], variant?.[1] ?? '').slice(1)).join('&');
    await page.goto(`${path}#${hash}`);
    for (const { id, variant } of given) {
      const name = variant?.[0];
      const w = page.locator(`[data-widget="${id}"]`).first();
      await expect(w, `${id} with ${name}`).toHaveAttribute('data-ready', '');
      // Widgets with link state have a Share menu; they must say what they refused.
      if ((await w.locator('button[aria-haspopup="menu"]').count()) > 0)
        await expect(w.locator('.messages').first(), `${id} says what it refused (${name})`).toBeVisible();
      const nan = await nanExplained(w);
      expect(nan.ok, `${id} shows NaN without explanation (${name})`).toBe(true);
    }
  });
}

test('the rotation gives every variant to some widget', () => {
  const reached = new Set(plan.flatMap(({ given }) => given.map((g) => g.variant?.[0])));
  expect([...reached].sort()).toEqual(variants.map(([name]) => name).sort());
});
