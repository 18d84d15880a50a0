import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '~lib/url/state.ts';
import { entropyBits, keyCount, normalRows, ScalingState } from '~components/state/models/attention-scaling.svelte.ts';
import {
  attentionSteps,
  defaultProjections,
  embeddedInputs,
  oneHotInputs,
  SelfAttentionState,
  selfAttentionFields,
} from '~components/state/models/self-attention.svelte.ts';
import { expectAllClose } from '../../../engine/tolerance.ts';

type M = number[][];
const T = (a: M): M => (a[0] ?? []).map((_, j) => a.map((r) => r[j] as number));
const mul = (a: M, b: M): M =>
  a.map((r) => (b[0] ?? []).map((_, j) => r.reduce((s, x, k) => s + x * ((b[k] as number[])[j] as number), 0)));
const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

/** Independent float64 self-attention (rows are tokens). */
function reference(X: M, Wq: M, Wk: M, Wv: M, scaled = true) {
  const Q = mul(X, T(Wq));
  const K = mul(X, T(Wk));
  const V = mul(X, T(Wv));
  const E = mul(Q, T(K));
  const c = scaled ? 1 / Math.sqrt(Q[0]?.length ?? 1) : 1;
  const A = E.map((r) => softmax(r.map((x) => x * c)));
  return { Q, K, V, E, A, O: mul(A, V) };
}

const copy = (m: readonly (readonly number[])[]) => m.map((r) => [...r]);
const W = { q: copy(defaultProjections.W_q), k: copy(defaultProjections.W_k), v: copy(defaultProjections.W_v) };

describe('SelfAttentionState', () => {
  it('result holds Q, K, V, E, A, O of the engine trace, equal to float64 on the defaults', () => {
    const s = new SelfAttentionState();
    const ref = reference(copy(oneHotInputs), W.q, W.k, W.v);
    for (const key of ['Q', 'K', 'V', 'E', 'A', 'O'] as const) expectAllClose(s.result[key], ref[key]);
    expect(s.result.error).toBe('');
    expect(s.result.calls.every((c) => c.backend === 'cpu')).toBe(true);
  });
  it('setScaled(false) drops the 1/√d_k factor from A only', () => {
    const s = new SelfAttentionState();
    s.setScaled(false);
    const ref = reference(copy(oneHotInputs), W.q, W.k, W.v, false);
    expectAllClose(s.result.A, ref.A);
    expectAllClose(s.result.E, ref.E);
  });
  it('setEncoding("embed") swaps in the embeddings; identical tokens get identical rows of A and O', () => {
    const s = new SelfAttentionState();
    s.setEncoding('embed');
    expect(s.inputs).toEqual(embeddedInputs);
    expectAllClose(s.result.O, reference(copy(embeddedInputs), W.q, W.k, W.v).O);
    expect(s.result.A[1]).toEqual(s.result.A[3]);
    expect(s.result.O[1]).toEqual(s.result.O[3]);
  });
  it('the W^k = 0 preset makes every weight 1/4 and every output the mean of the values', () => {
    const s = new SelfAttentionState();
    s.weights.applyPreset('zero-keys');
    for (const row of s.result.A) for (const a of row) expect(Math.abs(a - 0.25)).toBeLessThan(1e-7);
    const mean = (s.result.V[0] ?? []).map((_, c) => s.result.V.reduce((a, r) => a + (r[c] as number), 0) / 4);
    expectAllClose([s.result.O[2] as number[]], [mean]);
  });
  it('setInput ignores non-finite values and unknown positions', () => {
    const s = new SelfAttentionState();
    s.setInput(0, 0, Number.NaN);
    s.setInput(9, 0, 1);
    expect(s.inputs).toEqual(oneHotInputs);
  });
  it('snapshot → URL → restore reproduces the state; a bad field falls back alone', () => {
    const s = new SelfAttentionState();
    s.setEncoding('embed');
    s.setScaled(false);
    s.weights.set('W_v', 1, 2, 3);
    s.stepper.goTo(5);
    const code = encodeState(selfAttentionFields, s.snapshot());
    const t = new SelfAttentionState();
    t.restore(decodeState(selfAttentionFields, code).state);
    expect(t.snapshot()).toEqual(s.snapshot());
    expectAllClose(t.result.O, s.result.O);
    const bad = decodeState(selfAttentionFields, btoa(JSON.stringify({ t: 99, s: false })).replace(/=+$/, ''));
    expect(bad.messages.join()).toContain('“t” was invalid');
    expect(bad.state.s).toBe(false);
    expect(bad.state.t).toBe(0);
  });
  it('the walk has q, four keys, scores, weights, four values, b and the matrix form', () => {
    expect(attentionSteps.map((x) => x.id).join()).toBe('q,k1,k2,k3,k4,score,weight,v1,v2,v3,v4,b,matrix');
  });
});

describe('ScalingState', () => {
  it('draw is softmax(q·k_j/√d) and softmax(q·k_j) of the seeded draw', () => {
    const s = new ScalingState();
    const [q, ...K] = normalRows(1, keyCount + 1, 64) as [number[], ...M];
    const scores = K.map((k) => k.reduce((a, x, p) => a + x * (q[p] as number), 0));
    expectAllClose([s.draw.scaled], [softmax(scores.map((x) => x / 8))]);
    expectAllClose([s.draw.raw], [softmax(scores)]);
    expectAllClose([s.draw.scores], [scores]);
  });
  it('without scaling the mean largest weight grows towards 1 with d; with scaling it stays low', () => {
    const s = new ScalingState();
    const first = s.sweep[0];
    const last = s.sweep.at(-1);
    expect(last?.d).toBe(512);
    expect(last?.maxRaw).toBeGreaterThan(0.9);
    expect(last?.entropyRaw).toBeLessThan(0.5);
    expect(Math.abs((last?.maxScaled ?? 0) - (first?.maxScaled ?? 0))).toBeLessThan(0.25);
  });
  it('entropyBits is log2 n for a uniform distribution and 0 for a certain one', () => {
    expect(entropyBits([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(2, 12);
    expect(entropyBits([1, 0, 0])).toBe(0);
  });
  it('setD clamps to 1…512 and redraw changes the seed', () => {
    const s = new ScalingState();
    s.setD(4000);
    expect(s.d).toBe(512);
    s.setD(0);
    expect(s.d).toBe(1);
    s.redraw();
    expect(s.seed).toBe(2);
  });
});
