import type { Locator } from '@playwright/test';
import { defaultProjections, embeddedInputs, oneHotInputs } from '~components/state/models/self-attention.svelte.ts';
import { mismatch, selfAttention64, TOLERANCE } from '../reference/float64/index.ts';
import { axeBothThemes, diagramValues, noPageOverflow } from './diagrams-helpers.ts';
import { expect, test } from './guard.ts';
import { readyWidget } from './widget-values.ts';

/** A matrix as rows (these tests build and edit them). */
type M = number[][];

const copy = (m: readonly (readonly number[])[]): M => m.map((r) => [...r]);
const W = { q: copy(defaultProjections.W_q), k: copy(defaultProjections.W_k), v: copy(defaultProjections.W_v) };

/** Entries `symbol[row,k]` of a diagram's values for k = 0..n−1. */
const rowOf = (v: Record<string, number>, symbol: string, row: number, n: number) =>
  Array.from({ length: n }, (_, k) => v[`${symbol}[${row},${k}]`] ?? Number.NaN);

/**
 * The picture for query i against float64: q^i, every k^j and v^j, the scores e_ij, the weights α_ij on the
 * fan and b^i. Returns the mismatches (empty when every number is within 1e-5 relative).
 */
async function mismatches(diagram: Locator, ref: ReturnType<typeof selfAttention64>, i: number): Promise<string[]> {
  const v = await diagramValues(diagram);
  const want: [string, number[], number[]][] = [
    [`q${i + 1}`, rowOf(v, 'Q', i, 3), ref.Q[i] ?? []],
    [`e${i + 1}`, rowOf(v, 'E', i, 4), ref.E[i] ?? []],
    [`α${i + 1}`, rowOf(v, 'A', i, 4), ref.A[i] ?? []],
    [`b${i + 1}`, rowOf(v, 'O', i, 3), ref.O[i] ?? []],
    ...[0, 1, 2, 3].flatMap((j): [string, number[], number[]][] => [
      [`k${j + 1}`, rowOf(v, 'K', j, 3), ref.K[j] ?? []],
      [`v${j + 1}`, rowOf(v, 'V', j, 3), ref.V[j] ?? []],
    ]),
  ];
  return want.flatMap(([name, got, ref]) =>
    mismatch(got, ref, TOLERANCE.gated) === '' ? [] : [`${name}: got ${got.join(', ')}, want ${ref.join(', ')}`],
  );
}

test('self-attention picture: every query’s numbers equal float64, the fan is as thick as α, switching the token vectors redraws it; axe', async ({
  page,
}) => {
  await page.goto('/self-attention/');
  const w = await readyWidget(page, 'self-attention-diagram');
  const d = w.locator('[data-diagram]');
  const oneHot = selfAttention64(copy(oneHotInputs), W.q, W.k, W.v);

  await test.step('query 1 by default, then each query picked by its radio button, against float64', async () => {
    expect.soft(await mismatches(d, oneHot, 0), 'query 1').toEqual([]);
    for (const i of [1, 2, 3]) {
      await w.getByRole('radio').nth(i).check();
      await expect(d.locator('[data-symbol="O"]').first()).toHaveAttribute('data-index', `${i},0`);
      expect.soft(await mismatches(d, oneHot, i), `query ${i + 1}`).toEqual([]);
    }
  });

  await test.step('the heaviest weight draws the thickest line', async () => {
    const alphas = oneHot.A[3] ?? [];
    const widths = await d
      .locator('.wire[tabindex="0"] .line')
      .evaluateAll((lines) => lines.map((l) => Number(l.getAttribute('stroke-width'))));
    expect(widths).toHaveLength(4);
    const heaviest = alphas.indexOf(Math.max(...alphas));
    expect(widths.indexOf(Math.max(...widths)), `widths ${widths} for α ${alphas}`).toBe(heaviest);
  });

  await test.step('Tab to a fan line lights that one weight, not the whole row', async () => {
    await d.locator('.wire[tabindex="0"]').nth(2).focus();
    await expect(d.locator('tspan.value.lit[data-symbol="A"]')).toHaveCount(1);
    await expect(d.locator('tspan.value.lit[data-symbol="A"]')).toHaveAttribute('data-index', '3,2');
  });

  await test.step('small embeddings instead of one-hot vectors redraw the picture from the engine', async () => {
    const link = Buffer.from(JSON.stringify({ e: 'embed', X: embeddedInputs, i: 1 })).toString('base64url');
    // A new document: a hash change alone would not load the link.
    await page.goto('about:blank');
    await page.goto(`/self-attention/#w-self-attention-diagram=${link}`);
    const again = await readyWidget(page, 'self-attention-diagram');
    await expect(again.getByRole('radio').nth(1)).toBeChecked();
    const ref = selfAttention64(copy(embeddedInputs), W.q, W.k, W.v);
    expect.soft(await mismatches(again.locator('[data-diagram]'), ref, 1), 'embeddings, query 2').toEqual([]);
  });

  await test.step('axe in both themes', () => axeBothThemes(page, '[data-widget="self-attention-diagram"]'));
});

