/**
 * Seeded inputs and float64 references for every engine workload. Inputs are
 * drawn with the engine's mulberry32 and rounded to float32 once, so every
 * implementation and the float64 reference start from the same numbers.
 */
import { mulberry32 } from '../../src/engine/index.ts';

/** A row-major float32 matrix (or vector when rows = 1). */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

export function uniform(rows: number, cols: number, rng: () => number, scale: number): Mat {
  const data = new Float32Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = scale * (2 * rng() - 1);
  return { rows, cols, data };
}

export type Kind = 'lstm' | 'gru' | 'bahdanau' | 'selfattn' | 'multihead' | 'train' | 'widget-lstm' | 'widget-attn';

export interface Spec {
  readonly kind: Kind;
  /** H for recurrent cells, n (tokens or source positions) for attention. */
  readonly size: number;
}

/** Chained steps per chain measurement: a T = 32 sequence for cells, 8 decoder steps, 4 stacked attention layers. */
export const CHAIN: Record<Kind, number> = {
  lstm: 32,
  gru: 32,
  bahdanau: 8,
  selfattn: 4,
  multihead: 4,
  train: 1,
  'widget-lstm': 1,
  'widget-attn': 1,
};

export const ATTN_D = 64;
export const HEADS = 4;
/** Bahdanau sizes: annotations D, decoder state S, alignment A, output Y. */
export const BAH = { D: 32, S: 32, A: 32, Y: 16 } as const;

export interface RecurrentInputs {
  readonly I: number;
  readonly H: number;
  readonly gates: number;
  readonly x: Mat;
  readonly xs: Mat;
  readonly h: Mat;
  readonly c: Mat;
  readonly W_ih: Mat;
  readonly W_hh: Mat;
  readonly b_ih: Mat;
  readonly b_hh: Mat;
}

export function recurrentInputs(kind: 'lstm' | 'gru', H: number, seed = 1): RecurrentInputs {
  const rng = mulberry32(seed * 1000 + H);
  const gates = kind === 'lstm' ? 4 : 3;
  const I = H;
  const s = 1 / Math.sqrt(H);
  return {
    I,
    H,
    gates,
    x: uniform(1, I, rng, 1),
    xs: uniform(CHAIN[kind], I, rng, 1),
    h: uniform(1, H, rng, 0.5),
    c: uniform(1, H, rng, 0.5),
    W_ih: uniform(gates * H, I, rng, s),
    W_hh: uniform(gates * H, H, rng, s),
    b_ih: uniform(1, gates * H, rng, 0.1),
    b_hh: uniform(1, gates * H, rng, 0.1),
  };
}

export interface BahdanauInputs {
  readonly n: number;
  readonly Hs: Mat;
  readonly s: Mat;
  readonly y: Mat;
  readonly W_a: Mat;
  readonly U_a: Mat;
  readonly v_a: Mat;
  readonly W_ih: Mat;
  readonly W_hh: Mat;
  readonly b_ih: Mat;
  readonly b_hh: Mat;
  readonly W_y: Mat;
  readonly b_y: Mat;
}

export function bahdanauInputs(n: number, seed = 1): BahdanauInputs {
  const rng = mulberry32(seed * 1000 + 500 + n);
  const { D, S, A, Y } = BAH;
  return {
    n,
    Hs: uniform(n, D, rng, 1),
    s: uniform(1, S, rng, 0.5),
    y: uniform(1, Y, rng, 0.5),
    W_a: uniform(A, S, rng, 1 / Math.sqrt(S)),
    U_a: uniform(A, D, rng, 1 / Math.sqrt(D)),
    v_a: uniform(1, A, rng, 1 / Math.sqrt(A)),
    W_ih: uniform(3 * S, Y + D, rng, 1 / Math.sqrt(Y + D)),
    W_hh: uniform(3 * S, S, rng, 1 / Math.sqrt(S)),
    b_ih: uniform(1, 3 * S, rng, 0.1),
    b_hh: uniform(1, 3 * S, rng, 0.1),
    W_y: uniform(Y, S, rng, 1 / Math.sqrt(S)),
    b_y: uniform(1, Y, rng, 0.1),
  };
}

export interface AttentionInputs {
  readonly n: number;
  readonly X: Mat;
  readonly W_q: Mat;
  readonly W_k: Mat;
  readonly W_v: Mat;
  /** Multi-head: in_proj_weight [3E, E], in_proj_bias, out_proj. */
  readonly W_in: Mat;
  readonly b_in: Mat;
  readonly W_O: Mat;
  readonly b_O: Mat;
}

