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
