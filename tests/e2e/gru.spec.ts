import type { Locator, Page } from '@playwright/test';
import type { GruVariant } from '~engine/symbols.ts';
import { toBase64Url } from '~lib/url/state.ts';
import { gruPresets } from '~components/state/data/gated-presets.ts';
import { gru64, mismatch, type Recurrent64, TOLERANCE } from '../reference/float64/index.ts';
import { expect, test } from './guard.ts';
import { readyWidget } from './widget-values.ts';

const ID = 'gru-cell';
const preset = (id: string) => {
  const p = gruPresets().find((x) => x.id === id);
  if (!p) throw new Error(id);
  return { w: structuredClone(p.weights), xs: p.inputs.map((r) => [...r]) };
};

/** The T×H table the widget shows for a trace symbol (r, z, h̃, h), read from data-value. */
async function table(w: Locator, symbol: string, T = 6, H = 2): Promise<number[][]> {
  const out: number[][] = [];
  for (let t = 0; t < T; t++) {
    const row: number[] = [];
    for (let k = 0; k < H; k++) {
      const v = await w.locator(`[data-symbol="${symbol}"][data-index="${t},${k}"]`).getAttribute('data-value');
      row.push(Number(v));
    }
    out.push(row);
  }
  return out;
}

/** Every step's r, z, h̃, h on screen against the float64 reference. */
async function expectReference(w: Locator, weights: Recurrent64, xs: number[][], variant: GruVariant) {
  const ref = gru64(weights, xs, variant);
  const [r, z, c, h] = [await table(w, 'r'), await table(w, 'z'), await table(w, 'h̃'), await table(w, 'h')];
  const problems = ref.flatMap((s, t) => [
    mismatch(r[t] ?? [], s.r, TOLERANCE.gated, `r_${t + 1}`),
    mismatch(z[t] ?? [], s.z, TOLERANCE.gated, `z_${t + 1}`),
    mismatch(c[t] ?? [], s.cand, TOLERANCE.gated, `h̃_${t + 1}`),
    mismatch(h[t] ?? [], s.h, TOLERANCE.gated, `h_${t + 1}`),
  ]);
  expect(problems.filter(Boolean)).toEqual([]);
}

async function counter(w: Locator): Promise<string> {
  return (await w.locator('output.counter').textContent()) ?? '';
}

async function hashOf(page: Page): Promise<string> {
  await expect.poll(() => page.evaluate(() => location.hash)).toContain(`w-${ID}=`);
  return page.evaluate(() => location.hash);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/gru/');
});

test('the GRU widget shows the float64 GRU of its default "mixed" preset at every step', async ({ page }) => {
  const w = await readyWidget(page, ID);
  const { w: weights, xs } = preset('mixed');
  expect(await w.locator('[data-symbol="W_iz"][data-index="1,1"]').getAttribute('data-value')).toBe('-0.3');
  await expectReference(w, weights, xs, 'cho');
  await expect(w.locator('.katex [data-symbol="r_t"]').first()).toBeAttached();
});

test('typing a new W_iz entry into its cell changes z (and everything after) to the float64 values', async ({
  page,
}) => {
  const w = await readyWidget(page, ID);
  const cell = w.locator('td[data-symbol="W_iz"][data-index="0,0"]');
  await cell.click();
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAttribute('data-value', '2');
  const { w: weights, xs } = preset('mixed');
  (weights.W_ih[2] as number[])[0] = 2;
  await expectReference(w, weights, xs, 'cho');
});

test('an edit that moves the numbers re-marks the current symbol in the patched formula line', async ({ page }) => {
  const w = await readyWidget(page, ID);
  // Step 1 shows r_t = σ(…x_1…): its numbers line holds x_1, and r_t is marked current in it. An edit patches that
  // line in place (its KaTeX classes come back fresh), and the line must be marked again.
  const line = w.locator('.live-formula .numbers').first();
  const current = line.locator('.katex [data-symbol="r_t"].current');
  await expect(current.first()).toBeAttached();
  const before = await line.textContent();
  const cell = w.locator('table.matrix.editable td[data-index="0,0"]').first();
  await cell.click();
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAttribute('data-value', '7');
  await expect(line, 'the numbers line shows the new numbers').not.toHaveText(before ?? '');
  await expect(current.first(), 'r_t still marked current in the patched line').toBeAttached();
});

test('the Cho/PyTorch toggle drives h̃ with each variant’s float64 candidate', async ({ page }) => {
  const w = await readyWidget(page, ID);
  const { w: weights, xs } = preset('mixed');
  const cho = await table(w, 'h̃');
  await w.getByRole('radio', { name: /PyTorch/ }).check();
  await expectReference(w, weights, xs, 'pytorch');
  const torch = await table(w, 'h̃');
  expect(torch[2]).not.toEqual(cho[2]);
  await w.getByRole('radio', { name: /Cho/ }).check();
  await expectReference(w, weights, xs, 'cho');
});

test('under the "no-past" preset (r ≈ 0) the toggle leaves h̃ where it was', async ({ page }) => {
  const w = await readyWidget(page, ID);
  await w.getByRole('combobox', { name: 'Preset' }).selectOption('no-past');
  const { w: weights, xs } = preset('no-past');
  await expectReference(w, weights, xs, 'cho');
  const cho = await table(w, 'h̃');
  await w.getByRole('radio', { name: /PyTorch/ }).check();
  await expectReference(w, weights, xs, 'pytorch');
  const torch = await table(w, 'h̃');
  cho.flat().forEach((v, k) => {
    expect(Math.abs(v - (torch.flat()[k] ?? Number.NaN))).toBeLessThan(1e-3);
  });
  await expect(w.locator('[data-symbol="h̃_diff"]').first()).toHaveText('same');
});

