import { describe, expect, it } from 'vitest';
import { CostState, layerCost, unfold } from '../../components/state/cost.svelte.ts';
import { compare, ScaleModeState, scaleTolerance } from '../../components/state/scale-mode.svelte.ts';
import { scaleInputs, topicOf } from '../../components/state/scale-mode-inputs.ts';
import { dispatch } from '../../src/engine/index.ts';

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
