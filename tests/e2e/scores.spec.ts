import type { Locator } from '@playwright/test';
import { draws64, local64, luong64, mismatch, softmax64, weighted64 } from '../reference/float64/index.ts';
import { expect, test } from './guard.ts';
import { linkStateOf, readValue, readyWidget } from './widget-values.ts';

/** A matrix as the widget shows it: every cell with this symbol and a data-index "i,j". */
async function matrix(root: Locator, symbol: string): Promise<number[][]> {
  const cells = await root
    .locator(`[data-symbol="${symbol}"][data-index]`)
    .evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-index') ?? '', Number(e.getAttribute('data-value'))] as const),
    );
  const out: number[][] = [];
  for (const [index, value] of cells) {
    const [i = 0, j = 0] = index.split(',').map(Number);
    out[i] ??= [];
    (out[i] as number[])[j] = value;
  }
  return out;
}
const column = (m: number[][]) => m.map((r) => r[0] ?? Number.NaN);

async function editCell(root: Locator, symbol: string, index: string, value: string) {
  const cell = root.locator(`[data-symbol="${symbol}"][data-index="${index}"]`).first();
  await cell.focus();
  await cell.press('Enter');
  await root.page().keyboard.press('ControlOrMeta+a');
  await root.page().keyboard.type(value);
  await root.page().keyboard.press('Enter');
  await expect(cell).toHaveAttribute('data-value', value);
}

/** Tabs from the top until `target` has focus. */
async function tabTo(target: Locator) {
  for (let i = 0; i < 150; i++) {
    await target.page().keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error('Tab never reached the control');
}

/** The score widget's float64 scores and weights for the inputs it shows now. */
async function scoreRef(w: Locator) {
  const h = column(await matrix(w, 'h_t'));
  const H = await matrix(w, 'Hbar');
  const scores = [
    luong64('dot', h, H),
    luong64('general', h, H, await matrix(w, 'W_g')),
    luong64('concat', h, H, await matrix(w, 'W_c'), column(await matrix(w, 'v_a'))),
  ];
  return { scores, alpha: scores.map(softmax64) };
}

async function expectScores(w: Locator) {
  const want = await scoreRef(w);
  const scores = await matrix(w, 'score');
  const alpha = await matrix(w, 'alpha');
  for (let k = 0; k < 3; k++) {
    expect(mismatch(scores[k] ?? [], want.scores[k] ?? [])).toBe('');
    expect(mismatch(alpha[k] ?? [], want.alpha[k] ?? [])).toBe('');
  }
  return alpha;
}

test.beforeEach(async ({ page }) => {
  await page.goto('/scores/');
});

test('score-functions: dot, general and concat equal float64 scores and give different weightings', async ({
  page,
}) => {
  const w = await readyWidget(page, 'score-functions');
  const [dot = [], general = [], concat = []] = await expectScores(w);
  const gap = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - (b[i] ?? 0))));
  expect(gap(dot, general)).toBeGreaterThan(0.05);
  expect(gap(dot, concat)).toBeGreaterThan(0.05);
  expect(gap(general, concat)).toBeGreaterThan(0.05);
});

test('pressing "Set W_a = I" makes the general weights identical to the dot weights', async ({ page }) => {
  const w = await readyWidget(page, 'score-functions');
  await w.getByRole('button', { name: 'Set W_a = I' }).click();
  expect(await matrix(w, 'W_g')).toEqual([
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ]);
  const alpha = await expectScores(w);
  expect(alpha[1]).toEqual(alpha[0]);
  expect((await matrix(w, 'score'))[1]).toEqual((await matrix(w, 'score'))[0]);
  await expect(w.getByText(/identical weights/)).toBeVisible();
});

test('editing h_t and W_a(concat) by keyboard updates all three weightings to float64 values', async ({ page }) => {
  const w = await readyWidget(page, 'score-functions');
  await editCell(w, 'h_t', '1,0', '-1.5');
  await editCell(w, 'W_c', '2,4', '2');
  await expectScores(w);
  await w.getByRole('button', { name: 'Double h_t' }).click();
  await expect(w.locator('[data-symbol="h_t"][data-index="1,0"]')).toHaveAttribute('data-value', '-3');
  await expectScores(w);
});