export function attentionInputs(n: number, seed = 1): AttentionInputs {
  const rng = mulberry32(seed * 1000 + 700 + n);
  const d = ATTN_D;
  const s = 1 / Math.sqrt(d);
  return {
    n,
    X: uniform(n, d, rng, 1),
    W_q: uniform(d, d, rng, s),
    W_k: uniform(d, d, rng, s),
    W_v: uniform(d, d, rng, s),
    W_in: uniform(3 * d, d, rng, s),
    b_in: uniform(1, 3 * d, rng, 0.1),
    W_O: uniform(d, d, rng, s),
    b_O: uniform(1, d, rng, 0.1),
  };
}

// ---------- float64 reference (plain loops) ----------

const sig = (v: number) => 1 / (1 + Math.exp(-v));

/** y[r] = Σ_k W[r, k] x[k] + b[r] in float64 (W row-major [rows, cols]). */
function matvec(W: Mat, x: ArrayLike<number>, b?: ArrayLike<number>): Float64Array {
  const y = new Float64Array(W.rows);
  for (let r = 0; r < W.rows; r++) {
    let acc = b === undefined ? 0 : (b[r] as number);
    for (let k = 0; k < W.cols; k++) acc += (W.data[r * W.cols + k] as number) * (x[k] as number);
    y[r] = acc;
  }
  return y;
}

/** A [n, m] · Bᵀ for B [p, m] → [n, p] (row-major arrays with explicit sizes). */
function matmulT(A: ArrayLike<number>, n: number, m: number, B: ArrayLike<number>, p: number): Float64Array {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) {
      let acc = 0;
      for (let k = 0; k < m; k++) acc += (A[i * m + k] as number) * (B[j * m + k] as number);
      out[i * p + j] = acc;
    }
  return out;
}

export function lstmStepRef(p: RecurrentInputs, x: ArrayLike<number>, h: ArrayLike<number>, c: ArrayLike<number>) {
  const H = p.H;
  const gi = matvec(p.W_ih, x, p.b_ih.data);
  const gh = matvec(p.W_hh, h, p.b_hh.data);
  const hn = new Float64Array(H);
  const cn = new Float64Array(H);
  for (let k = 0; k < H; k++) {
    const g = (b: number) => (gi[b * H + k] as number) + (gh[b * H + k] as number);
    cn[k] = sig(g(1)) * (c[k] as number) + sig(g(0)) * Math.tanh(g(2));
    hn[k] = sig(g(3)) * Math.tanh(cn[k] as number);
  }
  return { h: hn, c: cn };
}

export function gruStepRef(p: RecurrentInputs, x: ArrayLike<number>, h: ArrayLike<number>) {
  const H = p.H;
  const gi = matvec(p.W_ih, x, p.b_ih.data);
  const gh = matvec(p.W_hh, h, p.b_hh.data);
  const hn = new Float64Array(H);
  for (let k = 0; k < H; k++) {
    const r = sig((gi[k] as number) + (gh[k] as number));
    const z = sig((gi[H + k] as number) + (gh[H + k] as number));
    const nn = Math.tanh((gi[2 * H + k] as number) + r * (gh[2 * H + k] as number));
    hn[k] = (1 - z) * nn + z * (h[k] as number);
  }
  return { h: hn };
}

/** Final h after running the cell over every row of xs. */
export function recurrentChainRef(kind: 'lstm' | 'gru', p: RecurrentInputs): Float64Array {
  let h: ArrayLike<number> = p.h.data;
  let c: ArrayLike<number> = p.c.data;
  for (let t = 0; t < p.xs.rows; t++) {
    const x = p.xs.data.subarray(t * p.I, (t + 1) * p.I);
    const next = kind === 'lstm' ? lstmStepRef(p, x, h, c) : gruStepRef(p, x, h);
    h = next.h;
    if ('c' in next) c = (next as { c: Float64Array }).c;
  }
  return Float64Array.from(h);
}

function softmaxRows(a: Float64Array, n: number, m: number, scale: number): void {
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < m; j++) max = Math.max(max, (a[i * m + j] as number) * scale);
    let sum = 0;
    for (let j = 0; j < m; j++) {
      const e = Math.exp((a[i * m + j] as number) * scale - max);
      a[i * m + j] = e;
      sum += e;
    }
    for (let j = 0; j < m; j++) a[i * m + j] = (a[i * m + j] as number) / sum;
  }
}

