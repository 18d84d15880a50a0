/**
 * What the recurrent chapters claim, checked on the page against float64
 * references: one page load per chapter, one soft expectation per claim.
 */
import type { Locator } from '@playwright/test';
import { mulberry32, randn } from '~engine/random.ts';
import { gruPresets } from '~components/state/data/gated-presets.ts';
import { bottleneck64, close, gru64, mismatch, TOLERANCE, type Tolerance } from '../reference/float64/index.ts';
import { expect, test } from './guard.ts';
import { readyWidget } from './widget-values.ts';

/** Every `[data-symbol]` value inside `root`, keyed "symbol@index" (one DOM read). */
async function valuesIn(root: Locator): Promise<Map<string, number>> {
  const pairs = await root.evaluate((el) =>
    [...el.querySelectorAll('[data-symbol][data-value]')].map((n) => [
      `${n.getAttribute('data-symbol')}@${n.getAttribute('data-index') ?? ''}`,
      Number(n.getAttribute('data-value')),
    ]),
  );
  const out = new Map<string, number>();
  // The first occurrence wins, as with `.first()`: later copies (formulas, plots) repeat it.
  for (const [k, v] of pairs as [string, number][]) if (!out.has(k)) out.set(k, v);
  return out;
}

test('GRU: with r ≈ 0 and b_hn ≠ 0 the Cho and PyTorch candidates differ by the float64 amount', async ({ page }) => {
  await page.goto('/gru/');
  const w = await readyWidget(page, 'gru-cell');
  const preset = gruPresets().find((p) => p.id === 'reset-bias');
  expect(preset, 'a preset with r ≈ 0 and b_hn ≠ 0 exists').toBeDefined();
  if (!preset) return;
  const weights = structuredClone(preset.weights);
  const xs = preset.inputs.map((r) => [...r]);

  await test.step('the prose states the true condition', async () => {
    const prose = (await page.locator('main').textContent()) ?? '';
    expect.soft(prose).not.toContain('agree whenever');
    expect.soft(prose).not.toContain('train equally well');
    expect.soft(prose).toContain('only if');
  });

  await test.step('step 1 under "reset-bias": both candidates equal the float64 reference and are apart', async () => {
    await w.getByRole('combobox', { name: 'Preset' }).selectOption('reset-bias');
    await expect(w.locator('p.hint')).toContainText('b_hn');
    const ref = gru64(weights, xs, 'cho')[0];
    const on = await valuesIn(w);
    const cho = [0, 1].map((k) => on.get(`h̃_cho@${k},0`) ?? Number.NaN);
    const torch = [0, 1].map((k) => on.get(`h̃_pytorch@${k},0`) ?? Number.NaN);
    expect.soft(mismatch(cho, ref?.cho ?? [], TOLERANCE.gated)).toBe('');
    expect.soft(mismatch(torch, ref?.torch ?? [], TOLERANCE.gated)).toBe('');
    for (const k of [0, 1]) {
      expect.soft(on.get(`r@0,${k}`) ?? 1, `r_1[${k}] is near 0`).toBeLessThan(0.002);
      expect.soft(Math.abs((cho[k] ?? 0) - (torch[k] ?? 0)), `unit ${k + 1} differs`).toBeGreaterThan(0.1);
    }
    await expect.soft(w.locator('[data-symbol="h̃_diff"]').first()).not.toHaveText('same');
  });

  await test.step('under the PyTorch candidate every step matches the float64 PyTorch GRU', async () => {
    await w.getByRole('radio', { name: /PyTorch/ }).check();
    const ref = gru64(weights, xs, 'pytorch');
    const on = await valuesIn(w);
    const problems = ref.map((s, t) =>
      mismatch(
        [0, 1].map((k) => on.get(`h@${t},${k}`) ?? Number.NaN),
        s.h,
        TOLERANCE.gated,
        `h_${t + 1}`,
      ),
    );
    expect.soft(problems.filter(Boolean)).toEqual([]);
  });
});

