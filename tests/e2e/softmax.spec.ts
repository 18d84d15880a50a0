import { expect, test } from './guard.ts';
import { readyWidget, valuesOf } from './widget-values.ts';

/** Independent float64 reference: softmax(z / τ), computed here, not by the engine. */
function softmax64(z: number[], tau = 1): number[] {
  const scaled = z.map((v) => v / tau);
  const m = Math.max(...scaled);
  const e = scaled.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

const P = ['p_1', 'p_2', 'p_3', 'p_4'];
const Z = ['z_1', 'z_2', 'z_3', 'z_4'];
/** float32 softmax of four widget-size logits: relative error well under 1e-6. */
const closeTo = (got: number[], want: number[]) => {
  got.forEach((g, i) => {
    const w = want[i] ?? Number.NaN;
    expect(Math.abs(g - w), `index ${i}: got ${g}, want ${w}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(w)));
  });
};

test.beforeEach(async ({ page }) => {
  await page.goto('/start-here/');
});

test('softmax widget shows softmax of its default logits', async ({ page }) => {
  const w = await readyWidget(page, 'softmax');
  const z = await valuesOf(w, Z);
  expect(z).toEqual([2, 1, 0.1, -1]);
  closeTo(await valuesOf(w, P), softmax64(z));
});

test('typing a logit updates the probabilities to the softmax of the new logits', async ({ page }) => {
  const w = await readyWidget(page, 'softmax');
  const box = w.getByRole('textbox', { name: /logit z2/ });
  await box.fill('3.5');
  await expect(w.locator('td[data-symbol="z_2"]')).toHaveAttribute('data-value', '3.5');
  closeTo(await valuesOf(w, P), softmax64([2, 3.5, 0.1, -1]));
  await expect(w.locator('.katex [data-symbol="p_2"]')).toHaveCount(1);
});

test('huge logits stay exact: softmax([1000, 1000, 0, -1000]) splits the mass in two', async ({ page }) => {
  const w = await readyWidget(page, 'softmax');
  const values = ['1000', '1000', '0', '-1000'];
  for (let i = 0; i < 4; i++)
    await w.getByRole('textbox', { name: new RegExp(`logit z${i + 1}`) }).fill(values[i] ?? '');
  closeTo(await valuesOf(w, P), [0.5, 0.5, 0, 0]);
});

test('nonsense input is refused with a message and the previous value is kept', async ({ page }) => {
  const w = await readyWidget(page, 'softmax');
  const before = await valuesOf(w, P);
  await w.getByRole('textbox', { name: /logit z1/ }).fill('abc');
  await expect(w.getByRole('status')).toContainText('not a number');
  expect(await valuesOf(w, P)).toEqual(before);
  await w.getByRole('textbox', { name: /logit z1/ }).fill('Infinity');
  await expect(w.getByRole('status')).toContainText('finite');
  expect(await valuesOf(w, P)).toEqual(before);
});

test('the keyboard alone reaches and operates the softmax widget', async ({ page }) => {
  const w = await readyWidget(page, 'softmax');
  const slider = w.getByRole('slider', { name: /logit z1/ });
  // Tab from the top of the page until the first logit slider has focus.
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await slider.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'Tab reaches the first logit slider').toBe(true);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const z = await valuesOf(w, Z);
  expect(z[0]).toBeCloseTo(2.2, 6);
  closeTo(await valuesOf(w, P), softmax64(z));
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowUp');
  expect((await valuesOf(w, Z))[0]).toBeCloseTo(2.3, 6);
});

test('the temperature sharpens and flattens the distribution', async ({ page }) => {
  const w = await readyWidget(page, 'softmax');
  await w.getByRole('textbox', { name: 'temperature tau' }).fill('0.25');
  closeTo(await valuesOf(w, P), softmax64([2, 1, 0.1, -1], 0.25));
  await w.getByRole('button', { name: 'Reset' }).click();
  closeTo(await valuesOf(w, P), softmax64([2, 1, 0.1, -1]));
});
