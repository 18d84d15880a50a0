import { describe, expect, it } from 'vitest';
import { computeMemory, workedExample } from '~components/state/models/rnn-memory.compute.ts';

describe('computeMemory', () => {
  it('computeMemory(workedExample()) gives outputs [4,4], [12,12], [32,32] exactly', () => {
    const { steps } = computeMemory(workedExample());
    expect(steps.map((s) => s.y.toArray())).toEqual([
      [4, 4],
      [12, 12],
      [32, 32],
    ]);
    expect(steps.map((s) => s.h.toArray())).toEqual([
      [2, 2],
      [6, 6],
      [16, 16],
    ]);
    expect(steps.map((s) => s.memory.toArray())).toEqual([
      [0, 0],
      [2, 2],
      [6, 6],
    ]);
  });

  it('computeMemory with the inputs reordered ([2,2] first) gives a different last output', () => {
    const s = workedExample();
    s.inputs = [
      [2, 2],
      [1, 1],
      [1, 1],
    ];
    // h: [4,4] → 2 + 8 = [10,10] → 2 + 20 = [22,22]; y = 2h.
    expect(computeMemory(s).steps.map((x) => x.y.toArray())).toEqual([
      [8, 8],
      [20, 20],
      [44, 44],
    ]);
  });

  it('computeMemory with W_hh = 0 forgets: equal inputs give equal outputs', () => {
    const s = workedExample();
    s.W_hh = [
      [0, 0],
      [0, 0],
    ];
    const ys = computeMemory(s).steps.map((x) => x.y.toArray());
    expect(ys[0]).toEqual(ys[1]);
  });

  it('computeMemory as a Jordan network feeds back outputs: h_t = W_ih x_t + W_hh y_{t−1}', () => {
    const s = { ...workedExample(), variant: 'jordan' as const };
    // h1 = [2,2], y1 = [4,4]; h2 = 2 + 8 = [10,10], y2 = [20,20]; h3 = 4 + 40 = [44,44], y3 = [88,88].
    const steps = computeMemory(s).steps;
    expect(steps.map((x) => x.y.toArray())).toEqual([
      [4, 4],
      [20, 20],
      [88, 88],
    ]);
    expect(steps[1]?.memory.toArray()).toEqual([4, 4]);
  });

  it('computeMemory with tanh keeps every hidden value inside (−1, 1)', () => {
    const s = { ...workedExample(), activation: 'tanh' as const };
    for (const step of computeMemory(s).steps) {
      for (const v of step.h.toArray()) expect(Math.abs(v)).toBeLessThan(1);
    }
  });
});