test('the stepper lights r, z, h̃, h of a step in turn with substituted numbers, then moves to the next step', async ({
  page,
}) => {
  const w = await readyWidget(page, ID);
  const ref = gru64(preset('mixed').w, preset('mixed').xs, 'cho');
  expect(await counter(w)).toContain('step 1 of 24');
  const next = w.getByRole('button', { name: 'Next', exact: true });
  for (const sym of ['z', 'h̃', 'h']) {
    await next.click();
    // The lit formula is the one holding this symbol's numbers (its KaTeX text spells h̃ in pieces, so not by text).
    await expect(w.locator(`.track [aria-current="step"] [data-symbol="${sym}_t"]`).first()).toBeAttached();
    const lit = w.locator(`.numbers [data-symbol="${sym}_t"][data-index="0,0"]`).first();
    const want = sym === 'z' ? ref[0]?.z[0] : sym === 'h̃' ? ref[0]?.cand[0] : ref[0]?.h[0];
    expect(mismatch([Number(await lit.getAttribute('data-value'))], [want ?? Number.NaN], TOLERANCE.gated)).toBe('');
  }
  await next.click();
  expect(await counter(w)).toContain('t = 2');
  const h1 = Number(
    await w.locator('.numbers [data-symbol="h_prev"][data-index="0,0"]').first().getAttribute('data-value'),
  );
  expect(mismatch([h1], [ref[0]?.h[0] ?? Number.NaN], TOLERANCE.gated)).toBe('');
});

test('the keyboard alone steps the GRU and edits a weight', async ({ page }) => {
  const w = await readyWidget(page, ID);
  const share = w.getByRole('button', { name: /share|copy link/i }).first();
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await share.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'Tab reaches the widget').toBe(true);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await counter(w)).toContain('step 3 of 24');
  await page.keyboard.press('Home');
  expect(await counter(w)).toContain('step 1 of 24');

  const cell = w.locator('td[data-symbol="W_ir"][data-index="0,0"]');
  reached = false;
  for (let i = 0; i < 120 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.closest('[role="grid"][aria-label^="W_ir"]') !== null);
  }
  expect(reached, 'Tab reaches the W_ir block').toBe(true);
  await page.keyboard.type('-1.5');
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAttribute('data-value', '-1.5');
  const { w: weights, xs } = preset('mixed');
  (weights.W_ih[0] as number[])[0] = -1.5;
  await expectReference(w, weights, xs, 'cho');
});

test('the GRU state round-trips through the URL: variant, weights, inputs and step', async ({ page }) => {
  const w = await readyWidget(page, ID);
  await w.getByRole('radio', { name: /PyTorch/ }).check();
  const cell = w.locator('td[data-symbol="W_hn"][data-index="1,0"]');
  await cell.click();
  await page.keyboard.type('1.25');
  await page.keyboard.press('Enter');
  const x = w.locator('td[data-symbol="X"][data-index="3,1"]');
  await x.click();
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await w.getByRole('button', { name: 'Next', exact: true }).click();
  await w.getByRole('button', { name: 'Next', exact: true }).click();
  const before = [await table(w, 'r'), await table(w, 'z'), await table(w, 'h̃'), await table(w, 'h')];
  const step = await counter(w);
  const hash = await hashOf(page);
  await page.goto(`/gru/?visit=2${hash}`);
  const again = await readyWidget(page, ID);
  await expect(again.getByRole('radio', { name: /PyTorch/ })).toBeChecked();
  expect([await table(again, 'r'), await table(again, 'z'), await table(again, 'h̃'), await table(again, 'h')]).toEqual(
    before,
  );
  expect(await counter(again)).toBe(step);
  await expect(again.locator('[data-symbol="X"][data-index="3,1"]')).toHaveAttribute('data-value', '2');
});

test('a garbage GRU link shows a message and the defaults', async ({ page }) => {
  // A new query makes this a full load: a hash-only navigation would not reload the page.
  await page.goto(`/gru/?visit=2#w-${ID}=garbage!`);
  const w = await readyWidget(page, ID);
  await expect(w.getByRole('status').filter({ hasText: 'could not be read' })).toBeVisible();
  await expectReference(w, preset('mixed').w, preset('mixed').xs, 'cho');
});

test('a GRU link with one bad field falls back for that field only', async ({ page }) => {
  const code = toBase64Url(JSON.stringify({ v: 'keras', t: 5, p: 'copy', bi: [[0], [0], [8], [8], [0], [0]] }));
  await page.goto(`/gru/?visit=2#w-${ID}=${code}`);
  const w = await readyWidget(page, ID);
  await expect(w.getByRole('status').filter({ hasText: '“v” was invalid' })).toBeVisible();
  await expect(w.getByRole('status').filter({ hasText: '“t”' })).toHaveCount(0);
  await expect(w.getByRole('radio', { name: /Cho/ })).toBeChecked();
  expect(await counter(w)).toContain('step 6 of 24');
  await expect(w.getByRole('combobox', { name: 'Preset' })).toHaveValue('copy');
  await expectReference(w, preset('copy').w, preset('copy').xs, 'cho');
});