/**
 * float64 backpropagation through time for h_t = tanh(w h_{t−1} + x_t) with
 * W_ih = 1 and zero biases, loss h_T: the norm of (∂h_T/∂W_ih, ∂h_T/∂W_hh,
 * ∂h_T/∂b_ih, ∂h_T/∂b_hh) and ∂h_T/∂h_0. Inputs drawn as the widget draws
 * them (seeded, stored as float32).
 */
function rnnGradient64(w: number, T: number, scale: number, seed: number) {
  const rng = mulberry32(seed);
  const xs = Array.from({ length: T }, () => Math.fround(randn(rng) * scale));
  const h = [0];
  for (const x of xs) h.push(Math.tanh(w * (h.at(-1) ?? 0) + x));
  let dh = 1;
  const g = { W_ih: 0, W_hh: 0, b: 0 };
  for (let t = T; t >= 1; t--) {
    const da = dh * (1 - (h[t] ?? 0) ** 2);
    g.W_ih += da * (xs[t - 1] ?? 0);
    g.W_hh += da * (h[t - 1] ?? 0);
    g.b += da;
    dh = da * w;
  }
  return { norm: Math.sqrt(g.W_ih ** 2 + g.W_hh ** 2 + 2 * g.b ** 2), dh0: Math.abs(dh) };
}

test('Memory: clipping scales the whole gradient by θ/‖g‖ and leaves a vanishing gradient alone', async ({ page }) => {
  await page.goto('/memory/');
  const g = await readyWidget(page, 'gradient-flow');
  // Shown values against the float64 walk: relative tolerance only (a norm and its derived points).
  const GRAD: Tolerance = { rtol: 1e-4, atol: 0 };
  const theta = g.getByRole('textbox', { name: /clipping threshold/ });

  await test.step('the prose writes the Jacobian product in order and has a long-range example', async () => {
    const prose = (await page.locator('main').textContent()) ?? '';
    expect.soft(prose).toContain('latest step');
    expect.soft(prose).toContain('sixteen words earlier');
    expect.soft(prose).not.toContain('capped at');
  });

  await test.step('defaults with θ = 1: ‖g‖ equals float64 BPTT and every point is scaled by θ/‖g‖', async () => {
    const ref = rnnGradient64(0.9, 40, 0.5, 7);
    await theta.fill('1');
    await expect.poll(async () => (await valuesIn(g)).get('clip_scale@')).toBeLessThan(1);
    const on = await valuesIn(g);
    expect
      .soft(
        close(on.get('grad_param_norm@') ?? Number.NaN, ref.norm, GRAD),
        `‖g‖ ${on.get('grad_param_norm@')} vs ${ref.norm}`,
      )
      .toBe(true);
    expect.soft(close(on.get('grad_rnn_0@') ?? Number.NaN, ref.dh0, { rtol: 1e-3, atol: 0 })).toBe(true);
    expect.soft(close(on.get('clip_scale@') ?? Number.NaN, 1 / ref.norm, GRAD)).toBe(true);
    expect
      .soft(
        close(on.get('grad_rnn_clipped_0@') ?? Number.NaN, (on.get('grad_rnn_0@') ?? 0) / ref.norm, GRAD),
        'the t = 0 point moves down',
      )
      .toBe(true);
  });

  await test.step('defaults with θ = 5 > ‖g‖: the factor is 1 and the vanishing curve is untouched', async () => {
    await theta.fill('5');
    await expect.poll(async () => (await valuesIn(g)).get('clip_scale@')).toBe(1);
    const on = await valuesIn(g);
    expect.soft(on.get('grad_rnn_clipped_0@')).toBe(on.get('grad_rnn_0@'));
    expect.soft(on.get('grad_rnn_0@') ?? 1).toBeLessThan(1e-8);
  });
});

