import type { Locator } from '@playwright/test';
import { orderProjections, wordVectors } from '~components/state/models/attention-order.svelte.ts';
import { rotaryKey, rotaryQuery } from '~components/state/models/rotary-scores.svelte.ts';
import { defaultProjections, oneHotInputs, paddedLength } from '~components/state/models/self-attention.svelte.ts';
import { attention64, close, dot64, mulT, plus, rotate64, sinusoid64, TOLERANCE } from '../reference/float64/index.ts';
import { expectAllClose } from './expect-close.ts';
import { expect, test } from './guard.ts';
import { readValue, readyWidget } from './widget-values.ts';

/** Every cell of `symbol` inside `root`, as rows (one DOM read). */
async function matrix(root: Locator, symbol: string, rows: number, cols: number): Promise<number[][]> {
  const cells = root.locator(`td[data-symbol="${symbol}"]`);
  await expect(cells).toHaveCount(rows * cols);
  const values = await cells.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  return Array.from({ length: rows }, (_, i) => values.slice(i * cols, (i + 1) * cols));
}

/** Float64 self-attention of the order widget's words in `order`, with sinusoidal positions when asked. */
function orderReference(order: number[], positions: boolean) {
  const words = order.map((w) => wordVectors[w] as number[]);
  const X = positions ? plus(words, sinusoid64(order.length, 4)) : words;
  const P = orderProjections;
  return { X, ...attention64(mulT(X, P.W_q), mulT(X, P.W_k), mulT(X, P.W_v)) };
}

