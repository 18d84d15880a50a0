import { describe, expect, it } from 'vitest';
import { dispatch } from '~engine/index.ts';
import { scaleInputs, topicOf } from '~components/state/data/scale-mode-inputs.ts';
import { CostState, layerCost, unfold } from '~components/state/models/cost-plot.svelte.ts';
import { compare, ScaleModeState, scaleTolerance } from '~components/state/models/scale-mode.svelte.ts';

describe('CostState', () => {
  it('layerCost is n·d², k·n·d² and n²·d', () => {
    expect(layerCost('rnn', 10, 4, 3)).toBe(160);
    expect(layerCost('cnn', 10, 4, 3)).toBe(480);
    expect(layerCost('sa', 10, 4, 3)).toBe(400);
  });
  it('self-attention overtakes the RNN at n = d and the CNN at n = k·d', () => {
    const s = new CostState();
    s.setD(64);
    s.setK(5);
    expect(s.crossovers).toEqual({ rnn: 64, cnn: 320 });
    expect(layerCost('sa', 64, 64, 5)).toBe(layerCost('rnn', 64, 64, 5));
    expect(layerCost('sa', 320, 64, 5)).toBe(layerCost('cnn', 320, 64, 5));
  });
  it('unfold lays out k windows of d with zero padding on the left', () => {
    const x = Float32Array.from([1, 2, 3, 4, 5, 6]);
    expect(unfold(x, 3, 2, 2).toArray()).toEqual([0, 0, 1, 2, 1, 2, 3, 4, 3, 4, 5, 6]);
  });
  it('measure times every layer at every length on the CPU and restores dispatch.force', async () => {
    const s = new CostState();
    dispatch.force = undefined;
    let t = 0;
    await s.measure(() => (t += 1));
    expect(s.measurements.map((m) => m.n)).toEqual([64, 128, 256, 512, 1024]);
    expect(s.measurements.every((m) => m.rnn === 1 && m.cnn === 1 && m.sa === 1)).toBe(true);
    expect(s.calls.length).toBeGreaterThan(0);
    expect(s.calls.every((c) => c.backend === 'cpu')).toBe(true);
    expect(dispatch.force).toBeUndefined();
    expect(s.measuring).toBe('');
  }, 60_000);
});

/**
 * An independent count: each layer written as the matrix products it runs for n tokens of width d, every
 * product [r × m]·[m × c] costing r·m·c multiply-adds. Table 1 keeps only the products it names.
 */
function countedByHand(layer: 'rnn' | 'cnn' | 'sa', n: number, d: number, k: number, projections: boolean): number {
  const product = (r: number, m: number, c: number) => r * m * c;
  const products: number[] =
    layer === 'rnn'
      ? [
          ...Array.from({ length: n }, () => product(d, d, 1)), // W_hh h_{t−1}, one step at a time
          ...(projections ? Array.from({ length: n }, () => product(d, d, 1)) : []), // W_ih x_t
        ]
      : layer === 'cnn'
        ? [product(n, k * d, d)] // unfolded windows [n, k·d] times the kernel
        : [
            product(n, d, n), // E = QKᵀ
            ...(projections
              ? [
                  product(n, n, d), // O = AV
                  product(n, d, d), // Q = X W_qᵀ
                  product(n, d, d), // K
                  product(n, d, d), // V
                  product(n, d, d), // output projection
                ]
              : []),
          ];
  return products.reduce((a, b) => a + b, 0);
}

