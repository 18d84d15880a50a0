import { describe, expect, it } from 'vitest';
import { attention, attentionWeights } from '~engine/ops/index.ts';
import { mulberry32, uniformTensor } from '~engine/random.ts';
import { expectClose, maxAbsError, onBoth } from './compare.ts';

const rng = mulberry32(1024);

// The timings this file used to print (attention at n = 1024, matmul crossovers, an LSTM step at H = 64) asserted
// nothing; they are measured by `npm run bench` (selfattn-1024, lstm-64 on stepwise-cpu and stepwise-webgl2).

describe('attention at n = 1024, d = 64 (SwiftShader)', () => {
  const q = uniformTensor([1024, 64], rng);
  const k = uniformTensor([1024, 64], rng);
  const v = uniformTensor([1024, 64], rng);

  it('attention(Q, K, V) on WebGL2 matches the CPU within 1e-5 + 1e-4·|cpu|', () => {
    const { gpu, cpu } = onBoth(() => attention(q, k, v));
    const g = gpu.values();
    const c = cpu.values();
    console.info(`attention n=1024 d=64: max |webgl2 − cpu| = ${maxAbsError(g, c).toExponential(2)}`);
    expectClose(g, c, { abs: 1e-5, rel: 1e-4 }, 'attention');
  });

  it('attentionWeights rows on WebGL2 match the CPU within 1e-6 + 1e-4·|cpu| and sum to 1', () => {
    const { gpu, cpu } = onBoth(() => attentionWeights(q, k, { causal: true }));
    const g = gpu.values();
    console.info(`attentionWeights n=1024: max |webgl2 − cpu| = ${maxAbsError(g, cpu.values()).toExponential(2)}`);
    expectClose(g, cpu.values(), { abs: 1e-6, rel: 1e-4 }, 'weights');
    const row = g.subarray(1023 * 1024, 1024 * 1024).reduce((s, p) => s + p, 0);
    expect(Math.abs(row - 1)).toBeLessThan(1e-4);
  });
});
