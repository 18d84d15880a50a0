/**
 * Attention in float64: Bahdanau's walkthrough (bidirectional GRU encoder,
 * additive scores, GRU decoder), Luong's scores, local and hard reads, the
 * query/key view of Bahdanau, scaled dot-product self-attention and
 * nn.MultiheadAttention.
 */
import { mulberry32 } from '../../../src/engine/random.ts';
import type { GruVariant } from '../../../src/engine/symbols.ts';
import { type M, matvec, mul, mulT, plus, softmax64, softmaxRows, type V, weighted64 } from './linalg.ts';
import { gruRun64, gruStep64, type Recurrent64 } from './recurrent.ts';

/** Bahdanau's decoder weights: alignment W_a [A, S], U_a [A, D], v_a [A]; decoder GRU; readout W_y, b_y. */
export interface BahdanauWeights64 {
  readonly W_a: M;
  readonly U_a: M;
  readonly v_a: V;
  readonly dec: Recurrent64;
  readonly W_y: M;
  readonly b_y: V;
}

/** One decoder step from s_{i−1}, y_{i−1} over annotations H: e, α, c, then s_i = GRU([y; c], s), y_i = W_y s_i + b_y. */
export function bahdanauStep64(w: BahdanauWeights64, H: M, s: V, y: V, variant: GruVariant = 'cho') {
  const Ws = matvec(w.W_a, s);
  const hidden = H.map((h) => matvec(w.U_a, h).map((u, a) => Math.tanh(u + (Ws[a] ?? 0))));
  const e = hidden.map((t) => t.reduce((acc, v, a) => acc + v * (w.v_a[a] ?? 0), 0));
  const alpha = softmax64(e);
  const c = weighted64(alpha, H);
  const sNext = gruStep64(w.dec, [...y, ...c], s, variant);
  const yNext = matvec(w.W_y, sNext).map((v, k) => v + (w.b_y[k] ?? 0));
  return { sPrev: [...s], hidden, e, alpha, c, s: sNext, y: yNext };
}

/** Everything the Bahdanau walkthrough shows. */
export interface Walk64 {
  forward: number[][];
  backward: number[][];
  H: number[][];
  steps: ReturnType<typeof bahdanauStep64>[];
}

/** The whole walkthrough: bidirectional GRU encoder, then `steps` Bahdanau decoder steps from s_0 = 0, y_0 = 0. */
export function bahdanau64(X: M, w: BahdanauWeights64 & { fwd: Recurrent64; bwd: Recurrent64 }, steps: number): Walk64 {
  const Hf = w.fwd.W_hh[0]?.length ?? 0;
  const forward = gruRun64(w.fwd, X, Hf);
  const backward = gruRun64(w.bwd, [...X].reverse(), Hf).reverse();
  const H = forward.map((f, j) => [...f, ...(backward[j] ?? [])]);
  let s: number[] = new Array(w.dec.W_hh[0]?.length ?? 0).fill(0);
  let y: number[] = new Array(w.b_y.length).fill(0);
  const out: Walk64['steps'] = [];
  for (let i = 0; i < steps; i++) {
    const step = bahdanauStep64(w, H, s, y);
    out.push(step);
    s = step.s;
    y = step.y;
  }
  return { forward, backward, H, steps: out };
}

/** Luong's scores of h_t against rows of Hbar: dot, general (W_a [d,d]) and concat (W_a [A,2d], v_a [A]). */
export function luong64(kind: 'dot' | 'general' | 'concat', h: V, Hbar: M, W?: M, v?: V): number[] {
  if (kind === 'dot') return Hbar.map((hs) => hs.reduce((s, x, k) => s + x * (h[k] ?? 0), 0));
  if (kind === 'general') {
    return Hbar.map((hs) => {
      const Whs = matvec(W ?? [], hs);
      return Whs.reduce((s, x, k) => s + x * (h[k] ?? 0), 0);
    });
  }
  return Hbar.map((hs) => {
    const pre = matvec(W ?? [], [...h, ...hs]).map(Math.tanh);
    return pre.reduce((s, x, a) => s + x * (v?.[a] ?? 0), 0);
  });
}