export function bahdanauStepRef(p: BahdanauInputs, s: ArrayLike<number>, y: ArrayLike<number>) {
  const { D, S, A, Y } = BAH;
  const n = p.n;
  const Ws = matvec(p.W_a, s);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const uh = matvec(p.U_a, p.Hs.data.subarray(j * D, (j + 1) * D));
    let acc = 0;
    for (let a = 0; a < A; a++) acc += (p.v_a.data[a] as number) * Math.tanh((uh[a] as number) + (Ws[a] as number));
    e[j] = acc;
  }
  const alpha = Float64Array.from(e);
  softmaxRows(alpha, 1, n, 1);
  const ctx = new Float64Array(D);
  for (let j = 0; j < n; j++)
    for (let k = 0; k < D; k++) ctx[k] = (ctx[k] as number) + (alpha[j] as number) * (p.Hs.data[j * D + k] as number);
  const inp = new Float64Array(Y + D);
  inp.set(Array.from(y), 0);
  inp.set(ctx, Y);
  const gi = matvec(p.W_ih, inp, p.b_ih.data);
  const gh = matvec(p.W_hh, s, p.b_hh.data);
  const sn = new Float64Array(S);
  for (let k = 0; k < S; k++) {
    const r = sig((gi[k] as number) + (gh[k] as number));
    const z = sig((gi[S + k] as number) + (gh[S + k] as number));
    const nn = Math.tanh((gi[2 * S + k] as number) + r * (gh[2 * S + k] as number));
    sn[k] = (1 - z) * nn + z * (s[k] as number);
  }
  const yn = matvec(p.W_y, sn, p.b_y.data);
  return { s: sn, y: yn, alpha };
}

export function bahdanauChainRef(p: BahdanauInputs): Float64Array {
  let s: ArrayLike<number> = p.s.data;
  let y: ArrayLike<number> = p.y.data;
  for (let i = 0; i < CHAIN.bahdanau; i++) {
    const out = bahdanauStepRef(p, s, y);
    s = out.s;
    y = out.y;
  }
  return Float64Array.from(y);
}

/** softmax(Q Kᵀ · scale) V for Q, K, V [n, dk] given as row-major arrays. */
function attend(Q: Float64Array, K: Float64Array, V: Float64Array, n: number, dk: number): Float64Array {
  const A = matmulT(Q, n, dk, K, n);
  softmaxRows(A, n, n, 1 / Math.sqrt(dk));
  const O = new Float64Array(n * dk);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const a = A[i * n + j] as number;
      for (let k = 0; k < dk; k++) O[i * dk + k] = (O[i * dk + k] as number) + a * (V[j * dk + k] as number);
    }
  return O;
}

export function selfAttentionRef(p: AttentionInputs, X: ArrayLike<number>): Float64Array {
  const d = ATTN_D;
  const Q = matmulT(X, p.n, d, p.W_q.data, d);
  const K = matmulT(X, p.n, d, p.W_k.data, d);
  const V = matmulT(X, p.n, d, p.W_v.data, d);
  return attend(Q, K, V, p.n, d);
}

export function multiHeadRef(p: AttentionInputs, X: ArrayLike<number>): Float64Array {
  const d = ATTN_D;
  const n = p.n;
  const dh = d / HEADS;
  const QKV = matmulT(X, n, d, p.W_in.data, 3 * d);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < 3 * d; k++) QKV[i * 3 * d + k] = (QKV[i * 3 * d + k] as number) + (p.b_in.data[k] as number);
  const cat = new Float64Array(n * d);
  for (let h = 0; h < HEADS; h++) {
    const pick = (block: number) => {
      const out = new Float64Array(n * dh);
      for (let i = 0; i < n; i++)
        for (let k = 0; k < dh; k++) out[i * dh + k] = QKV[i * 3 * d + block * d + h * dh + k] as number;
      return out;
    };
    const O = attend(pick(0), pick(1), pick(2), n, dh);
    for (let i = 0; i < n; i++) for (let k = 0; k < dh; k++) cat[i * d + h * dh + k] = O[i * dh + k] as number;
  }
  const out = matmulT(cat, n, d, p.W_O.data, d);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < d; k++) out[i * d + k] = (out[i * d + k] as number) + (p.b_O.data[k] as number);
  return out;
}

/** Largest |got − ref| / max(1, |ref|) (the tests' scale-aware error). */
export function maxError(got: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (got.length !== ref.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let k = 0; k < ref.length; k++) {
    const r = ref[k] as number;
    const e = Math.abs((got[k] as number) - r) / Math.max(1, Math.abs(r));
    if (!(e <= worst)) worst = Number.isNaN(e) ? Number.POSITIVE_INFINITY : e;
  }
  return worst;
}
