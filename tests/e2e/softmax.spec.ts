import type { Locator } from '@playwright/test';
import { mismatch, softmax64, type Tolerance } from '../reference/float64/index.ts';
import { axeViolations } from './axe-run.ts';
import { expect, test } from './guard.ts';
import { readyWidget, valuesOf } from './widget-values.ts';

/** Independent float64 reference (tests/reference/float64): softmax(z / τ), not computed by the engine. */
const softmaxRef = (z: number[], tau = 1): number[] => softmax64(z.map((v) => v / tau));

const P = ['p_1', 'p_2', 'p_3', 'p_4'];
const Z = ['z_1', 'z_2', 'z_3', 'z_4'];
/** float32 softmax against float64: well inside 1e-6 (tighter than the widget tolerance). */
const SOFTMAX: Tolerance = { rtol: 1e-6, atol: 1e-6 };

/** Waits until the widget shows `want` as p_1..p_4 (it recomputes after an input), within 1e-6. */
const shows = (w: Locator, want: number[]) =>
  expect.poll(async () => mismatch(await valuesOf(w, P), want, SOFTMAX, 'p'), { message: `p = ${want}` }).toBe('');

// One load for everything that starts from the defaults (each step resets them); the keyboard test needs its own
// load because it Tabs from the top of the page.
test('the softmax widget computes float64 softmax of its defaults, of typed logits and temperatures, and refuses nonsense', async ({
  page,
}) => {
  await page.goto('/start-here/');
  const w = await readyWidget(page, 'softmax');
  const reset = () => w.getByRole('button', { name: 'Reset' }).click();
  await test.step('defaults', async () => {
    const z = await valuesOf(w, Z);
    expect(z).toEqual([2, 1, 0.1, -1]);
    await shows(w, softmaxRef(z));
  });
  await test.step('typing a logit updates the probabilities to the softmax of the new logits', async () => {
    await w.getByRole('textbox', { name: /logit z2/ }).fill('3.5');
    await expect(w.locator('td[data-symbol="z_2"]')).toHaveAttribute('data-value', '3.5');
    await shows(w, softmaxRef([2, 3.5, 0.1, -1]));
    await expect(w.locator('.katex [data-symbol="p_2"]')).toHaveCount(1);
    await reset();
    await shows(w, softmaxRef([2, 1, 0.1, -1]));
  });
  await test.step('the temperature sharpens the distribution and Reset flattens it back', async () => {
    await w.getByRole('textbox', { name: 'temperature tau' }).fill('0.25');
    await shows(w, softmaxRef([2, 1, 0.1, -1], 0.25));
    await reset();
    await shows(w, softmaxRef([2, 1, 0.1, -1]));
  });
  await test.step('nonsense input is refused with a message and the previous value is kept', async () => {
    const before = await valuesOf(w, P);
    await w.getByRole('textbox', { name: /logit z1/ }).fill('abc');
    await expect(w.getByRole('status')).toContainText('not a number');
    expect(await valuesOf(w, P)).toEqual(before);
    await w.getByRole('textbox', { name: /logit z1/ }).fill('Infinity');
    await expect(w.getByRole('status')).toContainText('finite');
    expect(await valuesOf(w, P)).toEqual(before);
  });
  await test.step('huge logits stay exact: softmax([1000, 1000, 0, -1000]) splits the mass in two', async () => {
    const values = ['1000', '1000', '0', '-1000'];
    for (let i = 0; i < 4; i++)
      await w.getByRole('textbox', { name: new RegExp(`logit z${i + 1}`) }).fill(values[i] ?? '');
    await shows(w, [0.5, 0.5, 0, 0]);
  });
});

test('the naive softmax runs in float32 beside the stable one: equal on ordinary logits, broken at z₁ = 100 with a message', async ({
  page,
}) => {
  await page.goto('/start-here/');
  const w = await readyWidget(page, 'softmax');
  const naive = w.getByRole('checkbox', { name: /Naive softmax/ });
  const failure = w.locator('[data-symbol="naive_failure"]');
  await naive.check();
  await test.step('on the default logits both formulas give the float64 softmax and nothing is reported', async () => {
    await shows(w, softmaxRef([2, 1, 0.1, -1]));
    await expect.soft(failure).toHaveCount(0);
  });
  await test.step('z₁ = 100: e^100 is +∞ in float32, p₁ = ∞/∞ = NaN, the rest 0, the stable column still float64', async () => {
    await w.getByRole('textbox', { name: /logit z1/ }).fill('100');
    await expect(w.locator('td[data-symbol="e_1"]')).toHaveAttribute('data-value', 'Infinity');
    await expect.soft(w.locator('td[data-symbol="p_1"]')).toHaveAttribute('data-value', 'NaN');
    expect.soft(await valuesOf(w, ['p_2', 'p_3', 'p_4'])).toEqual([0, 0, 0]);
    const stable = await valuesOf(w, ['stable_p_1', 'stable_p_2', 'stable_p_3', 'stable_p_4']);
    expect.soft(mismatch(stable, softmaxRef([100, 1, 0.1, -1]), SOFTMAX, 'stable p')).toBe('');
    await expect.soft(failure).toHaveAttribute('data-value', 'overflow');
    await expect.soft(failure).toContainText('Overflow');
  });
  await test.step('the broken state passes axe in both themes', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      expect.soft(await axeViolations(page, theme, { include: ['[data-widget="softmax"]'] })).toEqual([]);
    }
  });
  await test.step('Reset goes back to the stable formula', async () => {
    await w.getByRole('button', { name: 'Reset' }).click();
    await expect.soft(naive).not.toBeChecked();
    await expect.soft(failure).toHaveCount(0);
    await shows(w, softmaxRef([2, 1, 0.1, -1]));
  });
});

test('the keyboard alone reaches and operates the softmax widget', async ({ page }) => {
  await page.goto('/start-here/');
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
  await expect.poll(async () => (await valuesOf(w, Z))[0]).toBeCloseTo(2.2, 6);
  await shows(w, softmaxRef(await valuesOf(w, Z)));
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await valuesOf(w, Z))[0]).toBeCloseTo(2.3, 6);
});
