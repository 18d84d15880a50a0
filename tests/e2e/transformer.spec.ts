import type { Locator } from '@playwright/test';
import { blockInputs, blockWeights } from '~components/state/data/transformer-block-params.ts';
import { crossProjections, decoderStates, encoderOutputs } from '~components/state/models/cross-attention.svelte.ts';
import { stackedReference } from '../components/state/models/stacked-ref64.ts';
import { attention64, encoderLayer64, type M, mulT, multiHead64 } from '../reference/float64/index.ts';
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

const unit = { g1: [1, 1, 1, 1], b1: [0, 0, 0, 0], g2: [1, 1, 1, 1], b2: [0, 0, 0, 0] };
const W = blockWeights;

test('transformer: the encoder layer in both norm placements, parameter counts and cross-attention equal float64', async ({
  page,
}) => {
  await page.goto('/transformer/');
  const w = await readyWidget(page, 'transformer-block');
  const counter = w.locator('.stepper output');

  await test.step('post-LN, first step: both heads and Z = MultiHead(X)', async () => {
    await expect(counter).toContainText('multi-head self-attention');
    const ref = multiHead64(blockInputs, 2, W.in_proj_weight, W.in_proj_bias, W.out_proj_weight, W.out_proj_bias);
    expectAllClose(await matrix(w, 'A1', 3, 3), ref.weights[0] as M, 'head 1 weights');
    expectAllClose(await matrix(w, 'A2', 3, 3), ref.weights[1] as M, 'head 2 weights');
    expectAllClose(await matrix(w, 'Z', 3, 4), ref.out, 'Z');
  });

  await test.step('post-LN, last step: LayerNorm 2 statistics and the output Y', async () => {
    await w.focus();
    await page.keyboard.press('End');
    await expect(counter).toContainText('LayerNorm 2');
    const ref = encoderLayer64(blockInputs, W, unit, { pre: false, gelu: false, heads: 2 });
    const S2 = ref.S2 as M;
    expectAllClose(await matrix(w, 'S2', 3, 4), S2, 'S2 = H + F');
    const mu = S2.map((r) => r.reduce((a, b) => a + b, 0) / 4);
    const sd = S2.map((r, i) => Math.sqrt(r.reduce((a, b) => a + (b - (mu[i] as number)) ** 2, 0) / 4 + 1e-5));
    expectAllClose(
      await matrix(w, 'mu2', 3, 1),
      mu.map((x) => [x]),
      'μ',
    );
    expectAllClose(
      await matrix(w, 'sigma2', 3, 1),
      sd.map((x) => [x]),
      '√(σ² + ε)',
    );
    expectAllClose(await matrix(w, 'Y', 3, 4), ref.Y, 'Y, post-LN');
  });

  await test.step('pre-LN with GELU: the walk ends at the residual sum Y = S1 + F', async () => {
    await w.getByRole('radio', { name: 'pre-LN' }).check();
    await w.getByRole('radio', { name: 'GELU' }).check();
    await w.focus();
    await page.keyboard.press('End');
    await expect(counter).toContainText('residual 2');
    const ref = encoderLayer64(blockInputs, W, unit, { pre: true, gelu: true, heads: 2 });
    expectAllClose(await matrix(w, 'F', 3, 4), ref.F, 'F, pre-LN GELU');
    expectAllClose(await matrix(w, 'Y', 3, 4), ref.Y, 'Y, pre-LN GELU');
    await page.keyboard.press('Home');
    await expect(counter).toContainText('LayerNorm 1');
  });

  await test.step('parameter counts follow d and d_ff', async () => {
    await expect(w.locator('[data-symbol="params_encoder"]')).toHaveAttribute('data-value', '3152384');
    await expect(w.locator('[data-symbol="params_decoder"]')).toHaveAttribute('data-value', '4204032');
    await w.getByRole('button', { name: /this widget's layer/ }).click();
    await expect(w.locator('[data-symbol="params_encoder"]')).toHaveAttribute(
      'data-value',
      String(64 + 16 + 64 + 8 + 4 + 16),
    );
    await w.getByRole('textbox', { name: 'model width d', exact: true }).fill('8');
    await expect.poll(() => readValue(w, 'count_d')).toBe(8);
    const want = 4 * 64 + 4 * 8 + (2 * 8 * 8 + 8 + 8) + 4 * 8;
    await expect(w.locator('[data-symbol="params_encoder"]')).toHaveAttribute('data-value', String(want));
  });

  await test.step('cross-attention: queries from the decoder, keys and values from the encoder', async () => {
    const c = await readyWidget(page, 'cross-attention');
    const P = crossProjections;
    const ref = attention64(mulT(decoderStates, P.W_q), mulT(encoderOutputs, P.W_k), mulT(encoderOutputs, P.W_v));
    const A = await matrix(c, 'A', 3, 4);
    expectAllClose(A, ref.weights, 'cross-attention weights (3 × 4)');
    expectAllClose(await matrix(c, 'O', 3, 4), ref.out, 'cross-attention output');
    expect
      .soft(
        A.map((r) => r.indexOf(Math.max(...r))),
        'le → the, chat → cat, noir → black',
      )
      .toEqual([0, 2, 1]);
  });

  await test.step('stacked-layers: both layers, layer 2 on Y¹ and on X, and ‖∂Y¹ᵢ/∂Xⱼ‖ equal float64, post-LN then pre-LN', async () => {
    const w = await readyWidget(page, 'stacked-layers');
    for (const m of ['post', 'pre'] as const) {
      const ref = stackedReference(m === 'pre');
      if (m === 'pre') {
        await w.getByRole('combobox', { name: 'Norms in both layers' }).selectOption('pre');
        await expect
          .poll(async () => Math.abs(((await matrix(w, 'A2', 3, 3))[0]?.[0] ?? 0) - (ref.A2[0]?.[0] as number)))
          .toBeLessThan(1e-5);
      }
      expectAllClose(await matrix(w, 'A1', 3, 3), ref.A1, `${m}: A1`);
      expectAllClose(await matrix(w, 'Y1', 3, 4), ref.Y1, `${m}: Y1`);
      expectAllClose(await matrix(w, 'A2', 3, 3), ref.A2, `${m}: A2 on Y1`);
      expectAllClose(await matrix(w, 'A2onX', 3, 3), ref.A2onX, `${m}: A2 on X`);
      expectAllClose(await matrix(w, 'Y2', 3, 4), ref.Y2, `${m}: Y2`);
      // Float32 gradients against float64 central differences: 1e-3.
      expectAllClose(await matrix(w, 'reach', 3, 3), ref.reach, `${m}: reach`, { rtol: 1e-3, atol: 1e-3 });
    }
  });
});
