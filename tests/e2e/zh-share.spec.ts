import { expect, test } from './guard.ts';
import { readValue, readyWidget } from './widget-values.ts';

/**
 * Share on a Chinese page keeps the language (issue 23): the copied link is the /zh/ page's, the embed code asks for
 * ?lang=zh, and the embed it names opens in Chinese with the shared state's numbers.
 */
test('Share on /zh/start-here/: the link stays on /zh/, the embed code carries lang=zh and opens in Chinese', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/zh/start-here/');
  const root = await readyWidget(page, 'softmax');
  // A state of its own, so the link has one to carry (the default state adds nothing to the URL).
  const temperature = root.getByRole('textbox', { name: '温度 τ', exact: true });
  await temperature.fill('0.5');
  await temperature.press('Enter');
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#w-softmax=/);
  const share = root.getByRole('button', { name: /分享/ });
  await share.click();
  await page.getByRole('menuitem', { name: '复制指向当前状态的链接' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).pathname).toBe('/zh/start-here/');
  expect(new URL(link).hash).toMatch(/^#w-softmax=[\w-]+$/);

  const p1 = await readValue(root, 'p_1');
  await share.click();
  await page.getByRole('menuitem', { name: '复制嵌入代码（iframe）' }).click();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  const src = /src="([^"]+)"/.exec(snippet)?.[1] ?? '';
  expect(new URL(src).pathname).toBe('/embed/softmax/');
  expect(new URL(src).searchParams.get('lang')).toBe('zh');

  await page.goto(src);
  const embedded = await readyWidget(page, 'softmax');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(embedded.getByRole('button', { name: /分享/ })).toBeVisible();
  expect(await readValue(embedded, 'p_1')).toBeCloseTo(p1, 6);
});
