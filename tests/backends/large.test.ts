import { describe, expect, it } from 'vitest';
import { attention, attentionWeights, lstmGates, matmul } from '../../src/engine/ops/index.ts';
import { mulberry32, uniformTensor } from '../../src/engine/random.ts';
import { dispatch } from '../../src/engine/registry.ts';
import type { Tensor } from '../../src/engine/tensor.ts';
import { expectClose, maxAbsError, onBoth } from './compare.ts';

const rng = mulberry32(1024);

/** Median wall time of `runs` calls, each including the readback (values()), after one warm-up. */
function timeIt(backend: 'cpu' | 'webgl2', runs: number, fn: () => Tensor): number {
  dispatch.force = backend;
  try {
    fn().values();
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      fn().values();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] ?? Number.NaN;
  } finally {
    dispatch.force = undefined;
  }
}

function report(label: string, cpu: number, gpu: number): void {
  console.info(
    `${label}: cpu ${cpu.toFixed(2)} ms, webgl2 ${gpu.toFixed(2)} ms (incl. readback), ×${(cpu / gpu).toFixed(2)}`,
  );
}

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

  it('measures attention n=1024, d=64 and matmul crossover sizes (numbers only, no timing assertions)', () => {
    report(
      'attention n=1024 d=64',
      timeIt('cpu', 3, () => attention(q, k, v)),
      timeIt('webgl2', 3, () => attention(q, k, v)),
    );
    for (const n of [64, 128, 256]) {
      const a = uniformTensor([n, n], rng);
      const b = uniformTensor([n, n], rng);
      report(
        `matmul ${n}³`,
        timeIt('cpu', 3, () => matmul(a, b)),
        timeIt('webgl2', 3, () => matmul(a, b)),
      );
    }
  });
});

it('measures one LSTM gates step at H = 64, I = 64, B = 1 (numbers only)', () => {
  const H = 64;
  const wih = uniformTensor([4 * H, H], rng, 0.1);
  const whh = uniformTensor([4 * H, H], rng, 0.1);
  const bih = uniformTensor([4 * H], rng, 0.1);
  const bhh = uniformTensor([4 * H], rng, 0.1);
  // A fresh x and h every step, as a recurrence produces them: each step uploads two vectors and reads one back.
  const step = () => lstmGates(uniformTensor([1, H], rng), uniformTensor([1, H], rng), wih, whh, bih, bhh);
  report('lstmGates H=64', timeIt('cpu', 21, step), timeIt('webgl2', 21, step));
});
