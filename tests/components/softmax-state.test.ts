import { describe, expect, it } from 'vitest';
import { SoftmaxState } from '../../components/state/softmax.svelte.ts';

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
    s.reset();
    expect(s.logits).toEqual([2, 1, 0.1, -1]);
    expect(s.temperature).toBe(1);
  });
});
