import { describe, expect, it } from 'vitest';
import {
  computeGradientFlow,
  defaultGradientFlow,
  flowWithClipping,
} from '~components/state/models/gradient-flow.compute.ts';

describe('computeGradientFlow', () => {
  it('computeGradientFlow with zero inputs gives ‖∂h_T/∂h_t‖ = w^(T−t) for the plain RNN', () => {
    const points = computeGradientFlow({ ...defaultGradientFlow, inputScale: 0, w: 0.8, steps: 20 });
    expect(points).toHaveLength(21);
    for (const p of points) {
      const want = 0.8 ** (20 - p.t);
      expect(Math.abs(p.rnn - want)).toBeLessThanOrEqual(1e-5 * want + 1e-12);
    }
  });
  it('computeGradientFlow shows vanishing for w < 1 and exploding for w > 1 (linear regime)', () => {
    const small = computeGradientFlow({ ...defaultGradientFlow, inputScale: 0, w: 0.5 });
    const large = computeGradientFlow({ ...defaultGradientFlow, inputScale: 0, w: 1.5 });
    expect(small[0]?.rnn).toBeLessThan(1e-10);
    expect(large[0]?.rnn).toBeGreaterThan(1e6);
  });
  it('computeGradientFlow keeps the LSTM cell path near 1 when the forget gate is biased open', () => {
    const points = computeGradientFlow({ ...defaultGradientFlow, forgetBias: 12, w: 0.5 });
    expect(points[0]?.lstmCell).toBeGreaterThan(0.99);
    expect(points[0]?.rnn).toBeLessThan(1e-6);
  });
  it('flowWithClipping moves the whole curve down by one factor when ‖g‖ > θ, and not at all below θ', () => {
    const big = flowWithClipping({ ...defaultGradientFlow, inputScale: 0, w: 1.3, clip: 5 });
    expect(big.clipping.norm).toBeGreaterThan(5);
    for (const p of big.points) expect(p.rnnClipped / p.rnn).toBeCloseTo(5 / big.clipping.norm, 12);
    // The default settings vanish: ‖g‖ ≈ 3.3 < 5, so clipping changes nothing, not even the tiny early values.
    const small = flowWithClipping({ ...defaultGradientFlow, clip: 5 });
    expect(small.clipping.norm).toBeLessThan(5);
    expect(small.clipping.scale).toBe(1);
    for (const p of small.points) expect(p.rnnClipped).toBe(p.rnn);
  });
  it('computeGradientFlow is deterministic for a seed', () => {
    expect(computeGradientFlow(defaultGradientFlow)).toEqual(computeGradientFlow(defaultGradientFlow));
  });
});
