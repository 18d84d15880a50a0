import { describe, expect, it } from 'vitest';
import { add, findNonFinite, reshape, Tensor, tensor } from '~engine/index.ts';

describe('Tensor shapes', () => {
  it('a tensor keeps a frozen copy of a shape it was handed, so changing the array later changes nothing', () => {
    const shape = [2, 3];
    const t = new Tensor(shape, new Float32Array(6));
    shape[0] = 3;
    expect(t.shape).toEqual([2, 3]);
    expect(t.size).toBe(6);
    expect(Object.isFrozen(t.shape)).toBe(true);
  });

  it('a frozen shape (another tensor’s) is shared, not copied', () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(add(a, a).shape).toBe(a.shape);
    expect(new Tensor(a.shape, new Float32Array(4)).shape).toBe(a.shape);
  });

  it('a broadcast result has the broadcast shape, and a bad dimension is refused with the shape named', () => {
    expect(add(tensor([[1], [2]]), tensor([10, 20, 30])).shape).toEqual([2, 3]);
    expect(() => new Tensor([2, 1.5], new Float32Array(3))).toThrow('invalid shape [2, 1.5]');
    expect(() => new Tensor([-1], new Float32Array(0))).toThrow('invalid shape [-1]');
    expect(() => new Tensor([2, 2], new Float32Array(3))).toThrow('shape [2, 2] needs 4 values, got 3');
  });

  it('reshape infers one −1, refuses two, and names a size that does not fit', () => {
    const t = tensor([1, 2, 3, 4, 5, 6]);
    expect(reshape(t, [-1, 2]).shape).toEqual([3, 2]);
    expect(reshape(t, [3, 2]).toRows()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(() => reshape(t, [-1, -1])).toThrow('at most one dimension may be −1');
    expect(() => reshape(t, [4, -1])).toThrow('cannot reshape 6 values to [4,-1]');
    expect(() => reshape(t, [4, 2])).toThrow('cannot reshape 6 values to [4,2]');
  });
});

describe('findNonFinite on tensors it has seen', () => {
  // Tensors of more than 64 values are remembered once found finite; smaller ones are scanned each time.
  it.each([3, 64, 65, 1000])('a %i-value tensor is finite on a second look and its twin with a NaN is caught', (n) => {
    const values = Float32Array.from({ length: n }, (_, i) => i);
    const finite = new Tensor([n], values);
    expect(findNonFinite(finite)).toBeUndefined();
    expect(findNonFinite(finite)).toBeUndefined();
    const broken = Float32Array.from(values);
    broken[n - 1] = Number.NaN;
    expect(findNonFinite(new Tensor([n], broken))?.flat).toBe(n - 1);
  });
});