describe('layerCost and crossovers', () => {
  it('layerCost(…, projections) equals a product-by-product count of each layer', () => {
    for (const projections of [false, true])
      for (const [n, d, k] of [
        [10, 4, 3],
        [1, 8, 2],
        [777, 512, 7],
        [100_000, 4096, 15],
      ] as const)
        for (const layer of ['rnn', 'cnn', 'sa'] as const)
          expect(layerCost(layer, n, d, k, projections), `${layer} n=${n} d=${d} k=${k} p=${projections}`).toBe(
            countedByHand(layer, n, d, k, projections),
          );
  });
  it('with projections at n = 10, d = 4, k = 3: recurrent 320, convolution 480, self-attention 1440 (by hand)', () => {
    // recurrent 2·10·16; convolution 3·10·16; self-attention 2·100·4 + 4·10·16 = 800 + 640.
    expect(layerCost('rnn', 10, 4, 3, true)).toBe(320);
    expect(layerCost('cnn', 10, 4, 3, true)).toBe(480);
    expect(layerCost('sa', 10, 4, 3, true)).toBe(1440);
  });
  it('the projections move the crossovers from d and k·d to every n and (k − 4)·d/2', () => {
    const s = new CostState();
    s.setD(512);
    s.setK(8);
    expect(s.crossovers).toEqual({ rnn: 512, cnn: 4096 });
    s.setProjections(true);
    expect(s.crossovers).toEqual({ rnn: 0, cnn: 1024 });
    expect(s.crossoversWith(false)).toEqual({ rnn: 512, cnn: 4096 });
    s.setK(3);
    expect(s.crossovers).toEqual({ rnn: 0, cnn: 0 });
  });
  it('every crossover is where a scan over n first finds self-attention dearer', () => {
    const firstDearer = (other: 'rnn' | 'cnn', d: number, k: number, p: boolean) => {
      let n = 1;
      while (countedByHand('sa', n, d, k, p) <= countedByHand(other, n, d, k, p)) n++;
      return n;
    };
    for (const p of [false, true])
      for (const [d, k] of [
        [64, 5],
        [512, 8],
        [9, 5],
        [40, 15],
        [8, 2],
      ] as const) {
        const s = new CostState();
        s.setD(d);
        s.setK(k);
        s.setProjections(p);
        for (const other of ['rnn', 'cnn'] as const)
          expect(firstDearer(other, d, k, p), `${other} d=${d} k=${k} p=${p}`).toBe(
            Math.floor(s.crossovers[other]) + 1,
          );
      }
  });
  it('the projections toggle goes into the link state and back', () => {
    const s = new CostState();
    s.setProjections(true);
    expect(s.snapshot()).toEqual({ d: 512, k: 3, n: 1024, p: true });
    const t = new CostState();
    t.restore(s.snapshot());
    expect(t.projections).toBe(true);
    t.reset();
    expect(t.projections).toBe(false);
  });
});

describe('ScaleModeState', () => {
  it('without WebGL2 (Node) it computes on the CPU, says why, and matches float64 on sample rows', async () => {
    const s = new ScaleModeState();
    s.setN(128);
    await s.compute();
    expect(s.status).toBe('done');
    expect(s.webgl?.ok).toBe(false);
    const run = s.run;
    if (!run) throw new Error('no run');
    expect(run.backend).toBe('cpu');
    expect(run.calls.every((c) => c.backend === 'cpu')).toBe(true);
    const { X, W_q, W_k, W_v, d, n } = scaleInputs(128, 1);
    const proj = (W: Float32Array, i: number) =>
      Array.from({ length: d }, (_, c) => {
        let a = 0;
        for (let p = 0; p < d; p++) a += (X[i * d + p] as number) * (W[c * d + p] as number);
        return a;
      });
    const K = Array.from({ length: n }, (_, j) => proj(W_k, j));
    const V = Array.from({ length: n }, (_, j) => proj(W_v, j));
    for (const i of [0, 64, 127]) {
      const q = proj(W_q, i);
      const z = K.map((k) => k.reduce((a, x, p) => a + x * (q[p] as number), 0) / 8);
      const m = Math.max(...z);
      const e = z.map((x) => Math.exp(x - m));
      const sum = e.reduce((a, b) => a + b, 0);
      const w = e.map((x) => x / sum);
      const tol = (r: number) => scaleTolerance.atol + scaleTolerance.rtol * Math.abs(r);
      w.forEach((r, j) => {
        expect(Math.abs((run.Ap[i * n + j] as number) - r)).toBeLessThanOrEqual(tol(r));
      });
      for (let c = 0; c < d; c++) {
        const r = w.reduce((a, x, j) => a + x * ((V[j] as number[])[c] as number), 0);
        expect(Math.abs((run.O[i * d + c] as number) - r)).toBeLessThanOrEqual(tol(r));
      }
    }
    expect(dispatch.force).toBeUndefined();
  });
  it('checkCpu compares the run with a CPU recomputation entry by entry', async () => {
    const s = new ScaleModeState({ init: () => ({ ok: false, reason: 'test' }) });
    s.setN(64);
    await s.compute();
    await s.checkCpu();
    expect(s.check).toEqual({ maxAp: 0, maxO: 0, ok: true });
  });
  it('compare flags a difference beyond atol + rtol·|ref|', () => {
    expect(compare(Float32Array.from([1, 2]), Float32Array.from([1, 2.0001])).ok).toBe(true);
    expect(compare(Float32Array.from([1, 2]), Float32Array.from([1, 2.01])).ok).toBe(false);
  });
  it('the generated tokens cycle through 4 topics in 8 segments and are reproducible per seed', () => {
    expect(Array.from({ length: 8 }, (_, k) => topicOf(k * 128, 1024))).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    expect(scaleInputs(64, 3).X).toEqual(scaleInputs(64, 3).X);
    expect(scaleInputs(64, 3).X).not.toEqual(scaleInputs(64, 4).X);
  });
  it('setN accepts only the offered lengths', () => {
    const s = new ScaleModeState();
    s.setN(100);
    expect(s.n).toBe(1024);
    s.setN(256);
    expect(s.n).toBe(256);
  });
});