/** The shapes widget's default encoder and readout, in float64: h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1}), y_t = W_y h_t. */
const SHAPES = {
  ih: [
    [0.8, -0.4],
    [0.3, 0.9],
  ],
  hh: [
    [0.5, -0.3],
    [0.2, 0.6],
  ],
  b: [0, 0.1],
  out: [
    [1, -1],
    [0.5, 1],
  ],
};
const mv = (m: number[][], v: readonly number[]) => m.map((row) => row.reduce((s, w, j) => s + w * (v[j] ?? 0), 0));

test('Shapes: 1→N fed its own output matches a float64 generator; captioning credits Show and Tell and m-RNN', async ({
  page,
}) => {
  await page.goto('/shapes/');
  const w = await readyWidget(page, 'rnn-shapes');

  await test.step('the prose names both captioning models with their way of feeding the image', async () => {
    const prose = (await page.locator('main').textContent()) ?? '';
    expect.soft(prose).toContain('Show and Tell (Vinyals et al., 2015)');
    expect.soft(prose).toContain('m-RNN (Mao et al., 2015)');
    expect.soft(prose).toContain('2014a');
  });

  await test.step('x_1 = x, then x_t = y_{t−1}: inputs, states and outputs equal the float64 loop', async () => {
    await w.getByText('1 → N', { exact: true }).click();
    await w.getByText('input first, then its own output').click();
    await expect(w.locator('path.arrow.input')).toHaveCount(5);
    const on = await valuesIn(w.locator('svg'));
    const get = (s: string) => [0, 1].map((i) => on.get(`${s}@${i}`) ?? Number.NaN);
    let h = [0, 0];
    let x = [1, 0];
    const problems: string[] = [];
    for (let t = 1; t <= 3; t++) {
      problems.push(mismatch(get(`x_${t}`), x, TOLERANCE.gated, `x_${t}`));
      const a = mv(SHAPES.ih, x);
      const r = mv(SHAPES.hh, h);
      h = a.map((v, i) => Math.tanh(v + (SHAPES.b[i] ?? 0) + (r[i] ?? 0)));
      problems.push(mismatch(get(`h_${t}`), h, TOLERANCE.gated, `h_${t}`));
      const y = mv(SHAPES.out, h);
      problems.push(mismatch(get(`y_${t}`), y, TOLERANCE.gated, `y_${t}`));
      x = y;
    }
    expect.soft(problems.filter(Boolean)).toEqual([]);
  });
});

test('Seq2seq: a five times larger c still forgets x_1 of 32 inputs, as a float64 GRU of 32 units does', async ({
  page,
}) => {
  await page.goto('/seq2seq/');
  const w = await readyWidget(page, 'encoder-bottleneck');
  const vector = (symbol: string) =>
    w
      .locator(`[data-symbol="${symbol}"][data-index]`)
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));

  await test.step('the prose calls what the widget measures forgetting and cites Cho 2014b for the length finding', async () => {
    const prose = (await page.locator('main').textContent()) ?? '';
    expect.soft(prose).toContain('measures forgetting');
    expect.soft(prose).toContain('Cho et al. (2014b) measured');
  });

  await test.step('n = 32, H = 32: c has 32 numbers, c and Δ equal float64, Δ_1 stays near float32 resolution', async () => {
    await w.getByRole('textbox', { name: 'input length n' }).fill('32');
    await w.getByRole('textbox', { name: /state size H/ }).fill('32');
    await expect.poll(async () => (await vector('c')).length).toBe(32);
    await expect.poll(async () => (await vector('Delta')).length).toBe(32);
    const want = bottleneck64(32, 0, 0.5, 3, 32);
    expect.soft(mismatch(await vector('c'), want.c)).toBe('');
    // Δ is a difference of nearby float32 states: its absolute error is about float32 rounding of c.
    const delta = await vector('Delta');
    expect.soft(mismatch(delta, want.delta, { rtol: 1e-3, atol: 2e-6 })).toBe('');
    expect.soft(want.delta[0] ?? 1, 'x_1 is forgotten even with 32 units').toBeLessThan(1e-5);
    expect.soft(delta.at(-1) ?? 0, 'x_32 still moves c').toBeGreaterThan(0.5);
  });
});