test('score-functions link round-trips, and a bad field falls back alone', async ({ page }) => {
  const w = await readyWidget(page, 'score-functions');
  await editCell(w, 'Hbar', '0,1', '0.9');
  // Share writes the pending state into the address bar at once (no wait for the debounce).
  await w.getByRole('button', { name: 'Share' }).click();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('w-score-functions=');
  const url = await page.evaluate(() => location.href);
  await page.goto('about:blank');
  await page.goto(url);
  // The edit came back, and the weights are the float64 ones for the restored inputs (not the widget's own earlier
  // numbers, which a wrong restore would reproduce just as well).
  const restored = await readyWidget(page, 'score-functions');
  await expect(restored.locator('[data-symbol="Hbar"][data-index="0,1"]').first()).toHaveAttribute('data-value', '0.9');
  await expectScores(restored);
  const code = Buffer.from(
    JSON.stringify({
      h: [1, 2],
      G: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    }),
  ).toString('base64url');
  await page.goto('about:blank');
  await page.goto(`/scores/#w-score-functions=${code}`);
  const again = await readyWidget(page, 'score-functions');
  await expect(again.getByText(/“h” was invalid/)).toBeVisible();
  const alpha = await expectScores(again);
  expect(alpha[1]).toEqual(alpha[0]);
  await page.goto('about:blank');
  await page.goto('/scores/#w-score-functions=%%%');
  await expect((await readyWidget(page, 'score-functions')).getByText(/could not be read/)).toBeVisible();
});

/** Local attention's float64 weights for what the widget shows now. */
async function expectLocal(w: Locator) {
  const p = await readValue(w, 'p');
  const D = await readValue(w, 'D');
  const gaussian = await w.getByRole('checkbox').isChecked();
  const H = await matrix(w, 'Hbar');
  const e = luong64('dot', column(await matrix(w, 'h_t')), H);
  const local = column(await matrix(w, 'alpha_local'));
  const want = local64(e, p - 1, D, gaussian);
  expect(mismatch(local, want)).toBe('');
  expect(mismatch(column(await matrix(w, 'alpha_global')), softmax64(e))).toBe('');
  expect(mismatch(column(await matrix(w, 'c_local')), weighted64(want, H))).toBe('');
  for (const [s, a] of local.entries()) if (Math.abs(s + 1 - p) > D) expect(a, `position ${s + 1}`).toBe(0);
  return local;
}

test('local-attention: weights equal float64 and are exactly zero outside the window', async ({ page }) => {
  const w = await readyWidget(page, 'local-attention');
  await expectLocal(w);
  await w.getByRole('textbox', { name: 'window center p' }).fill('2');
  await w.getByRole('textbox', { name: 'window half-width D' }).fill('2');
  await w.getByRole('checkbox').check();
  await expect(w.locator('[data-symbol="p"]').first()).toHaveAttribute('data-value', '2');
  const local = await expectLocal(w);
  expect(local.slice(4).every((a) => a === 0)).toBe(true);
});

test('local-attention: the keyboard moves the window center and the weights follow', async ({ page }) => {
  const w = await readyWidget(page, 'local-attention');
  await tabTo(w.getByRole('slider', { name: /window center p/ }));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(w.locator('[data-symbol="p"]').first()).toHaveAttribute('data-value', '7');
  await expectLocal(w);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await expect(w.locator('[data-symbol="D"]').first()).toHaveAttribute('data-value', '2');
  await expectLocal(w);
});

test('local-attention link round-trips the window', async ({ page }) => {
  const w = await readyWidget(page, 'local-attention');
  await w.getByRole('textbox', { name: 'window center p' }).fill('3');
  await w.getByRole('checkbox').check();
  // Share writes the pending state into the address bar at once (no wait for the debounce).
  await w.getByRole('button', { name: 'Share' }).click();
  await expect
    .poll(async () => linkStateOf(await page.evaluate(() => location.href), 'local-attention'), 'p and g in the link')
    .toMatchObject({ p: 3, g: true });
  const url = await page.evaluate(() => location.href);
  await page.goto('about:blank');
  await page.goto(url);
  const again = await readyWidget(page, 'local-attention');
  await expect(again.getByRole('checkbox')).toBeChecked();
  await expect(again.locator('[data-symbol="p"]').first()).toHaveAttribute('data-value', '3');
  // The restored window's weights against float64, not against the widget's own numbers from before the reload.
  await expectLocal(again);
});

