import { describe, it } from 'vitest';
import { concat, max, mean, reshape, slice, softmax, sum, transpose } from '~engine/ops/index.ts';
import { mulberry32, uniformTensor } from '~engine/random.ts';
import { expectSameOnBoth } from './compare.ts';

const rng = mulberry32(5);
const exact = { abs: 0, rel: 0 };
const summed = { abs: 2e-6, rel: 2e-5 };

describe('softmax kernel matches the CPU on every axis', () => {
  for (const [shape, axis] of [
    [[5], 0],
    [[7, 9], -1],
    [[7, 9], 0],
    [[2, 3, 5], 1],
    [[3, 130], -1],
  ] as const) {
    it(`softmax(x[${shape}], ${axis}) matches the CPU`, () => {
      const x = uniformTensor(shape, rng, 6);
      expectSameOnBoth(() => softmax(x, axis), summed);
    });
  }
});

describe('reduction kernels match the CPU', () => {
  const cases = [
    [[7, 9], [1], false],
    [[7, 9], [0], true],
    [[7, 9], undefined, false],
    [[2, 3, 5], [0, 2], false],
    [[2, 3, 5], [1], true],
  ] as const;
  for (const [shape, axes, keep] of cases) {
    for (const [name, op] of [
      ['sum', sum],
      ['mean', mean],
      ['max', max],
    ] as const) {
      it(`${name}(x[${shape}], ${axes === undefined ? 'all' : `[${axes}]`}, keepDims ${keep}) matches the CPU`, () => {
        const x = uniformTensor(shape, rng, 3);
        expectSameOnBoth(() => op(x, axes, keep), name === 'max' ? exact : summed);
      });
    }
  }
});

describe('layout kernels copy exactly what the CPU copies', () => {
  const m79 = uniformTensor([7, 9], rng);
  const t235 = uniformTensor([2, 3, 5], rng);
  it('transpose of [7, 9] and of [2, 3, 5] by [2, 0, 1]', () => {
    expectSameOnBoth(() => transpose(m79), exact);
    expectSameOnBoth(() => transpose(t235, [2, 0, 1]), exact);
  });
  it('slice of [7, 9] and [2, 3, 5] boxes, including −1 sizes', () => {
    expectSameOnBoth(() => slice(m79, [1, 2], [3, 5]), exact);
    expectSameOnBoth(() => slice(t235, [0, 1, 1], [2, -1, 3]), exact);
  });
  it('reshape changes the last dimension ([6,4]→[3,8], [2,3,5]→[6,5], [7,9]→[63])', () => {
    const m64 = uniformTensor([6, 4], rng);
    expectSameOnBoth(() => reshape(m64, [3, 8]), exact);
    expectSameOnBoth(() => reshape(t235, [6, 5]), exact);
    expectSameOnBoth(() => reshape(m79, [63]), exact);
  });
  it('concat of two, three and rank-3 tensors along different axes', () => {
    const pair = [uniformTensor([2, 3], rng), uniformTensor([2, 5], rng)];
    expectSameOnBoth(() => concat(pair, 1), exact);
    const three = [
      [2, 3],
      [4, 3],
      [1, 3],
    ].map((s) => uniformTensor(s, rng));
    expectSameOnBoth(() => concat(three, 0), exact);
    const rank3 = [uniformTensor([2, 1, 3], rng), uniformTensor([2, 4, 3], rng)];
    expectSameOnBoth(() => concat(rank3, 1), exact);
  });
  it('whole-texel copies: slices from a multiple of 4 on the last axis, last-axis concat, one-input concat', () => {
    const m7x10 = uniformTensor([7, 10], rng);
    const t3510 = uniformTensor([3, 5, 10], rng);
    const v11 = uniformTensor([11], rng);
    // The source's next values sit in the copied texel past the slice's end: they must come out as padding.
    expectSameOnBoth(() => slice(m7x10, [2, 4], [3, 5]), exact);
    expectSameOnBoth(() => sum(slice(m7x10, [2, 4], [3, 5]), [1]), summed);
    expectSameOnBoth(() => slice(m7x10, [0, 8], [7, 2]), exact);
    expectSameOnBoth(() => slice(v11, [4], [6]), exact);
    expectSameOnBoth(() => slice(t3510, [1, 0, 4], [2, 5, 6]), exact);
    // A partial middle axis keeps the general path.
    expectSameOnBoth(() => slice(t3510, [0, 1, 4], [3, 3, 4]), exact);
    const parts = [uniformTensor([3, 4], rng), uniformTensor([3, 8], rng), uniformTensor([3, 5], rng)];
    expectSameOnBoth(() => concat(parts, 1), exact);
    const rank3 = [uniformTensor([2, 2, 8], rng), uniformTensor([2, 2, 3], rng)];
    expectSameOnBoth(() => concat(rank3, 2), exact);
    expectSameOnBoth(() => concat([m7x10], 1), exact);
  });
});
