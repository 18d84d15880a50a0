import { expect, test } from './guard.ts';
import { b64url, chapterPagesWithWidgets, hashFor, nanExplained } from './hardening-widgets.ts';

/**
 * Broken links and extreme input on every widget of every page (discovered
 * from the build): each page still loads, every widget computes (data-ready),
 * says what it refused, and no uncaught error or console error occurs (the
 * guard). (NaN and Infinity typed into a matrix cell: pages.spec.ts, on its
 * one load per page.)
 * Field-by-field fallback is fuzzed at unit level (tests/lib/url-state-fuzz.test.ts).
 */

const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
// The unit fuzz (tests/lib/url-state-fuzz.test.ts) covers many more shapes; these reach every widget in the browser.
const variants: [string, string][] = [
  ['random text', 'not*base64!!%%'],
  ['valid base64 of bytes that are not UTF-8 JSON', '_-_-_-_-AAAA'],
  ['a JSON array', b64url('[1,2,3]')],
  [
    'unknown keys with 1e308, 3000-deep nesting, a huge array and a 100 KB string',
    b64url(`{"zz":1e308,"yy":${deep},"xx":${JSON.stringify(Array(5000).fill(-1e308))},"ww":"${'x'.repeat(100_000)}"}`),
  ],
];

for (const { path, widgets } of chapterPagesWithWidgets()) {
  test(`${path}: broken link state for ${widgets.join(', ')} shows a message and the defaults, never a crash`, async ({
    page,
  }) => {
    test.setTimeout(30_000 + variants.length * 15_000);
    for (const [name, code] of variants) {
      await page.goto(`about:blank`);
      await page.goto(`${path}${hashFor(widgets, code)}`);
      for (const id of widgets) {
        const w = page.locator(`[data-widget="${id}"]`).first();
        await expect(w, `${id} with ${name}`).toHaveAttribute('data-ready', '');
        // Widgets with link state have a Share menu; they must say what they refused.
        if ((await w.locator('button[aria-haspopup="menu"]').count()) > 0)
          await expect(w.locator('.messages').first(), `${id} says what it refused (${name})`).toBeVisible();
        const nan = await nanExplained(w);
        expect(nan.ok, `${id} shows NaN without explanation (${name})`).toBe(true);
      }
    }
  });
}