/** Hard attention's draws against a float64 sampler on mulberry32(seed). */
async function expectHard(w: Locator) {
  const seed = await readValue(w, 'seed');
  const K = await readValue(w, 'K');
  const e = (await matrix(w, 'e'))[0] ?? [];
  const alpha = softmax64(e);
  expect(mismatch((await matrix(w, 'alpha'))[0] ?? [], alpha)).toBe('');
  const draws = draws64(alpha, seed, K);
  const freq = alpha.map((_, s) => draws.filter((d) => d === s).length / K);
  expect(mismatch((await matrix(w, 'freq'))[0] ?? [], freq)).toBe('');
  const shown = await w
    .locator('[data-symbol="sample"]')
    .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-value'))));
  expect(shown).toEqual(draws.slice(0, 40).map((d) => d + 1));
  return { alpha, freq };
}

test('hard-attention: draws equal a float64 sampler for the seed and repeat after reload', async ({ page }) => {
  const w = await readyWidget(page, 'hard-attention');
  const first = await expectHard(w);
  await w.getByRole('button', { name: /Draw again/ }).click();
  await expect(w.locator('[data-symbol="seed"]').first()).not.toHaveAttribute('data-value', '42');
  const second = await expectHard(w);
  expect(second.freq).not.toEqual(first.freq);
  // Share writes the pending state into the address bar at once (no wait for the debounce).
  await w.getByRole('button', { name: 'Share' }).click();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('w-hard-attention=');
  const samples = await w
    .locator('[data-symbol="sample"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-value')));
  const url = await page.evaluate(() => location.href);
  await page.goto('about:blank');
  await page.goto(url);
  const again = await readyWidget(page, 'hard-attention');
  expect(
    await again.locator('[data-symbol="sample"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-value'))),
  ).toEqual(samples);
});

test('hard-attention: the histogram approaches α as K grows from 10 to 5000', async ({ page }) => {
  const w = await readyWidget(page, 'hard-attention');
  await w.getByRole('textbox', { name: 'number of draws K' }).fill('10');
  const few = await expectHard(w);
  await w.getByRole('textbox', { name: 'number of draws K' }).fill('5000');
  await expect(w.locator('[data-symbol="K"]').first()).toHaveAttribute('data-value', '5000');
  const many = await expectHard(w);
  const gap = (r: typeof few) => Math.max(...r.alpha.map((a, s) => Math.abs(a - (r.freq[s] ?? 0))));
  expect(gap(many)).toBeLessThan(0.02);
  expect(gap(many)).toBeLessThan(gap(few));
  const spread = await readValue(w, 'spread');
  const expected = await readValue(w, 'spread_expected');
  expect(Math.abs(spread - expected)).toBeLessThan(0.05 * expected);
});

test('hard-attention: keyboard edits a score and the draws follow; a bad seed in the link falls back', async ({
  page,
}) => {
  const w = await readyWidget(page, 'hard-attention');
  await tabTo(w.getByRole('slider', { name: /number of draws K/ }));
  await page.keyboard.press('ArrowRight');
  await expect(w.locator('[data-symbol="K"]').first()).toHaveAttribute('data-value', '51');
  await expectHard(w);
  await editCell(w, 'e', '0,3', '3');
  await expectHard(w);
  const code = Buffer.from(JSON.stringify({ seed: -4, K: 7 })).toString('base64url');
  await page.goto('about:blank');
  await page.goto(`/scores/#w-hard-attention=${code}`);
  const again = await readyWidget(page, 'hard-attention');
  await expect(again.getByText(/“seed” was invalid/)).toBeVisible();
  expect(await readValue(again, 'seed')).toBe(42);
  expect(await readValue(again, 'K')).toBe(7);
  await expectHard(again);
});
