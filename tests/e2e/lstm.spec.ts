import type { Locator, Page } from '@playwright/test';
import { toBase64Url } from '~lib/url/state.ts';
import { lstmPresets } from '~components/state/data/gated-presets.ts';
import { lstm64, mismatch, type Recurrent64, TOLERANCE } from '../reference/float64/index.ts';
import { expect, test } from './guard.ts';
import { linkStateOf, readyWidget } from './widget-values.ts';

const ID = 'lstm-cell';
const preset = (id: string) => {
  const p = lstmPresets().find((x) => x.id === id);
  if (!p) throw new Error(id);
  return { w: structuredClone(p.weights), xs: p.inputs.map((r) => [...r]) };
};
const SYMBOLS = ['i', 'f', 'g', 'o', 'c', 'h'] as const;

/** The column of one trace symbol over the six steps (one unit), from data-value. */
async function column(w: Locator, symbol: string): Promise<number[]> {
  const out: number[] = [];
  for (let t = 0; t < 6; t++) {
    out.push(Number(await w.locator(`td[data-symbol="${symbol}"][data-index="${t},0"]`).getAttribute('data-value')));
  }
  return out;
}

async function expectReference(w: Locator, weights: Recurrent64, xs: number[][]) {
  const ref = lstm64(weights, xs);
  const problems: string[] = [];
  for (const s of SYMBOLS) {
    problems.push(
      mismatch(
        await column(w, s),
        ref.map((r) => r[s][0] ?? Number.NaN),
        TOLERANCE.gated,
        s,
      ),
    );
  }
  expect(problems.filter(Boolean)).toEqual([]);
}

async function counter(w: Locator): Promise<string> {
  return (await w.locator('output.counter').textContent()) ?? '';
}

async function choose(w: Locator, id: string) {
  await w.getByRole('combobox', { name: 'Preset' }).selectOption(id);
}

let visits = 0;

async function load(page: Page, hash = '') {
  // A fresh query makes every visit a full load (a hash-only navigation would not reload the page).
  visits += 1;
  await page.goto(`/lstm/?visit=${visits}${hash}`);
  return readyWidget(page, ID);
}

test('the LSTM widget shows the float64 LSTM of "write once, read later": h is 0 until the read at step 6', async ({
  page,
}) => {
  const w = await load(page);
  await expectReference(w, preset('write-read').w, preset('write-read').xs);
  const h = await column(w, 'h');
  for (const v of h.slice(0, 5)) expect(Math.abs(v)).toBeLessThan(0.01);
  expect(h[5]).toBeGreaterThan(0.65);
  await expect(w.locator('[data-symbol="params"]')).toHaveAttribute('data-value', '20');
  await expect(w.locator('[data-symbol="params_plain"]')).toHaveAttribute('data-value', '5');
});

test('"remember forever" keeps c: c at step 6 ≈ c at step 1', async ({ page }) => {
  const w = await load(page);
  await choose(w, 'remember');
  await expectReference(w, preset('remember').w, preset('remember').xs);
  const c = await column(w, 'c');
  expect(c[0]).toBeGreaterThan(0.85);
  expect(Math.abs((c[5] ?? 0) - (c[0] ?? 0))).toBeLessThan(0.01);
  const f = await column(w, 'f');
  for (const v of f) expect(v).toBeGreaterThan(0.99);
});

test('"forget everything" drops c to 0 right after the write', async ({ page }) => {
  const w = await load(page);
  await choose(w, 'forget');
  await expectReference(w, preset('forget').w, preset('forget').xs);
  const c = await column(w, 'c');
  expect(c[0]).toBeGreaterThan(0.85);
  for (const v of c.slice(1)) expect(Math.abs(v)).toBeLessThan(0.01);
});

test('typing b_if = 0 makes f = 0.5 and the gates, cell and h follow the float64 LSTM', async ({ page }) => {
  const w = await load(page);
  const cell = w.locator('td[data-symbol="b_if"][data-index="0,0"]');
  await cell.click();
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAttribute('data-value', '0');
  const { w: weights, xs } = preset('write-read');
  weights.b_ih[1] = 0;
  await expectReference(w, weights, xs);
  for (const v of await column(w, 'f')) expect(Math.abs(v - 0.5)).toBeLessThan(1e-6);
});

