import { expect, test } from './guard.ts';
import { b64url, chapterPagesWithWidgets, hashFor, nanExplained } from './hardening-widgets.ts';

/**
 * Broken links and extreme input on every widget of every page (discovered
 * from the build): each page still loads, every widget computes (data-ready),
 * says what it refused, and no uncaught error or console error occurs (the
 * guard). Then, through the UI: NaN and Infinity typed into a matrix cell are
 * refused with a message, and 1e30 never leaves a bare "NaN" on screen.
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

for (const { path, widgets } of chapterPagesWithWidgets()) {
  test(`${path}: NaN and Infinity typed into a matrix cell are refused; 1e30 is never a bare NaN`, async ({ page }) => {
    test.setTimeout(60_000 + widgets.length * 30_000);
    await page.goto(path);
    for (const id of widgets) {
      const w = page.locator(`[data-widget="${id}"]`).first();
      await expect(w).toHaveAttribute('data-ready', '');
      // Open folded sections (some matrices sit in closed <details>), then take the first editable cell on show.
      await w.locator('details:not([open])').evaluateAll((list) => {
        for (const d of list) (d as HTMLDetailsElement).open = true;
      });
      const cell = w.locator('table.editable td[role="gridcell"]').filter({ visible: true }).first();
      if ((await cell.count()) === 0) continue;
      const edit = async (text: string) => {
        await cell.scrollIntoViewIfNeeded();
        await cell.dblclick({ timeout: 10_000 });
        const input = w.locator('table.editable input.edit').first();
        await input.fill(text);
        await input.press('Enter');
      };
      const before = await cell.getAttribute('data-value');
      for (const bad of ['NaN', 'Infinity', '-Infinity', '1e999']) {
        await edit(bad);
        await expect(w.locator('.matrix-view .message').first(), `${id} refuses ${bad}`).toBeVisible();
        const still = w.locator('table.editable input.edit');
        if ((await still.count()) > 0) await still.first().press('Escape');
        expect(await cell.getAttribute('data-value'), `${id} kept its value after ${bad}`).toBe(before);
      }
      await edit('1e30');
      await expect(w).toHaveAttribute('data-ready', '');
      const nan = await nanExplained(w);
      expect(nan.ok, `${id} with a weight of 1e30 shows NaN without explanation:\n${nan.text.slice(0, 400)}`).toBe(
        true,
      );
    }
  });
}
