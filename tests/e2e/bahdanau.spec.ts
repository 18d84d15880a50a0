import type { Locator, Page } from '@playwright/test';
import { bahdanau64, mismatch, qkvBridge64, type Recurrent64 } from '../reference/float64/index.ts';
import { expect, test } from './guard.ts';
import { linkStateOf, readValue, readyWidget } from './widget-values.ts';

const ID = 'bahdanau';
const weightSymbols = [
  'Wf_ih',
  'Wf_hh',
  'bf_ih',
  'bf_hh',
  'Wb_ih',
  'Wb_hh',
  'bb_ih',
  'bb_hh',
  'W_a',
  'U_a',
  'v_a',
  'Wd_ih',
  'Wd_hh',
  'bd_ih',
  'bd_hh',
  'W_y',
  'b_y',
];

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

/** The float64 walkthrough for whatever weights, embeddings and κ the page shows now. */
async function reference(root: Locator) {
  const w: Record<string, number[][]> = {};
  for (const s of weightSymbols) w[s] = await matrix(root, s);
  const gru = (p: string): Recurrent64 => ({
    W_ih: w[`W${p}_ih`] ?? [],
    W_hh: w[`W${p}_hh`] ?? [],
    b_ih: column(w[`b${p}_ih`] ?? []),
    b_hh: column(w[`b${p}_hh`] ?? []),
  });
  const kappa = await readValue(root, 'kappa');
  const X = await matrix(root, 'x');
  return bahdanau64(
    X,
    {
      fwd: gru('f'),
      bwd: gru('b'),
      W_a: w.W_a ?? [],
      U_a: w.U_a ?? [],
      v_a: column(w.v_a ?? []).map((v) => v * kappa),
      dec: gru('d'),
      W_y: w.W_y ?? [],
      b_y: column(w.b_y ?? []),
    },
    4,
  );
}

const next = (root: Locator) => root.getByRole('button', { name: 'Next' });
const counter = (root: Locator) => root.getByText(/^step \d+ of 21/);

/** Walks from the encoder to every decoder step's last stop and checks e, α, c, s, y and the α matrix. */
async function expectWalkMatches(page: Page, root: Locator) {
  const want = await reference(root);
  for (const [j, h] of (await matrix(root, 'H')).entries()) expect(mismatch(h, want.H[j] ?? [])).toBe('');
  const rewind = root.getByRole('group', { name: /Attention walkthrough/ }).getByRole('button', { name: 'Reset' });
  if (await rewind.isEnabled()) await rewind.click();
  for (let i = 1; i <= 4; i++) {
    for (let k = 0; k < 5; k++) await next(root).click();
    await expect(counter(root)).toContainText(`step ${5 * i + 1} of 21`);
    const r = want.steps[i - 1];
    if (!r) throw new Error(`no reference step ${i}`);
    expect(mismatch(column(await matrix(root, 'pair')).slice(0, 3), r.sPrev), `s_${i - 1}`).toBe('');
    expect(mismatch((await matrix(root, 'e'))[0] ?? [], r.e), `e_${i}`).toBe('');
    expect(mismatch((await matrix(root, 'alpha'))[0] ?? [], r.alpha), `α_${i}`).toBe('');
    expect(mismatch(column(await matrix(root, 'c')), r.c), `c_${i}`).toBe('');
    expect(mismatch(column(await matrix(root, 's')), r.s), `s_${i}`).toBe('');
    expect(mismatch(column(await matrix(root, 'y')), r.y), `y_${i}`).toBe('');
    const rows = await matrix(root, 'alpha_ij');
    expect(rows).toHaveLength(i);
    for (const [k, row] of rows.entries()) expect(mismatch(row, want.steps[k]?.alpha ?? [])).toBe('');
  }
  void page;
}

async function editCell(root: Locator, symbol: string, index: string, value: string) {
  const cell = root.locator(`[data-symbol="${symbol}"][data-index="${index}"]`).first();
  await cell.focus();
  await cell.press('Enter');
  await root.page().keyboard.press('ControlOrMeta+a');
  await root.page().keyboard.type(value);
  await root.page().keyboard.press('Enter');
  await expect(cell).toHaveAttribute('data-value', value);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/bahdanau/');
});

test('bahdanau: e, α, c, s and y at steps i = 1..4 equal a float64 walkthrough of the shown weights', async ({
  page,
}) => {
  const w = await readyWidget(page, ID);
  await expectWalkMatches(page, w);
});

test('editing U_a, an embedding and κ through the UI gives the float64 values for the new numbers', async ({
  page,
}) => {
  const w = await readyWidget(page, ID);
  await editCell(w, 'U_a', '1,2', '2.5');
  await editCell(w, 'x', '2,0', '3');
  await w.getByRole('textbox', { name: 'scale kappa of v_a' }).fill('4');
  await expect(w.locator('[data-symbol="kappa"]')).toHaveAttribute('data-value', '4');
  await expectWalkMatches(page, w);
});

test('κ = 0 makes every weight exactly 1/4', async ({ page }) => {
  const w = await readyWidget(page, ID);
  await w.getByRole('textbox', { name: 'scale kappa of v_a' }).fill('0');
  await w.getByRole('button', { name: 'Next' }).click();
  for (let k = 0; k < 2; k++) await next(w).click();
  expect((await matrix(w, 'alpha'))[0]).toEqual([0.25, 0.25, 0.25, 0.25]);
});