test('the four-inputs view shows z, z_i, z_f, z_o and c′, a for the current step', async ({ page }) => {
  const w = await load(page);
  const ref = lstm64(preset('write-read').w, preset('write-read').xs);
  const read = async (s: string) => Number(await w.locator(`figure [data-symbol="${s}"]`).getAttribute('data-value'));
  const r1 = ref[0];
  expect(
    [
      mismatch([await read('zi_t')], r1?.zi ?? [], TOLERANCE.gated),
      mismatch([await read('zf_t')], r1?.zf ?? [], TOLERANCE.gated),
      mismatch([await read('z_t')], r1?.zg ?? [], TOLERANCE.gated),
      mismatch([await read('zo_t')], r1?.zo ?? [], TOLERANCE.gated),
      mismatch([await read('c_t')], r1?.c ?? [], TOLERANCE.gated),
      mismatch([await read('h_t')], r1?.h ?? [], TOLERANCE.gated),
    ].filter(Boolean),
  ).toEqual([]);
  await w.getByRole('button', { name: 'Play' }).focus();
  await page.keyboard.press('End');
  expect(await counter(w)).toContain('step 36 of 36');
  const r6 = ref[5];
  expect(mismatch([await read('h_t')], r6?.h ?? [], TOLERANCE.gated)).toBe('');
  expect(mismatch([await read('zo_t')], r6?.zo ?? [], TOLERANCE.gated)).toBe('');
});

test('the keyboard alone steps the LSTM and edits a weight', async ({ page }) => {
  const w = await load(page);
  const share = w.getByRole('button', { name: 'Share' });
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await share.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'Tab reaches the widget').toBe(true);
  for (let k = 0; k < 6; k++) await page.keyboard.press('ArrowRight');
  expect(await counter(w)).toContain('step 7 of 36');
  await expect(w.locator('.track [aria-current="step"]')).toContainText('i');
  reached = false;
  for (let i = 0; i < 150 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.closest('[role="grid"][aria-label^="W_ig"]') !== null);
  }
  expect(reached, 'Tab reaches the W_ig block').toBe(true);
  await page.keyboard.type('-2');
  await page.keyboard.press('Enter');
  await expect(w.locator('td[data-symbol="W_ig"][data-index="0,0"]')).toHaveAttribute('data-value', '-2');
  const { w: weights, xs } = preset('write-read');
  (weights.W_ih[2] as number[])[0] = -2;
  await expectReference(w, weights, xs);
  expect((await column(w, 'h'))[5]).toBeLessThan(-0.65);
});

test('the LSTM state round-trips through the URL: preset, edits, inputs and step', async ({ page }) => {
  const w = await load(page);
  await choose(w, 'remember');
  const cell = w.locator('td[data-symbol="W_hf"][data-index="0,0"]');
  await cell.click();
  await page.keyboard.type('-3');
  await page.keyboard.press('Enter');
  await w.locator('td[data-symbol="X"][data-index="2,0"]').click();
  await page.keyboard.type('0.5');
  await page.keyboard.press('Enter');
  for (let k = 0; k < 8; k++) await w.getByRole('button', { name: 'Next', exact: true }).click();
  const before = [];
  for (const s of SYMBOLS) before.push(await column(w, s));
  const step = await counter(w);
  // The link is written a moment after each change (debounced): wait until it holds the step shown (t counts from
  // 0), not just any earlier state (a CI run under load read the link from before the Next clicks).
  const t = Number(/^step (\d+)/.exec(step)?.[1]) - 1;
  await expect
    .poll(async () => linkStateOf(await page.evaluate(() => location.href), ID)?.t, 'the step in the link')
    .toBe(t);
  const hash = await page.evaluate(() => location.hash);
  const again = await load(page, hash);
  const after = [];
  for (const s of SYMBOLS) after.push(await column(again, s));
  expect(after).toEqual(before);
  expect(await counter(again)).toBe(step);
});

test('a garbage LSTM link shows a message and the defaults', async ({ page }) => {
  const w = await load(page, `#w-${ID}=%%%`);
  await expect(w.getByRole('status').filter({ hasText: 'could not be read' })).toBeVisible();
  await expectReference(w, preset('write-read').w, preset('write-read').xs);
});

test('an LSTM link with one bad field falls back for that field only', async ({ page }) => {
  const code = toBase64Url(JSON.stringify({ X: [[1, 2]], t: 13 }));
  const w = await load(page, `#w-${ID}=${code}`);
  await expect(w.getByRole('status').filter({ hasText: '“X” was invalid' })).toBeVisible();
  expect(await counter(w)).toContain('step 14 of 36');
  await expectReference(w, preset('write-read').w, preset('write-read').xs);
});
