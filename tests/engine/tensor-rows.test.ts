import { describe, expect, it } from 'vitest';
import { tensor, zeros } from '~engine/index.ts';

describe('Tensor.toRows', () => {
  it('tensor([[1, 2, 3], [4, 5, 6]]).toRows() gives the two rows', () => {
    expect(
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]).toRows(),
    ).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });
  it('a vector is one row, a [0, 3] matrix no rows, a [2, 0] matrix two empty rows', () => {
    expect(tensor([1, 2]).toRows()).toEqual([[1, 2]]);
    expect(zeros([0, 3]).toRows()).toEqual([]);
    expect(zeros([2, 0]).toRows()).toEqual([[], []]);
  });
  it('toRows refuses rank 3 instead of flattening it', () => {
    expect(() => zeros([1, 2, 2]).toRows()).toThrow('toRows needs rank ≤ 2');
  });
});
