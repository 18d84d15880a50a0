import type { Locator } from '@playwright/test';
import { bottleneck64, mismatch } from '../reference/float64/index.ts';
import { expect, test } from './guard.ts';
import { linkStateOf, readValue, readyWidget } from './widget-values.ts';

const ID = 'encoder-bottleneck';
const H = 6;

async function vector(root: Locator, symbol: string): Promise<number[]> {
  return root
    .locator(`[data-symbol="${symbol}"][data-index]`)
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
}

async function expectMatches(root: Locator, n: number, bz: number, d: number) {
  const want = bottleneck64(n, bz, d);
  await expect.poll(async () => (await vector(root, 'Delta')).length).toBe(n);
  expect(mismatch(await vector(root, 'c'), want.c)).toBe('');
  // Δ is a difference of nearby float32 states: its absolute error is about float32 rounding of c.
  expect(mismatch(await vector(root, 'Delta'), want.delta, { rtol: 1e-3, atol: 2e-6 })).toBe('');
}

test.beforeEach(async ({ page }) => {
  await page.goto('/seq2seq/');
});

test('encoder-bottleneck shows c and Δ_j equal to a float64 GRU rerun for the defaults', async ({ page }) => {
  const w = await readyWidget(page, ID);
  expect(await readValue(w, 'n')).toBe(12);
  await expectMatches(w, 12, 0, 0.5);
  expect(await vector(w, 'c')).toHaveLength(H);
});

test('typing n = 24 and b_z = 2 recomputes Δ_j to the float64 values; c keeps 6 numbers', async ({ page }) => {
  const w = await readyWidget(page, ID);
  await w.getByRole('textbox', { name: 'input length n' }).fill('24');
  await expectMatches(w, 24, 0, 0.5);
  const plain = (await vector(w, 'Delta'))[0] ?? 0;
  await w.getByRole('textbox', { name: 'update gate bias b_z' }).fill('2');
  await expectMatches(w, 24, 2, 0.5);
  expect((await vector(w, 'Delta'))[0]).toBeGreaterThan(plain * 10);
  expect(await vector(w, 'c')).toHaveLength(H);
});

test('the keyboard alone reaches the length slider and lengthens the input', async ({ page }) => {
  const w = await readyWidget(page, ID);
  const slider = w.getByRole('slider', { name: /input length n/ });
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await slider.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'Tab reaches the n slider').toBe(true);
  await page.keyboard.press('ArrowRight');
  await expectMatches(w, 13, 0, 0.5);
});

test('the link restores n, b_z and δ with the same numbers', async ({ page }) => {
  const w = await readyWidget(page, ID);
  await w.getByRole('textbox', { name: 'input length n' }).fill('7');
  await w.getByRole('textbox', { name: /change delta/ }).fill('0.2');
  // Share writes the pending state into the address bar at once (no wait for the debounce).
  await w.getByRole('button', { name: 'Share' }).click();
  // Both edits in the link (a CI run reloaded a link that had n but not yet δ), and on screen, before reading.
  await expect
    .poll(async () => linkStateOf(await page.evaluate(() => location.href), ID), 'n and δ in the link')
    .toMatchObject({ n: 7, d: 0.2 });
  await expectMatches(w, 7, 0, 0.2);
  const before = await vector(w, 'Delta');
  const url = await page.evaluate(() => location.href);
  await page.goto('about:blank');
  await page.goto(url);
  const again = await readyWidget(page, ID);
  await expect.poll(() => vector(again, 'Delta')).toEqual(before);
  await expectMatches(again, 7, 0, 0.2);
});

test('a broken link shows a message and the defaults; one bad field keeps the others', async ({ page }) => {
  await page.goto('about:blank');
  await page.goto('/seq2seq/#w-encoder-bottleneck=garbage!!');
  let w = await readyWidget(page, ID);
  await expect(w.getByText(/could not be read/)).toBeVisible();
  await expectMatches(w, 12, 0, 0.5);
  const code = Buffer.from(JSON.stringify({ n: 500, bz: 2 })).toString('base64url');
  await page.goto('about:blank');
  await page.goto(`/seq2seq/#w-encoder-bottleneck=${code}`);
  w = await readyWidget(page, ID);
  await expect(w.getByText(/“n” was invalid/)).toBeVisible();
  await expectMatches(w, 12, 2, 0.5);
});