test('the keyboard alone steps through the walkthrough with the arrow keys', async ({ page }) => {
  const w = await readyWidget(page, ID);
  const play = w.getByRole('button', { name: /Play/ });
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await play.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'Tab reaches the Play button').toBe(true);
  for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
  await expect(counter(w)).toContainText('step 4 of 21');
  const want = await reference(w);
  expect(mismatch((await matrix(w, 'alpha'))[0] ?? [], want.steps[0]?.alpha ?? [])).toBe('');
  await page.keyboard.press('ArrowLeft');
  await expect(counter(w)).toContainText('step 3 of 21');
  await page.keyboard.press('Home');
  await expect(counter(w)).toContainText('step 1 of 21');
});

test('the link restores the step, κ and an edited weight with the same numbers', async ({ page }) => {
  const w = await readyWidget(page, ID);
  await editCell(w, 'v_a', '1,0', '-2');
  await w.getByRole('textbox', { name: 'scale kappa of v_a' }).fill('3');
  await expect(w.locator('[data-symbol="kappa"]')).toHaveAttribute('data-value', '3');
  // One step per click, each seen before the next (a full CI run once counted 5 of 10 quick clicks).
  for (let k = 2; k <= 11; k++) {
    await next(w).click();
    await expect(counter(w)).toContainText(`step ${k} of 21`);
  }
  // Share writes the pending state into the address bar at once (no wait for the debounce).
  await w.getByRole('button', { name: 'Share' }).click();
  // Wait for the link to hold step 11 (t counts from 0), not an earlier state (a CI run under load reloaded step 2).
  await expect
    .poll(async () => linkStateOf(await page.evaluate(() => location.href), ID)?.t, 'the step in the link')
    .toBe(10);
  const before = { alpha: await matrix(w, 'alpha_ij'), s: await matrix(w, 's') };
  const url = await page.evaluate(() => location.href);
  await page.goto('about:blank');
  await page.goto(url);
  const again = await readyWidget(page, ID);
  await expect(counter(again)).toContainText('step 11 of 21');
  expect(await readValue(again, 'kappa')).toBe(3);
  expect({ alpha: await matrix(again, 'alpha_ij'), s: await matrix(again, 's') }).toEqual(before);
});

test('a broken link shows a message and the defaults; one bad field keeps the others', async ({ page }) => {
  const w0 = await readyWidget(page, ID);
  const defaults = await matrix(w0, 'H');
  await page.goto('about:blank');
  await page.goto('/bahdanau/#w-bahdanau=garbage!!');
  let w = await readyWidget(page, ID);
  await expect(w.getByText(/could not be read/)).toBeVisible();
  expect(await matrix(w, 'H')).toEqual(defaults);
  const code = Buffer.from(JSON.stringify({ k: 2, W_a: [[1, 2]] })).toString('base64url');
  await page.goto('about:blank');
  await page.goto(`/bahdanau/#w-bahdanau=${code}`);
  w = await readyWidget(page, ID);
  await expect(w.getByText(/“W_a” was invalid/)).toBeVisible();
  expect(await readValue(w, 'kappa')).toBe(2);
  expect((await matrix(w, 'W_a'))[0]).toHaveLength(3);
  await expectWalkMatches(page, w);
});

test('the Q/K/V panel shows each step’s own s(i−1), h_j, e, α and c, and a dot-product read equal to float64', async ({
  page,
}) => {
  const w = await readyWidget(page, ID);
  const panel = w.getByRole('region', { name: /as queries, keys and values/ });
  await expect(w.locator('[data-note="simplifications"]')).toContainText('tanh(W');
  await editCell(w, 'W_a', '0,1', '1.7');
  const want = await reference(w);
  const W_a = await matrix(w, 'W_a');
  const U_a = await matrix(w, 'U_a');
  // At the encoder stop the panel already shows step 1.
  await expect(panel).toHaveAttribute('aria-label', 'Step 1 as queries, keys and values');
  for (let i = 1; i <= 4; i++) {
    for (let k = 0; k < 5; k++) await next(w).click();
    await expect(counter(w)).toContainText(`step ${5 * i + 1} of 21`);
    await expect(panel).toHaveAttribute('aria-label', `Step ${i} as queries, keys and values`);
    // The panel's q, K and additive side are the walkthrough's own numbers, cell for cell.
    expect(column(await matrix(panel, 'qkv_q'))).toEqual(column(await matrix(w, 'pair')).slice(0, 3));
    expect(await matrix(panel, 'qkv_K')).toEqual(await matrix(w, 'H'));
    expect((await matrix(panel, 'qkv_e_add'))[0]).toEqual((await matrix(w, 'e'))[0]);
    expect((await matrix(panel, 'qkv_alpha_add'))[0]).toEqual((await matrix(w, 'alpha'))[0]);
    expect((await matrix(panel, 'qkv_c_add'))[0]).toEqual(column(await matrix(w, 'c')));
    // The dot-product side against float64 from the shown weights, the reference's s(i−1) and annotations.
    const r = want.steps[i - 1];
    if (!r) throw new Error(`no reference step ${i}`);
    const dot = qkvBridge64(r.sPrev, want.H, W_a, U_a);
    expect(mismatch((await matrix(panel, 'qkv_Wq'))[0] ?? [], dot.Wq), `W_a q at ${i}`).toBe('');
    for (const [j, k] of (await matrix(panel, 'qkv_Uk')).entries())
      expect(mismatch(k, dot.Uk[j] ?? []), `U_a k_${j + 1}`).toBe('');
    expect(mismatch((await matrix(panel, 'qkv_e_dot'))[0] ?? [], dot.dot), `dot scores at ${i}`).toBe('');
    expect(mismatch((await matrix(panel, 'qkv_alpha_dot'))[0] ?? [], dot.alphaDot), `dot weights at ${i}`).toBe('');
    expect(mismatch((await matrix(panel, 'qkv_c_dot'))[0] ?? [], dot.cDot), `dot context at ${i}`).toBe('');
  }
});
