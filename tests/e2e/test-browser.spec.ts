import { axeRun } from './axe-run.ts';
import { expect, test } from './guard.ts';

/**
 * The browser the tests run in does only what the tests ask: tests/chromium.ts switches off what Chromium would
 * otherwise start for every test context (tests/build/chromium-flags.test.ts checks the flags themselves).
 */
test('a test context runs no browser-UI pages beside the page under test (the address bar popup is off)', async ({
  page,
  browser,
}) => {
  await page.goto('/notation/');
  const cdp = await browser.newBrowserCDPSession();
  // An empty filter entry lists every kind of target, browser-UI WebUI pages included.
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{}] });
  expect(targetInfos.filter((t) => t.type === 'browser_ui').map((t) => t.url)).toEqual([]);
  expect(targetInfos.filter((t) => t.type === 'page').length, 'the page under test is listed').toBeGreaterThan(0);
});

test('the sweeps’ axe runner finds a planted violation, honours include, exclude and rules, and runs again after a navigation', async ({
  page,
}) => {
  await page.goto('/notation/');
  // Pale grey on the page's white: about 1.2:1, far under 4.5:1.
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'planted';
    p.textContent = 'planted low-contrast text';
    p.style.color = '#eeeeee';
    p.style.background = '#ffffff';
    document.querySelector('main')?.append(p);
  });
  const found = await axeRun(page);
  expect(found.map((v) => `${v.id} ${v.targets.join(' ')}`)).toContain('color-contrast #planted');
  expect(await axeRun(page, { exclude: ['#planted'] })).toEqual([]);
  expect((await axeRun(page, { include: ['#planted'], rules: ['color-contrast'] })).map((v) => v.id)).toEqual([
    'color-contrast',
  ]);
  expect(await axeRun(page, { include: ['#planted'], skipRules: ['color-contrast'] })).toEqual([]);
  // A navigation drops the injected axe: the runner injects it again.
  await page.goto('/notation/');
  expect(await axeRun(page)).toEqual([]);
});