test('positions-masks: order blindness, sinusoidal rotations and both masks equal float64 references', async ({
  page,
}) => {
  await page.goto('/positions-masks/');

  await test.step('attention-order: without positions a new order only moves the output rows', async () => {
    const w = await readyWidget(page, 'attention-order');
    const first = orderReference([0, 1, 2], false);
    expectAllClose(await matrix(w, 'A', 3, 3), first.weights, 'A, dog bites man');
    await w.getByRole('combobox', { name: 'Word order' }).selectOption('210');
    const O = await matrix(w, 'O', 3, 4);
    expectAllClose(
      O,
      [2, 1, 0].map((i) => first.out[i] as number[]),
      'O, man bites dog = rows of the first O',
    );
    const change = await w
      .locator('td[data-symbol="change"]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    for (const c of change) expect.soft(c, 'largest change without positions').toBeLessThan(1e-6);
  });

  await test.step('attention-order: with positions X = E + PE and every word changes', async () => {
    const w = await readyWidget(page, 'attention-order');
    await w.getByRole('checkbox', { name: /add positional encodings/ }).check();
    const ref = orderReference([2, 1, 0], true);
    await expect
      .poll(async () =>
        close((await matrix(w, 'X', 3, 4)).flat()[0] ?? Number.NaN, ref.X[0]?.[0] as number, TOLERANCE.gated),
      )
      .toBe(true);
    expectAllClose(await matrix(w, 'X', 3, 4), ref.X, 'X = E + PE');
    expectAllClose(await matrix(w, 'A', 3, 3), ref.weights, 'A with positions');
    expectAllClose(await matrix(w, 'O', 3, 4), ref.out, 'O with positions');
    const change = await w
      .locator('td[data-symbol="change"]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    for (const c of change) expect.soft(c, 'largest change with positions').toBeGreaterThan(1e-3);
  });

  await test.step('positional-encoding: table, dot products and R(k) PE(p) = PE(p + k)', async () => {
    const w = await readyWidget(page, 'positional-encoding');
    const pe = sinusoid64(8, 8);
    expectAllClose(await matrix(w, 'PE', 8, 8), pe, 'PE table');
    expectAllClose(await matrix(w, 'G', 8, 8), mulT(pe, pe), 'PE PEᵀ');
    await w.getByRole('textbox', { name: 'position p', exact: true }).fill('17');
    await w.getByRole('textbox', { name: 'offset k', exact: true }).fill('29');
    await expect(w.locator('td[data-symbol="Ppk"]').first()).toHaveAttribute('data-value', /.+/);
    await expect.poll(() => readValue(w, 'p')).toBe(17);
    const want = sinusoid64(1, 8, 46)[0] as number[];
    await expect
      .poll(async () =>
        close((await matrix(w, 'Ppk', 8, 1)).flat()[0] ?? Number.NaN, want[0] as number, TOLERANCE.gated),
      )
      .toBe(true);
    expectAllClose(
      await matrix(w, 'rotated', 8, 1),
      want.map((x) => [x]),
      'R(29) PE(17)',
    );
    expect.soft(Number(await w.locator('output[data-symbol="gap"]').getAttribute('data-value'))).toBeLessThan(1e-5);
  });

  await test.step('rotary-scores: (R(i) q)·(R(j) k) is float64’s, and moving both tokens keeps it while added PE does not', async () => {
    const w = await readyWidget(page, 'rotary-scores');
    await w.getByRole('textbox', { name: 'position i of the query', exact: true }).fill('30');
    await w.getByRole('textbox', { name: 'position j of the key', exact: true }).fill('33');
    await expect.poll(() => readValue(w, 'offset')).toBe(3);
    await expect.poll(() => readValue(w, 'i')).toBe(30);
    const want = dot64(rotate64(rotaryQuery, 30), rotate64(rotaryKey, 33));
    await expect.poll(async () => close(await readValue(w, 'score'), want, TOLERANCE.gated)).toBe(true);
    expectAllClose([[await readValue(w, 'from_offset')]], [[want]], 'q · R(3) k');
    expectAllClose(
      await matrix(w, 'qRot', 4, 1),
      rotate64(rotaryQuery, 30).map((x) => [x]),
      'R(30) q',
    );
    const column = (symbol: string) =>
      w
        .locator(`td[data-symbol="${symbol}"]`)
        .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    const rotary = await column('rotary_shift');
    const added = await column('added_shift');
    const addedWant = [0, 1, 2, 3, 4].map((s) =>
      dot64(
        plus([[...rotaryQuery]], sinusoid64(1, 4, 30 + s))[0] as number[],
        plus([[...rotaryKey]], sinusoid64(1, 4, 33 + s))[0] as number[],
      ),
    );
    expectAllClose([rotary], [[want, want, want, want, want]], 'rotary column');
    expectAllClose([added], [addedWant], 'q + PE, k + PE column');
    expect.soft(await readValue(w, 'rotary_spread')).toBeLessThan(1e-5);
    expect.soft(await readValue(w, 'added_spread')).toBeGreaterThan(0.1);
  });

  await test.step('self-attention masks: −∞ entries, zero weights and renormalised rows', async () => {
    const w = await readyWidget(page, 'self-attention');
    const P = defaultProjections;
    const Q = mulT(oneHotInputs, P.W_q);
    const K = mulT(oneHotInputs, P.W_k);
    const V = mulT(oneHotInputs, P.W_v);
    const mask = w.getByRole('combobox', { name: 'Mask' });
    await w.focus();
    await page.keyboard.press('End');
    for (const [kind, allowed] of [
      ['causal', (i: number, j: number) => j <= i],
      ['padding', (_i: number, j: number) => j < paddedLength],
    ] as const) {
      await mask.selectOption(kind);
      await expect(w.locator('td[data-symbol="M"]')).toHaveCount(16);
      const ref = attention64(Q, K, V, allowed);
      expectAllClose(await matrix(w, 'S', 4, 4), ref.scores, `${kind}: E/√d_k + M`);
      const A = await matrix(w, 'A', 4, 4);
      expectAllClose(A, ref.weights, `${kind}: A`);
      for (const row of A)
        expect.soft(Math.abs(row.reduce((a, b) => a + b, 0) - 1), `${kind}: row sums`).toBeLessThan(1e-5);
      expectAllClose(await matrix(w, 'O', 4, 3), ref.out, `${kind}: O`);
    }
    await mask.selectOption('none');
    await expect(w.locator('td[data-symbol="M"]')).toHaveCount(0);
  });
});
