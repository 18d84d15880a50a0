import { describe, expect, it } from 'vitest';
import { mulberry32, randn } from '~engine/index.ts';
import { decodeState, encodeState, toBase64Url } from '~lib/url/state.ts';
import {
  clampForLog,
  describeNorm,
  flowFields,
  GradientFlowModel,
  LOG_CEILING,
  LOG_FLOOR,
} from '~components/state/models/gradient-flow.svelte.ts';

/**
 * Independent float64 reference for the plain one-unit tanh RNN:
 * h_t = tanh(w h_{t−1} + x_t), ∂h_T/∂h_t = Π_{k>t} w (1 − h_k²).
 * The inputs use the same seeded generator as the widget (input, not the computation under test).
 */
function rnnFlow64(w: number, T: number, scale: number, seed: number): number[] {
  const rng = mulberry32(seed);
  const xs = Array.from({ length: T }, () => randn(rng) * scale);
  const hs = [0];
  for (const x of xs) hs.push(Math.tanh(w * (hs.at(-1) ?? 0) + x));
  const out = new Array<number>(T + 1);
  let p = 1;
  for (let t = T; t >= 0; t--) {
    out[t] = Math.abs(p);
    p *= w * (1 - (hs[t] ?? 0) ** 2);
  }
  return out;
}

describe('GradientFlowModel', () => {
  it('GradientFlowModel with zero inputs gives ‖∂h_T/∂h_0‖ = w^T for w = 0.5 and 1.5', () => {
    const m = new GradientFlowModel();
    m.set('inputScale', 0);
    for (const w of [0.5, 1.5]) {
      m.set('w', w);
      const got = m.result.points[0]?.rnn ?? Number.NaN;
      const want = w ** m.settings.steps;
      expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-5 * want);
    }
  });

  it('GradientFlowModel with random inputs matches a float64 tanh RNN at every t', () => {
    const m = new GradientFlowModel();
    m.set('w', 1.2);
    m.set('steps', 30);
    const want = rnnFlow64(1.2, 30, m.settings.inputScale, m.settings.seed);
    m.result.points.forEach((p, t) => {
      const ref = want[t] ?? Number.NaN;
      // float32 Jacobians multiplied 30 times: relative 1e-4.
      expect(Math.abs(p.rnn - ref), `t=${t}`).toBeLessThanOrEqual(1e-4 * ref + 1e-30);
    });
  });

  it('set() clamps to the control ranges and rounds steps and seed', () => {
    const m = new GradientFlowModel();
    m.set('w', 7);
    m.set('steps', 1000);
    m.set('seed', 3.6);
    m.set('clip', Number.NaN);
    expect(m.settings.w).toBe(2);
    expect(m.settings.steps).toBe(100);
    expect(m.settings.seed).toBe(4);
    expect(m.settings.clip).toBe(0);
    expect(m.result.points).toHaveLength(101);
  });

  it('clipping at θ scales every point of the clipped curve by θ/‖g‖ and leaves the unclipped one alone', () => {
    const m = new GradientFlowModel();
    m.set('inputScale', 0);
    m.set('w', 1.5);
    m.set('clip', 5);
    const { points, clipping } = m.result;
    // Zero inputs keep h at 0, so only the two biases get gradient, each Σ_{k<40} 1.5^k.
    const norm = Math.SQRT2 * ((1.5 ** 40 - 1) / 0.5);
    expect(Math.abs(clipping.norm - norm) / norm).toBeLessThan(1e-5);
    expect(clipping.scale).toBe(5 / clipping.norm);
    for (const p of points) expect(p.rnnClipped).toBe(p.rnn * clipping.scale);
    expect(points[0]?.rnn).toBeGreaterThan(1e6);
  });

  it('describeNorm says "below 1e-30" for 0 and "overflowed" for ∞; clampForLog pins both into the axis', () => {
    expect(describeNorm(0)).toMatch(/below 1e-30/);
    expect(describeNorm(1e-40)).toMatch(/below 1e-30/);
    expect(describeNorm(Number.POSITIVE_INFINITY)).toMatch(/overflowed/);
    expect(describeNorm(Number.NaN)).toMatch(/not a number/);
    expect(describeNorm(0.00123)).toBe('1.23e−3');
    expect(clampForLog(0)).toBe(LOG_FLOOR);
    expect(clampForLog(Number.POSITIVE_INFINITY)).toBe(LOG_CEILING);
    expect(clampForLog(Number.NaN)).toBe(LOG_CEILING);
    expect(clampForLog(3)).toBe(3);
  });

  it('w = 0 makes every earlier step invisible: the norm is exactly 0 and reads "below 1e-30"', () => {
    const m = new GradientFlowModel();
    m.set('w', 0);
    expect(m.result.points[0]?.rnn).toBe(0);
    expect(describeNorm(m.result.points[0]?.rnn ?? 1)).toMatch(/below 1e-30/);
  });

  it('snapshot() round-trips through the URL; a bad field falls back alone', () => {
    const m = new GradientFlowModel();
    m.set('w', 1.3);
    m.set('clip', 2);
    const n = new GradientFlowModel();
    n.restore(decodeState(flowFields, encodeState(flowFields, m.snapshot())).state);
    expect(n.snapshot()).toEqual(m.snapshot());
    const bad = decodeState(flowFields, toBase64Url(JSON.stringify({ w: 9, T: 50 })));
    expect(bad.messages).toHaveLength(1);
    expect(bad.state.w).toBe(0.9);
    expect(bad.state.T).toBe(50);
  });
});
