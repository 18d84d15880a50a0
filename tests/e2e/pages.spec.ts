import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './guard.ts';
import { pagesWithWidgets } from './hardening-widgets.ts';
import { sitePages } from './site-pages.ts';

for (const path of sitePages()) {
  test.describe(`page ${path}`, () => {
    test('returns 200 and renders its formulas with KaTeX', async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.locator('.katex-error')).toHaveCount(0);
      const formulas = await page.locator('.katex').count();
      // An /embed/ page shows one widget, and not every widget has a formula.
      if (path !== '/' && !path.startsWith('/embed/')) {
        expect(formulas, 'a chapter page without rendered math').toBeGreaterThan(0);
      }
      const widgets = page.locator('[data-widget]');
      for (let i = 0; i < (await widgets.count()); i++) {
        await expect(widgets.nth(i)).toHaveAttribute('data-ready', '');
      }
    });

    for (const theme of ['light', 'dark'] as const) {
      test(`has no axe violations in the ${theme} theme`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        for (const w of await page.locator('[data-widget]').all()) await expect(w).toHaveAttribute('data-ready', '');
        const results = await new AxeBuilder({ page }).analyze();
        const summary = results.violations.map(
          (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`,
        );
        expect(summary).toEqual([]);
      });
    }
  });
}

test('the theme toggle switches themes and remembers the choice', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/notation/');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('chapter pages link to their neighbours and mark themselves in the contents', async ({ page }) => {
  await page.goto('/start-here/');
  await expect(page.locator('.contents a[aria-current="page"]')).toHaveText(/Start here/);
  await page.locator('a[rel="next"]').click();
  await expect(page).toHaveURL(/\/notation\/$/);
  await expect(page.locator('a[rel="prev"]')).toHaveAttribute('href', '/start-here/');
});

test('pages fit a 375 px wide screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  for (const path of sitePages()) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} is wider than the screen`).toBeLessThanOrEqual(0);
  }
});

test('no built page marks a widget ready before it hydrates (data-ready is never in the server HTML)', async ({
  request,
}) => {
  // A widget whose first numbers are computed at build time once carried data-ready in its HTML, so tests (and
  // readers) could edit inert markup before hydration and lose the edit.
  for (const { path } of pagesWithWidgets()) {
    const html = await (await request.get(path)).text();
    expect(html, `${path} has widgets`).toContain('data-widget=');
    // The attribute inside a tag, not the word in prose (the Performance chapter writes about `data-ready`).
    const marked = html.match(/<[a-z][^>]*\sdata-ready[\s=>][^>]*>/)?.[0];
    expect(marked, `${path}: data-ready in the server HTML`).toBeUndefined();
  }
});
