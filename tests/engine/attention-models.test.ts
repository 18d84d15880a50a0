import { describe, expect, it } from 'vitest';
import {
  bahdanauDecode,
  gruCell,
  hardRead,
  loadMultiHead,
  loadRecurrentParams,
  localRead,
  luongScores,
  mulberry32,
  multiHeadAttention,
  selfAttention,
  softRead,
  Trace,
  tensor,
} from '~engine/index.ts';
import type { FixtureTensor } from './fixtures.ts';
import { M, T } from './model-fixtures.ts';
import { expectClose } from './tolerance.ts';

const ref = (r: Record<string, FixtureTensor>, k: string) => r[k] as FixtureTensor;

describe('Bahdanau attention', () => {
  it('bahdanauDecode traces e, α, c, s, y matching the float64 reference for 4 steps', () => {
    const b = M.bahdanau;
    const dec = {
      attention: { W_a: T(ref(b.attention, 'W_a')), U_a: T(ref(b.attention, 'U_a')), v_a: T(ref(b.attention, 'v_a')) },
      cell: gruCell(loadRecurrentParams(b.cell, 3)),
      readout: { W: T(b.W_y), b: T(b.b_y) },
    };
    const trace = new Trace();
    const out = bahdanauDecode(dec, T(b.H), 4, { trace });
    expect(out.ys.length).toBe(4);
    b.steps.forEach((r, k) => {
      for (const sym of ['e', 'α', 'c', 's', 'y'] as const) expectClose(trace.get(sym, { step: k + 1 }), ref(r, sym));
    });
  });
});

describe('Luong scores', () => {
  const L = M.luong;
  const h = T(ref(L, 'h_t'));
  const Hbar = T(ref(L, 'Hbar'));
  it("luongScores({kind: 'dot'}) is h_tᵀ h̄_s", () => {
    expectClose(luongScores({ kind: 'dot' }, h, Hbar), ref(L, 'dot'));
  });
  it("luongScores({kind: 'general'}) is h_tᵀ W_a h̄_s", () => {
    expectClose(luongScores({ kind: 'general', W_a: T(ref(L, 'W_general')) }, h, Hbar), ref(L, 'general'));
  });
  it("luongScores({kind: 'concat'}) is v_aᵀ tanh(W_a [h_t; h̄_s])", () => {
    const s = luongScores({ kind: 'concat', W_a: T(ref(L, 'W_concat')), v_a: T(ref(L, 'v_concat')) }, h, Hbar);
    expectClose(s, ref(L, 'concat'));
  });
});

describe('soft, local and hard reads', () => {
  const Hbar = tensor([
    [1, 0],
    [0, 1],
    [1, 1],
    [2, 0],
    [0, 2],
  ]);
  const e = tensor([0.1, 2, -1, 0.5, 0.3]);
  it('softRead(e, H) weights sum to 1 and c = αᵀH', () => {
    const r = softRead(e, Hbar);
    const a = r.alpha.toArray();
    expect(a.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    expect(r.context.toArray()[0]).toBeCloseTo((a[0] ?? 0) + (a[2] ?? 0) + 2 * (a[3] ?? 0), 6);
  });
  it('localRead(e, H, {center 1, halfWidth 1}) gives zero weight outside the window', () => {
    const a = localRead(e, Hbar, { center: 1, halfWidth: 1 }).alpha.toArray();
    expect(a[3]).toBe(0);
    expect(a[4]).toBe(0);
    expect((a[0] ?? 0) + (a[1] ?? 0) + (a[2] ?? 0)).toBeCloseTo(1, 6);
  });
  it('localRead with gaussian multiplies by exp(−(s−p)²/(2σ²)), σ = D/2', () => {
    const plain = localRead(e, Hbar, { center: 2, halfWidth: 2 }).alpha.toArray();
    const g = localRead(e, Hbar, { center: 2, halfWidth: 2, gaussian: true }).alpha.toArray();
    expect(g[2]).toBeCloseTo(plain[2] ?? Number.NaN, 6);
    expect(g[0]).toBeCloseTo((plain[0] ?? Number.NaN) * Math.exp(-2), 6);
  });
  it('hardRead(e, H, rng) is reproducible for a seed and returns the sampled row as c', () => {
    const a = hardRead(e, Hbar, mulberry32(7));
    const b = hardRead(e, Hbar, mulberry32(7));
    expect(a.position).toBe(b.position);
    const row = Hbar.toArray().slice((a.position ?? 0) * 2, (a.position ?? 0) * 2 + 2);
    expect(a.context.toArray()).toEqual(row);
    expect(a.alpha.toArray().filter((v) => v === 1).length).toBe(1);
  });
});

describe('self-attention', () => {
  const S = M.self_attention;
  const p = { W_q: T(ref(S, 'W_q')), W_k: T(ref(S, 'W_k')), W_v: T(ref(S, 'W_v')) };
  it("selfAttention(p, X) traces Q, K, V, A, A', O matching the reference", () => {
    const trace = new Trace();
    selfAttention(p, T(ref(S, 'X')), { trace });
    for (const sym of ['Q', 'K', 'V', 'A', "A'", 'O'] as const) expectClose(trace.get(sym), ref(S, sym));
  });
  it('selfAttention(p, X) untraced (fused kernel) equals the traced result', () => {
    expectClose(selfAttention(p, T(ref(S, 'X'))), ref(S, 'O'));
  });
  it('selfAttention(p, X, {scale: false}) skips the 1/√d_k scaling', () => {
    expectClose(selfAttention(p, T(ref(S, 'X')), { scale: false }), ref(S, 'O_unscaled'));
  });
  it('selfAttention(p, X, {causal: true}) lets token i see only j ≤ i', () => {
    const trace = new Trace();
    expectClose(selfAttention(p, T(ref(S, 'X')), { causal: true, trace }), ref(S, 'O_causal'));
    expect(trace.get("A'").at(0, 1)).toBe(0);
  });
});

describe('multi-head attention', () => {
  it('multiHeadAttention(loadMultiHead(state_dict, 2), X) matches nn.MultiheadAttention-style reference', () => {
    const mh = M.multi_head;
    const trace = new Trace();
    expectClose(multiHeadAttention(loadMultiHead(mh.state_dict, mh.heads), T(mh.X), { trace }), mh.out);
    expect(trace.all("A'").map((e) => e.head)).toEqual([1, 2]);
  });
});
