import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '~lib/url/state.ts';
import {
  BahdanauState,
  bahdanauFields,
  bahdanauSpecs,
  defaultEmbeddings,
  runWalkthrough,
  walkSteps,
} from '~components/state/models/bahdanau.svelte.ts';
import { bahdanau64, mismatch, qkvBridge64, type Recurrent64 } from '../../../reference/float64/index.ts';

type W = Record<string, number[][]>;
const defaults = (): W => Object.fromEntries(bahdanauSpecs.map((s) => [s.symbol, s.initial.map((r) => [...r])]));
const col = (m: number[][] | undefined) => (m ?? []).map((r) => r[0] ?? 0);
const gru = (w: W, p: string): Recurrent64 => ({
  W_ih: w[`W${p}_ih`] ?? [],
  W_hh: w[`W${p}_hh`] ?? [],
  b_ih: col(w[`b${p}_ih`]),
  b_hh: col(w[`b${p}_hh`]),
});
const ref = (w: W, X: number[][], kappa: number) =>
  bahdanau64(
    X,
    {
      fwd: gru(w, 'f'),
      bwd: gru(w, 'b'),
      W_a: w.W_a ?? [],
      U_a: w.U_a ?? [],
      v_a: col(w.v_a).map((v) => v * kappa),
      dec: gru(w, 'd'),
      W_y: w.W_y ?? [],
      b_y: col(w.b_y),
    },
    4,
  );

function expectWalkEqual(w: W, X: number[][], kappa: number) {
  const got = runWalkthrough(w, X, kappa);
  const want = ref(w, X, kappa);
  for (const [j, h] of got.annotations.entries()) expect(mismatch(h, want.H[j] ?? [])).toBe('');
  got.steps.forEach((st, i) => {
    const r = want.steps[i];
    if (!r) throw new Error('missing step');
    for (const key of ['sPrev', 'e', 'alpha', 'c', 's', 'y'] as const)
      expect(mismatch(st[key], r[key]), `step ${i + 1} ${key}`).toBe('');
    for (const [j, h] of st.hidden.entries()) expect(mismatch(h, r.hidden[j] ?? [])).toBe('');
  });
}

describe('runWalkthrough(weights, embeddings, κ)', () => {
  it('annotations, e, α, c, s and y equal a float64 walkthrough for the default weights', () => {
    expectWalkEqual(defaults(), defaultEmbeddings, 1);
  });

  it('matches float64 after edits to an embedding, U_a and κ = 4', () => {
    const w = defaults();
    const U = w.U_a as number[][];
    U[1] = [...(U[1] ?? [])];
    U[1][2] = 2.5;
    const X = defaultEmbeddings.map((r) => [...r]);
    X[2] = [3, -1];
    expectWalkEqual(w, X, 4);
  });

  it('α rows sum to 1, and a larger κ sharpens them (max α grows)', () => {
    const w = defaults();
    const flat = runWalkthrough(w, defaultEmbeddings, 1).steps.map((s) => Math.max(...s.alpha));
    const sharp = runWalkthrough(w, defaultEmbeddings, 8).steps.map((s) => Math.max(...s.alpha));
    for (const s of runWalkthrough(w, defaultEmbeddings, 1).steps)
      expect(s.alpha.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    for (const [i, m] of sharp.entries()) expect(m).toBeGreaterThan(flat[i] ?? 1);
  });

  it('κ = 0 gives uniform weights 1/4 and c = the mean annotation', () => {
    const walk = runWalkthrough(defaults(), defaultEmbeddings, 0);
    for (const st of walk.steps) expect(mismatch(st.alpha, [0.25, 0.25, 0.25, 0.25])).toBe('');
  });
});

describe('BahdanauState', () => {
  it('walks 1 + 4 × 5 steps and its snapshot round-trips through the URL form', () => {
    expect(walkSteps).toHaveLength(21);
    const s = new BahdanauState();
    s.setEmbedding(0, 1, 0.75);
    s.setKappa(3);
    s.stepper.goTo(7);
    s.alignment.set('v_a', 1, 0, -2);
    const back = decodeState(bahdanauFields, encodeState(bahdanauFields, s.snapshot()));
    expect(back.messages).toEqual([]);
    const t = new BahdanauState();
    t.restore(back.state);
    expect(t.snapshot()).toEqual(s.snapshot());
    expect(t.result.walk?.steps[3]?.y).toEqual(s.result.walk?.steps[3]?.y);
  });

  it('a bad field in the link falls back to its default only', () => {
    const s = new BahdanauState();
    s.setKappa(2);
    const code = Buffer.from(JSON.stringify({ k: 2, W_a: [[1, 2]] })).toString('base64url');
    const back = decodeState(bahdanauFields, code);
    expect(back.messages).toHaveLength(1);
    expect(back.state.k).toBe(2);
    expect(back.state.W_a).toEqual(bahdanauSpecs.find((x) => x.symbol === 'W_a')?.initial);
  });

  it('setKappa refuses NaN and clamps to 0..10; reset restores the defaults', () => {
    const s = new BahdanauState();
    s.setKappa(Number.NaN);
    expect(s.kappa).toBe(1);
    s.setKappa(50);
    expect(s.kappa).toBe(10);
    s.reset();
    expect(s.kappa).toBe(1);
    expect(s.embeddings).toEqual(defaultEmbeddings);
  });
  it('bridgeAt(i) writes step i as q = s(i−1), K = V = H with the walk’s own e, α, c, and a float64 dot-product read', () => {
    const m = new BahdanauState();
    m.setEmbedding(2, 0, 3);
    m.setKappa(2.5);
    const walk = m.result.walk;
    if (!walk) throw new Error('no walk');
    const w = defaults();
    for (let i = 1; i <= 4; i++) {
      const b = m.bridgeAt(i);
      const step = walk.steps[i - 1];
      if (!b || !step) throw new Error(`no step ${i}`);
      expect(b.q).toEqual(step.sPrev);
      expect(b.K).toEqual(walk.annotations);
      expect(b.additive).toEqual(step.e);
      expect(b.alpha).toEqual(step.alpha);
      expect(b.c).toEqual(step.c);
      const want = qkvBridge64(step.sPrev, walk.annotations, w.W_a ?? [], w.U_a ?? []);
      expect(mismatch(b.Wq, want.Wq), `W_a q at ${i}`).toBe('');
      for (const [j, k] of b.Uk.entries()) expect(mismatch(k, want.Uk[j] ?? []), `U_a k_${j + 1}`).toBe('');
      expect(mismatch(b.dot, want.dot), `dot scores at ${i}`).toBe('');
      expect(mismatch(b.alphaDot, want.alphaDot), `dot weights at ${i}`).toBe('');
      expect(mismatch(b.cDot, want.cDot), `dot context at ${i}`).toBe('');
      expect(b.alphaDot.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 6);
    }
    // s_0 = 0: the dot product cannot tell the words apart, the additive score still does.
    expect(m.bridgeAt(1)?.alphaDot).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(new Set(m.bridgeAt(1)?.alpha).size).toBe(4);
    expect(m.bridgeAt(0)).toBeUndefined();
    expect(m.bridgeAt(5)).toBeUndefined();
  });
});
