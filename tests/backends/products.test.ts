import { describe, it } from 'vitest';
import { attention, attentionWeights, lstmGates, matmul } from '~engine/ops/index.ts';
import { mulberry32, uniformTensor } from '~engine/random.ts';
import { tensor } from '~engine/tensor.ts';
import { expectSameOnBoth } from './compare.ts';

const rng = mulberry32(11);
// float32 sums of k products of values ≤ 1 in a different order than the CPU's float64 sum.
const summed = { abs: 2e-6, rel: 2e-5 };

describe('matmul kernel matches the CPU definition', () => {
  const sizes = [
    [1, 1, 1],
    [3, 5, 7],
    [4, 4, 4],
    [17, 33, 9],
    [2, 13, 1],
    [64, 64, 64],
    // Four rows per fragment (matmul.ts partsMinRows): ragged m, k and n, and rows that straddle texture lines.
    [67, 33, 9],
    [130, 70, 67],
  ];
  for (const [m = 1, k = 1, n = 1] of sizes) {
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        it(`matmul(a, b, {transposeA: ${transposeA}, transposeB: ${transposeB}}) at ${m}×${k}×${n}`, () => {
          const a = uniformTensor(transposeA ? [k, m] : [m, k], rng);
          const b = uniformTensor(transposeB ? [n, k] : [k, n], rng);
          expectSameOnBoth(() => matmul(a, b, { transposeA, transposeB }), summed, 'matmul');
        });
      }
    }
  }
  it('matmul batches over a leading axis: [2,3,5]·[2,5,6] and with transposeB', () => {
    const a = uniformTensor([2, 3, 5], rng);
    const b = uniformTensor([2, 5, 6], rng);
    const bt = uniformTensor([2, 6, 5], rng);
    expectSameOnBoth(() => matmul(a, b), summed, 'batched');
    expectSameOnBoth(() => matmul(a, bt, { transposeB: true }), summed, 'batchedᵀ');
  });
});

describe('lstmGates kernel matches the CPU definition', () => {
  for (const [b, i, h] of [
    [1, 3, 5],
    [2, 8, 4],
    [3, 10, 7],
    [1, 64, 64],
  ] as const) {
    it(`lstmGates at B=${b}, I=${i}, H=${h} gives σ,σ,tanh,σ blocks like the CPU`, () => {
      const x = uniformTensor([b, i], rng, 2);
      const hPrev = uniformTensor([b, h], rng, 2);
      const wih = uniformTensor([4 * h, i], rng);
      const whh = uniformTensor([4 * h, h], rng);
      const bih = uniformTensor([4 * h], rng);
      const bhh = uniformTensor([4 * h], rng);
      expectSameOnBoth(() => lstmGates(x, hPrev, wih, whh, bih, bhh), summed);
    });
  }
});

describe('attention kernels match the CPU definition', () => {
  const q = uniformTensor([6, 8], rng, 2);
  const k = uniformTensor([7, 8], rng, 2);
  const v = uniformTensor([7, 5], rng);
  const mask = tensor(
    Array.from({ length: 42 }, (_, i) => (i % 5 === 0 ? Number.NEGATIVE_INFINITY : 0)),
    [6, 7],
  );
  it('attentionWeights(Q[6,8], K[7,8]) rows match softmax(QKᵀ/√d)', () => {
    expectSameOnBoth(() => attentionWeights(q, k), summed);
  });
  it('attentionWeights with an additive −∞ mask, a numeric scale and the causal cut', () => {
    expectSameOnBoth(() => attentionWeights(q, k, { mask }), summed, 'mask');
    expectSameOnBoth(() => attentionWeights(q, k, { scale: 0.5, causal: true }), summed, 'causal');
  });
  it('attention(Q, K, V) matches with and without mask, at dv = 5', () => {
    expectSameOnBoth(() => attention(q, k, v), summed, 'plain');
    expectSameOnBoth(() => attention(q, k, v, { mask, causal: true }), summed, 'masked');
  });
  it('attention(Q[301,34], K[299,34], V[299,9]) with mask and causal cut, rows straddling texture lines', () => {
    const q = uniformTensor([301, 34], rng, 2);
    const k = uniformTensor([299, 34], rng, 2);
    const v = uniformTensor([299, 9], rng);
    const mask = tensor(
      Array.from({ length: 301 * 299 }, (_, i) => (i % 7 === 0 ? Number.NEGATIVE_INFINITY : (i % 5) * 0.1)),
      [301, 299],
    );
    expectSameOnBoth(() => attention(q, k, v), summed, 'plain');
    expectSameOnBoth(() => attention(q, k, v, { mask, causal: true }), summed, 'masked');
  });
});
