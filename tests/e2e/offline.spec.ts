import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './guard.ts';
import { sitePages } from './site-pages.ts';

// Service workers are blocked in every other spec (playwright.config.ts); these tests are about them.
test.use({ serviceWorkers: 'allow' });
// The second test rewrites dist/sw.js while it runs; the first must not install from that copy.
test.describe.configure({ mode: 'serial' });

const dist = process.env.STEPWISE_DIST ?? 'dist';

/** Waits until the site's service worker has precached the build and controls the page. */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
    }
  });
}

test('after one online visit, every page of the build loads offline and every widget becomes ready', async ({
  page,
  context,
}) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await controlled(page);
  await context.setOffline(true);
  const pages = sitePages();
  await test.step(`all ${pages.length} pages answer 200 from the offline copy`, async () => {
    const statuses = await page.evaluate(
      (paths) => Promise.all(paths.map(async (p) => [p, (await fetch(p)).status] as const)),
      pages,
    );
    expect(statuses.filter(([, s]) => s !== 200)).toEqual([]);
  });
  // Each /embed/<id>/ page holds one registered widget: loading them all offline readies every widget.
  const embeds = pages.filter((p) => p.startsWith('/embed/'));
  expect(embeds.length, 'embed pages in the build').toBeGreaterThan(10);
  for (const path of [...embeds, '/gru/', '/lab/']) {
    await test.step(`${path} offline: every widget on it becomes ready`, async () => {
      await page.goto(path);
      const widgets = page.locator('[data-widget]');
      await expect(widgets.first()).toBeVisible();
      const n = await widgets.count();
      await expect.soft(page.locator('[data-widget][data-ready]'), path).toHaveCount(n, { timeout: 60_000 });
    });
  }
});

test('after one online visit, the <stepwise-widget> bundle, its chunks and KaTeX fonts work offline in a plain page', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await controlled(page);
  await context.setOffline(true);
  // The example page loads the bundle as a module script, which imports its chunks and registers the fonts.
  await page.goto('/examples/custom-element.html');
  const widgets = page.locator('stepwise-widget [data-widget]');
  await expect(widgets.first()).toBeVisible();
  const n = await page.locator('stepwise-widget').count();
  await expect(page.locator('stepwise-widget [data-widget][data-ready]')).toHaveCount(n, { timeout: 60_000 });
  await expect
    .poll(() =>
      page.evaluate(() => [...document.fonts].some((f) => f.family.includes('KaTeX') && f.status === 'loaded')),
    )
    .toBe(true);
});

test('a new build replaces the old cache: the reader is offered a reload and gets the new files', async ({ page }) => {
  await page.goto('/');
  await controlled(page);
  const revisionOfHome = () =>
    page.evaluate(async () => {
      for (const name of await caches.keys()) {
        for (const req of await (await caches.open(name)).keys()) {
          const url = new URL(req.url);
          if (url.pathname === '/index.html') return url.searchParams.get('__WB_REVISION__');
        }
      }
      return null;
    });
  const before = await revisionOfHome();
  expect(before, 'the home page is precached').toMatch(/^[0-9a-f]{32}$/);
  await expect(page.locator('.update-prompt')).toHaveCount(0);

  // A "new build": the same sw.js with a different revision for index.html, as a rebuild with a changed page gives.
  const swPath = join(dist, 'sw.js');
  const original = readFileSync(swPath, 'utf8');
  const newer = original.replace(`{url:"index.html",revision:"${before}"}`, '{url:"index.html",revision:"newbuild"}');
  expect(newer).not.toBe(original);
  writeFileSync(swPath, newer);
  try {
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.locator('.update-prompt');
    await expect(prompt).toContainText('A new version of Stepwise is available.');
    await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload' }).click()]);
    await expect.poll(revisionOfHome, { message: 'index.html re-cached under the new revision' }).toBe('newbuild');
    await expect(page.locator('.update-prompt')).toHaveCount(0);
  } finally {
    writeFileSync(swPath, original);
  }
});

test('the web app manifest names the site, starts at / and lists its icons', async ({ page }) => {
  const res = await page.request.get('/manifest.webmanifest');
  expect(res.status()).toBe(200);
  const manifest = await res.json();
  expect(manifest).toMatchObject({ short_name: 'Stepwise', start_url: '/', display: 'standalone' });
  for (const icon of manifest.icons as { src: string }[]) expect((await page.request.get(icon.src)).status()).toBe(200);
  await page.goto('/notation/');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
});