/** Luong's local read: softmax over |s − p| ≤ D, then optionally × exp(−(s − p)²/(2σ²)), σ = D/2 (0-based p). */
export function local64(e: V, p: number, D: number, gaussian: boolean): number[] {
  const inside = e.map((_, s) => Math.abs(s - p) <= D);
  const m = Math.max(...e.filter((_, s) => inside[s]));
  const x = e.map((v, s) => (inside[s] ? Math.exp(v - m) : 0));
  const total = x.reduce((a, b) => a + b, 0);
  const sigma = D / 2;
  return x.map((v, s) => {
    const a = v / total;
    if (!gaussian) return a;
    const g = sigma > 0 ? Math.exp(-((s - p) ** 2) / (2 * sigma * sigma)) : s === p ? 1 : 0;
    return a * g;
  });
}

/**
 * K inverse-CDF draws from α with mulberry32(seed): the positions, in order.
 * The generator is the engine's (written once; the fixture tests check it
 * against scripts/reference's Python mirror); the draw itself is written here.
 */
export function draws64(alpha: V, seed: number, K: number): number[] {
  const rng = mulberry32(seed);
  const out: number[] = [];
  for (let k = 0; k < K; k++) {
    const u = rng();
    let acc = 0;
    let pick = alpha.length - 1;
    for (let j = 0; j < alpha.length; j++) {
      acc += alpha[j] ?? 0;
      if (u < acc) {
        pick = j;
        break;
      }
    }
    out.push(pick);
  }
  return out;
}

/**
 * The Bahdanau step written as query, keys and values: projected query W_a q, projected keys U_a k_j,
 * dot-product scores (W_a q)·(U_a k_j)/√A, their softmax and the context Σ_j α_j h_j.
 */
export function qkvBridge64(q: V, H: M, W_a: M, U_a: M) {
  const Wq = matvec(W_a, q);
  const Uk = H.map((h) => matvec(U_a, h));
  const dot = Uk.map((k) => k.reduce((s, x, a) => s + x * (Wq[a] ?? Number.NaN), 0) / Math.sqrt(W_a.length));
  const alphaDot = softmax64(dot);
  return { Wq, Uk, dot, alphaDot, cDot: weighted64(alphaDot, H) };
}

/** softmax(Q Kᵀ / √d_k + mask) V with its weights; `allowed(i, j)` false masks a pair. */
export function attention64(Q: M, K: M, V: M, allowed: (i: number, j: number) => boolean = () => true) {
  const c = 1 / Math.sqrt(Q[0]?.length ?? 1);
  const scores = mulT(Q, K).map((r, i) => r.map((x, j) => (allowed(i, j) ? x * c : Number.NEGATIVE_INFINITY)));
  const weights = scores.map(softmax64);
  return { scores, weights, out: mul(weights, V) };
}

/** Self-attention with rows as tokens: Q = X W_qᵀ, E = QKᵀ, A = softmax(E·scale), O = AV (scale 1/√d or 1). */
export function selfAttention64(X: M, Wq: M, Wk: M, Wv: M, scaled = true) {
  const Q = mulT(X, Wq);
  const K = mulT(X, Wk);
  const V = mulT(X, Wv);
  const E = mulT(Q, K);
  const A = softmaxRows(E, scaled ? 1 / Math.sqrt(Q[0]?.length ?? 1) : 1);
  return { Q, K, V, E, A, O: mul(A, V) };
}

/** nn.MultiheadAttention (self-attention, batch_first) with in_proj [3E, E], out_proj [E, E]: weights per head, the heads' outputs side by side, the output. */
export function multiHead64(X: M, heads: number, Win: M, bin: V, WO: M, bO: V) {
  const E = WO.length;
  const dh = E / heads;
  const proj = plus(mulT(X, Win), [bin]);
  const concat: number[][] = X.map(() => []);
  const weights: number[][][] = [];
  for (let h = 0; h < heads; h++) {
    const cols = (base: number) => proj.map((r) => r.slice(base + h * dh, base + (h + 1) * dh));
    const r = attention64(cols(0), cols(E), cols(2 * E));
    weights.push(r.weights);
    r.out.forEach((row, i) => {
      (concat[i] as number[]).push(...row);
    });
  }
  return { weights, concat, out: plus(mulT(concat, WO), [bO]) };
}
