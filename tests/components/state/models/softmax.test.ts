import { describe, expect, it } from 'vitest';
import { modelAt } from '~components/exercises/model-at.ts';
import type { ChallengeExercise } from '~components/exercises/schema.ts';
import {
  float32Max,
  isDistribution,
  naiveSoftmax,
  SoftmaxState,
  softmaxFields as softmaxFieldsForTest,
} from '~components/state/models/softmax.svelte.ts';
import start from '../../../../content/00-start-here/exercises.ts';

/** Independent float64 reference. */
function softmax64(z: readonly number[], tau = 1): number[] {
  const m = Math.max(...z.map((v) => v / tau));
  const e = z.map((v) => Math.exp(v / tau - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

const expectClose = (got: readonly number[], want: readonly number[]) => {
  got.forEach((g, i) => {
    expect(Math.abs(g - (want[i] ?? Number.NaN))).toBeLessThanOrEqual(1e-6);
  });
};

describe('SoftmaxState', () => {
  it('SoftmaxState.result is the softmax of the default logits, computed on the CPU', () => {
    const s = new SoftmaxState();
    expectClose(s.result.probabilities, softmax64(s.logits));
    expect(s.result.backend).toBe('cpu');
  });
  it('setLogit(i, v) recomputes the probabilities', () => {
    const s = new SoftmaxState();
    s.setLogit(2, 4);
    expectClose(s.result.probabilities, softmax64([2, 1, 4, -1]));
  });
  it('setTemperature(τ) divides the logits by τ before the softmax', () => {
    const s = new SoftmaxState();
    s.setTemperature(0.5);
    expectClose(s.result.probabilities, softmax64([2, 1, 0.1, -1], 0.5));
  });
  it('setLogit and setTemperature ignore non-finite and out-of-range values', () => {
    const s = new SoftmaxState();
    s.setLogit(0, Number.NaN);
    s.setLogit(9, 1);
    s.setTemperature(0);
    s.setTemperature(Number.POSITIVE_INFINITY);
    expect(s.logits).toEqual([2, 1, 0.1, -1]);
    expect(s.temperature).toBe(1);
  });
  it('reset() restores the defaults', () => {
    const s = new SoftmaxState();
    s.setLogit(0, 7);
    s.setTemperature(3);
    s.setNaive(true);
    s.reset();
    expect(s.logits).toEqual([2, 1, 0.1, -1]);
    expect(s.temperature).toBe(1);
    expect(s.naive).toBe(false);
  });
});

/** The naive formula in float64 with every intermediate rounded to float32, as an independent reference. */
function naive32(z: readonly number[]): number[] {
  const e = z.map((v) => Math.fround(Math.exp(Math.fround(v))));
  const total = Math.fround(e.reduce((a, b) => a + b, 0));
  return e.map((v) => Math.fround(v / total));
}

describe('naive softmax', () => {
  it('agrees with the stable softmax and with float64 on ordinary logits', () => {
    const s = new SoftmaxState();
    s.setNaive(true);
    expect(s.naiveResult.failure).toBe('');
    expectClose(s.result.probabilities, softmax64(s.logits));
    expect(s.result.probabilities).toEqual(s.naiveResult.probabilities);
  });

  it('overflows for real: e^100 is +∞ in float32, p₁ = ∞/∞ = NaN and the others 0, while float64 and the stable softmax give a distribution', () => {
    const z = [100, 1, 0.1, -1];
    const n = naiveSoftmax(z);
    expect(Math.exp(100)).toBeGreaterThan(float32Max); // finite in float64, not in float32
    expect(n.exps[0]).toBe(Number.POSITIVE_INFINITY);
    expect(n.total).toBe(Number.POSITIVE_INFINITY);
    expect(n.failure).toBe('overflow');
    expect(Number.isNaN(n.probabilities[0])).toBe(true);
    expect(n.probabilities.slice(1)).toEqual([0, 0, 0]);
    expect(n.probabilities).toEqual(naive32(z));
    const s = new SoftmaxState();
    s.restore({ z, t: 1, n: true });
    expectClose(s.stable.probabilities, softmax64(z));
    expect(isDistribution(s.stable.probabilities)).toBe(true);
    expect(s.result.probabilities).toEqual(s.naiveResult.probabilities);
  });

  it('a sum that overflows although every term fits makes every p 0', () => {
    const z = [88.5, 88.5, 0, 0];
    const n = naiveSoftmax(z);
    expect(n.exps.every(Number.isFinite)).toBe(true);
    expect(n.total).toBe(Number.POSITIVE_INFINITY);
    expect(n.failure).toBe('overflow');
    expect(n.probabilities).toEqual([0, 0, 0, 0]);
    expectClose(softmax64(z), [0.5, 0.5, 0, 0]);
  });

  it('underflows: e^-200 rounds to 0 in float32, the sum is 0 and every p = 0/0 = NaN', () => {
    const n = naiveSoftmax([-200, -201, -202, -203]);
    expect(n.total).toBe(0);
    expect(n.failure).toBe('underflow');
    expect(n.probabilities.every(Number.isNaN)).toBe(true);
    expect(isDistribution(softmax64([-200, -201, -202, -203]))).toBe(true);
  });
});

describe('the naive-overflow challenge', () => {
  const c = start.exercises.find((e) => e.id === 'start-here-naive-overflow') as ChallengeExercise<'softmax'>;
  const at = (state: object) => modelAt(() => new SoftmaxState(), softmaxFieldsForTest, state);

  it('fails on its start (naive, default logits) and on the defaults; passes on its solution', () => {
    expect(c.check(at(c.start)).solved).toBe(false);
    expect(c.check(at({})).solved).toBe(false);
    const v = c.check(at(c.solution));
    expect(v.solved, v.detail).toBe(true);
    // Tiny stable probabilities are written in powers of ten, not as a misleading 0.000.
    expect(v.detail).toMatch(/e−4\d/);
  });

  it('needs the naive formula on screen, and logits beyond the range of float32 break both formulas (not solved)', () => {
    expect(c.check(at({ ...c.solution, n: false })).solved).toBe(false);
    const both = c.check(at({ n: true, z: [-1e39, -1e39, -1e39, -1e39] }));
    expect(both.solved).toBe(false);
    expect(both.detail).toContain('both break');
  });

  it('an underflow also solves it: very negative logits', () => {
    expect(c.check(at({ n: true, z: [-200, -201, -202, -203] })).solved).toBe(true);
  });
});
