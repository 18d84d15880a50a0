import { describe, expect, it } from 'vitest';
import { tensor } from '~engine/index.ts';
import { clipByGlobalNorm } from '~engine/train/clip.ts';
import { initOptimizer, type OptimizerConfig, optimizerStep } from '~engine/train/optimizers.ts';

/** Runs `config` from θ = 1 over the gradient sequence gs; returns θ after each step. */
function trajectory(config: OptimizerConfig, gs: number[]): number[] {
  let params = { w: tensor([1]) };
  let state = initOptimizer(config, params);
  return gs.map((g) => {
    ({ params, state } = optimizerStep(config, params, { w: tensor([g]) }, state));
    return params.w.at(0);
  });
}

describe('optimizerStep', () => {
  it('sgd without momentum: θ = 1 − 0.1·0.5 = 0.95', () => {
    expect(trajectory({ kind: 'sgd', lr: 0.1 }, [0.5])).toEqual([Math.fround(0.95)]);
  });

  it('sgd momentum 0.9: v₁ = 0.5, θ₁ = 0.95; v₂ = 0.9·0.5 + 0.5 = 0.95, θ₂ = 0.95 − 0.095 = 0.855', () => {
    const got = trajectory({ kind: 'sgd', lr: 0.1, momentum: 0.9 }, [0.5, 0.5]);
    expect(got[0]).toBeCloseTo(0.95, 7);
    expect(got[1]).toBeCloseTo(0.855, 6);
  });

  it('adam: step 1 moves by lr·g/(|g| + ε) ≈ 0.1; step 2 with g = −0.25 lands at 0.8733663', () => {
    // m₂ = 0.9·0.05 − 0.025 = 0.02, v₂ = 0.999·2.5e-4 + 0.001·0.0625 = 3.1225e-4,
    // m̂ = 0.02/0.19, v̂ = 3.1225e-4/0.001999, θ₂ = 0.9 − 0.1·m̂/√v̂ = 0.873366299
    const got = trajectory({ kind: 'adam', lr: 0.1 }, [0.5, -0.25]);
    expect(got[0]).toBe(Math.fround(0.900000002));
    expect(got[1]).toBe(Math.fround(0.8733662987));
  });

  it('optimizerStep leaves the given state unchanged (a snapshot stays valid)', () => {
    const config: OptimizerConfig = { kind: 'adam', lr: 0.1 };
    const params = { w: tensor([1, 2]) };
    const state = initOptimizer(config, params);
    optimizerStep(config, params, { w: tensor([1, 1]) }, state);
    expect(state.t).toBe(0);
    expect([...(state.slots.w?.[0] ?? [])]).toEqual([0, 0]);
  });

  it('optimizerStep refuses a gradient of the wrong size, naming the param', () => {
    const config: OptimizerConfig = { kind: 'sgd', lr: 0.1 };
    const params = { w: tensor([1, 2]) };
    expect(() => optimizerStep(config, params, { w: tensor([1]) }, initOptimizer(config, params))).toThrow(/w needs/);
  });
});

describe('clipByGlobalNorm', () => {
  it('clipByGlobalNorm scales every gradient by max/‖g‖ and returns the pre-clip norm 13', () => {
    const { grads, norm, clipped } = clipByGlobalNorm({ a: tensor([3, 4]), b: tensor([12]) }, 6.5);
    expect(norm).toBe(13);
    expect(clipped).toBe(true);
    expect(grads.a.toArray()).toEqual([1.5, 2]);
    expect(grads.b.toArray()).toEqual([6]);
  });

  it('clipByGlobalNorm leaves gradients under the limit untouched (same tensors)', () => {
    const a = tensor([0.3, 0.4]);
    const out = clipByGlobalNorm({ a }, 1);
    expect(out.grads.a).toBe(a);
    expect(out.norm).toBeCloseTo(0.5, 7);
    expect(out.clipped).toBe(false);
  });

  it('clipByGlobalNorm reports a NaN norm and does not scale', () => {
    const out = clipByGlobalNorm({ a: tensor([Number.NaN, 1]) }, 1);
    expect(Number.isNaN(out.norm)).toBe(true);
    expect(out.clipped).toBe(false);
  });
});
