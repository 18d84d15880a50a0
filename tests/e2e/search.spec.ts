import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations } from './axe-run.ts';
import { expect, test } from './guard.ts';

const dist = process.env.STEPWISE_DIST ?? 'dist';

/** Every chapter of the build (pages whose chapter column is indexed) with its h1, read from dist/. */
function chapters(): { path: string; title: string }[] {
  const out: { path: string; title: string }[] = [];
  for (const name of readdirSync(dist)) {
    let html: string;
    try {
      html = readFileSync(join(dist, name, 'index.html'), 'utf8');
    } catch {
      continue;
    }
    if (!html.includes('data-pagefind-body')) continue;
    const h1 = /<h1[^>]*>(.*?)<\/h1>/s
      .exec(html)?.[1]
      ?.replace(/<[^>]+>/g, '')
      .trim();
    if (h1) out.push({ path: `/${name}/`, title: h1.replace(/&amp;/g, '&').replace(/&#39;|&#x27;/g, "'") });
  }
  return out;
}

test('a search for each chapter’s title finds that chapter first (every chapter of the build)', async ({ page }) => {
  const all = chapters();
  expect(all.length, 'chapters found in dist').toBeGreaterThanOrEqual(12);
  await page.goto('/search/');
  const firsts = await page.evaluate(
    async (queries) => {
      const pagefind = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
      await pagefind.init();
      const out: string[] = [];
      for (const q of queries) {
        const r = await pagefind.search(q);
        out.push(r.results[0] ? new URL((await r.results[0].data()).url, location.href).pathname : '(none)');
      }
      return out;
    },
    all.map((c) => c.title),
  );
  for (const [i, c] of all.entries()) expect.soft(firsts[i], `“${c.title}”`).toBe(c.path);
});

test('the header opens search with / and Ctrl-K; results are keyboard-navigable and marked; Enter follows', async ({
  page,
}) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto('/lstm/');
  await page.locator('[data-widget][data-ready]').first().waitFor();
  await test.step('nothing of the index or the search UI is fetched before search is opened', () => {
    expect(fetched.filter((p) => p.includes('pagefind') || /search-(ui|dialog)/.test(p))).toEqual([]);
  });
  // Typed at once after '/', before the search code has loaded: nothing may be lost.
  await page.keyboard.press('/');
  await page.keyboard.type('forget gate');
  const box = page.getByRole('searchbox', { name: 'Search the chapters' });
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('forget gate');
  const hits = page.locator('dialog .search-hit');
  await expect(hits.first()).toBeVisible();
  await expect(page.locator('dialog .search-excerpt mark').first()).toContainText(/forget/i);
  await expect(page.locator('#search-status')).toContainText('found for “forget gate”');
  expect(fetched.some((p) => p.endsWith('/pagefind/pagefind.js'))).toBe(true);
  // Styled: search.css reaches the lazily loaded dialog (its rules were in no file of the build once).
  expect(await page.locator('dialog .search-ui').evaluate((el) => getComputedStyle(el).display)).toBe('grid');
  await page.keyboard.press('ArrowDown');
  await expect(hits.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(hits.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(box).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('dialog.search-dialog')).not.toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(box).toBeFocused();
  await box.fill('beam');
  // The hits of “forget gate” stay on show until the new ones arrive: wait for the new query's results.
  await expect(page.locator('#search-status')).toContainText('found for “beam”');
  const href = await hits.first().getAttribute('href');
  await box.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
});

for (const width of [1280, 375]) {
  test(`/search/ at ${width} px: ?q= searches, axe passes in both themes, nothing overflows`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/search/?q=softmax');
    await expect(page.locator('.search-hit').first()).toBeVisible();
    expect(await page.locator('.search-ui').evaluate((el) => getComputedStyle(el).display)).toBe('grid');
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      expect.soft(await axeViolations(page, theme)).toEqual([]);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
}
