import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './guard.ts';
import { sitePages } from './site-pages.ts';

// Service workers are blocked in every other spec (playwright.config.ts); these tests are about them.
test.use({ serviceWorkers: 'allow' });
// The second test rewrites dist/sw.js while it runs; the first must not install from that copy.
test.describe.configure({ mode: 'serial' });

const dist = process.env.STEPWISE_DIST ?? 'dist';

/**
 * Waits until the site's service worker has precached the build and controls the page. The site registers it
 * only once the reader has been quiet for a while, at least 5 s after load (src/lib/offline/register.ts); the
 * update test below waits for that. The others do not test when it registers, only what it serves, and
 * register the same /sw.js at once (`now`): about 8 s less per test.
 */
async function controlled(page: Page, when: 'now' | 'when the site does' = 'when the site does'): Promise<void> {
  await page.evaluate(async (now) => {
    if (now) await navigator.serviceWorker.register('/sw.js');
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
    }
  }, when === 'now');
}

/** Every file under dist/ (relative, '/'-separated), for comparing with what the service worker precaches. */
function builtFiles(dir = dist, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? builtFiles(dir, rel) : [rel];
  });
}

/**
 * Files the service worker leaves out on purpose (src/build/offline.ts `globIgnores`), each with why no page
 * needs it offline. A file missing from the precache for any other reason fails the first test below.
 */
const notPrecached: Record<string, string> = {
  'sw.js': 'the service worker itself, fetched by the browser, never through its own cache',
  _headers: 'the static host’s header rules, never requested by a page',
  'snapshots/README.md': 'the source of /snapshots/, which serves it as a page',
};

test('the service worker precaches every file of the build (nothing a page can ask for is left out)', () => {
  const manifest = [...readFileSync(join(dist, 'sw.js'), 'utf8').matchAll(/\{url:"([^"]+)",revision:/g)].map(
    (m) => m[1],
  );
  expect(manifest.length, 'entries in the precache manifest').toBeGreaterThan(100);
  const missing = builtFiles().filter((f) => !(f in notPrecached) && !f.endsWith('.map') && !manifest.includes(f));
  expect(missing, 'built files the service worker does not precache').toEqual([]);
});

/**
 * Pages loaded offline, one of each kind: a chapter whose widgets compute on WebGL2, the lab (its worker and
 * pretrained weights), a Chinese chapter, and embed pages with the query parameters links carry (?lang, ?present,
 * ?challenge), whose widgets fetch weights files and lazy chunks. With the test above (every file is precached),
 * these show that the worker answers navigations and files, whatever the query, from the offline copy.
 */
const offlinePages = [
  '/gru/',
  '/lab/',
  '/zh/bahdanau/',
  '/embed/pretrained-translate/?lang=zh',
  '/embed/decoding-search/?present',
  '/embed/lstm-cell/?challenge=lstm-keep-x1',
  '/embed/multi-head/',
  '/embed/score-functions/',
];

test('after one online visit, every page answers offline and pages of each kind get every widget ready', async ({
  page,
  context,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await controlled(page, 'now');
  await context.setOffline(true);
  const pages = sitePages();
  await test.step(`all ${pages.length} pages answer 200 from the offline copy`, async () => {
    const statuses = await page.evaluate(
      // Each body is read whole: a page, not only its status, is in the copy.
      (paths) =>
        Promise.all(
          paths.map(async (p) => {
            const r = await fetch(p);
            return [p, r.status, (await r.text()).includes('</html>')] as const;
          }),
        ),
      pages,
    );
    expect(statuses.filter(([, status, whole]) => status !== 200 || !whole)).toEqual([]);
  });
  const failed: string[] = [];
  // A file missing offline fails with ERR_INTERNET_DISCONNECTED or ERR_FAILED; ERR_ABORTED is a preload the next
  // navigation cancelled.
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText ?? '';
    if (error !== 'net::ERR_ABORTED') failed.push(`${r.url()} (${error})`);
  });
  for (const path of offlinePages) {
    await test.step(`${path} offline: every widget on it becomes ready`, async () => {
      await page.goto(path);
      const widgets = page.locator('[data-widget]');
      await expect(widgets.first()).toBeVisible();
      const n = await widgets.count();
      await expect.soft(page.locator('[data-widget][data-ready]'), path).toHaveCount(n, { timeout: 60_000 });
    });
  }
  expect.soft(failed, 'requests that failed offline').toEqual([]);
});

test('after one online visit, the <stepwise-widget> bundle, its chunks and KaTeX fonts work offline in a plain page', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await controlled(page, 'now');
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
