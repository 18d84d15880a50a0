import { describe, expect, it } from 'vitest';
import { broadcastPlan } from '~engine/index-plans/broadcast.ts';
import { PlanMemo } from '~engine/index-plans/memo.ts';
import { reduceTargets } from '~engine/index-plans/reduce.ts';

describe('index plans are kept by shape', () => {
  it('broadcastPlan(a, b) returns the same plan for the same shapes, another for other shapes', () => {
    const p = broadcastPlan([3, 1], [1, 4]);
    expect(broadcastPlan([3, 1], [1, 4])).toBe(p);
    expect(broadcastPlan([1, 4], [3, 1])).not.toBe(p);
    expect(Array.from(broadcastPlan([1, 4], [3, 1]).aIndex)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
  });
  it('reduceTargets(shape, axes) is kept per shape and axes', () => {
    const t = reduceTargets([2, 3], [1]);
    expect(reduceTargets([2, 3], [1])).toBe(t);
    expect(Array.from(reduceTargets([2, 3], [0]).targets)).toEqual([0, 1, 2, 0, 1, 2]);
  });
  it('PlanMemo keeps no plan past its size limit and empties itself when full', () => {
    const memo = new PlanMemo<{ size: number }>(2, 10);
    const get = (key: string, size: number) =>
      memo.get(
        key,
        () => ({ size }),
        (p) => p.size,
      );
    const small = get('a', 1);
    expect(get('a', 1)).toBe(small);
    expect(get('big', 100)).not.toBe(get('big', 100));
    get('b', 1);
    // A third small plan finds the store full (a, b): it starts again, so a is made anew.
    get('c', 1);
    expect(get('a', 1)).not.toBe(small);
  });
});