test('the stepper’s picture follows the walk, updates on an edit, shows a causal mask, and links both ways with the matrices', async ({
  page,
}) => {
  await page.goto('/self-attention/');
  const w = await readyWidget(page, 'self-attention');
  const d = w.locator('[data-diagram]');

  await test.step('step 1 outlines the query; step 2 the first key', async () => {
    await expect(d.locator('[data-vector="Q0"]')).toHaveClass(/current/);
    await w.locator('h3').click();
    await page.keyboard.press('ArrowRight');
    await expect(d.locator('[data-vector="K0"]')).toHaveClass(/current/);
    await expect(d.locator('[data-vector="Q0"]')).not.toHaveClass(/current/);
  });

  await test.step('typing a token value repaints the picture to the new float64 numbers', async () => {
    const cell = w.locator('td[data-symbol="X"][data-index="2,0"]');
    await cell.click();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect(cell).toHaveAttribute('data-value', '2');
    const X = copy(oneHotInputs);
    (X[2] as number[])[0] = 2;
    await expect.poll(async () => mismatches(d, selfAttention64(X, W.q, W.k, W.v), 0)).toEqual([]);
  });

  await test.step('the causal mask: query 1 reads only key 1 (α = 1, 0, 0, 0) and b¹ = v¹', async () => {
    await w.getByRole('combobox', { name: 'Mask' }).selectOption('causal');
    await expect(d.locator('[data-symbol="E"][data-index="0,1"]')).toHaveText('masked');
    const v = await diagramValues(d);
    expect(rowOf(v, 'A', 0, 4)).toEqual([1, 0, 0, 0]);
    expect(rowOf(v, 'O', 0, 3)).toEqual(rowOf(v, 'V', 0, 3));
    await w.getByRole('combobox', { name: 'Mask' }).selectOption('none');
    await expect(d.locator('[data-symbol="E"][data-index="0,1"]')).not.toHaveText('masked');
  });

  await test.step('pointing at a fan line lights α in the matrix A; pointing at the matrix cell lights the line’s label', async () => {
    await w.locator('h3').click();
    await page.keyboard.press('End');
    const matrixCell = w.locator('.matrix-form td[data-symbol="A"][data-index="0,3"]');
    await expect(matrixCell).toBeVisible();
    await d.locator('.wire[tabindex="0"]').nth(3).hover();
    await expect(matrixCell).toHaveClass(/\blit\b/);
    await page.mouse.move(0, 0);
    await expect(matrixCell).not.toHaveClass(/\blit\b/);
    await matrixCell.hover();
    await expect(d.locator('tspan.value[data-symbol="A"][data-index="0,3"]')).toHaveClass(/\blit\b/);
  });
});

test('self-attention picture at 375 px scrolls inside its frame, never the page', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/self-attention/');
  await readyWidget(page, 'self-attention-diagram');
  await noPageOverflow(page);
});
