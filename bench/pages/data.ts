/**
 * Seeded inputs and float64 references for every engine workload. Inputs are
 * drawn with the engine's mulberry32 and rounded to float32 once, so every
 * implementation and the float64 reference start from the same numbers.
 */
import { mulberry32 } from '../../src/engine/index.ts';
import {
  bahdanauStep64,
  gru64,
  gruStep64,
  lstm64,
  lstmStep64,
  maxScaledError,
  multiHead64,
  type Recurrent64,
  selfAttention64,
} from '../../tests/reference/float64/index.ts';

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

// ---------- float64 reference: tests/reference/float64, on this file's flat matrices ----------

/** A flat row-major array of `cols` columns as rows. */
function rowsOf(data: ArrayLike<number>, cols: number): number[][] {
  return Array.from({ length: cols === 0 ? 0 : data.length / cols }, (_, r) =>
    Array.from({ length: cols }, (_, c) => data[r * cols + c] as number),
  );
}
const rows = (m: Mat) => rowsOf(m.data, m.cols);
const vec = (v: ArrayLike<number>) => Array.from(v);

function recurrent(p: { W_ih: Mat; W_hh: Mat; b_ih: Mat; b_hh: Mat }): Recurrent64 {
  return { W_ih: rows(p.W_ih), W_hh: rows(p.W_hh), b_ih: vec(p.b_ih.data), b_hh: vec(p.b_hh.data) };
}

export function lstmStepRef(p: RecurrentInputs, x: ArrayLike<number>, h: ArrayLike<number>, c: ArrayLike<number>) {
  const next = lstmStep64(recurrent(p), vec(x), vec(h), vec(c));
  return { h: Float64Array.from(next.h), c: Float64Array.from(next.c) };
}

/** The bench's GRU is PyTorch's (r inside the recurrent product), as nn.GRU and tfjs. */
export function gruStepRef(p: RecurrentInputs, x: ArrayLike<number>, h: ArrayLike<number>) {
  return { h: Float64Array.from(gruStep64(recurrent(p), vec(x), vec(h), 'pytorch')) };
}

/** Final h after running the cell over every row of xs. */
export function recurrentChainRef(kind: 'lstm' | 'gru', p: RecurrentInputs): Float64Array {
  const xs = rows(p.xs);
  const w = recurrent(p);
  const steps = kind === 'lstm' ? lstm64(w, xs, vec(p.h.data), vec(p.c.data)) : gru64(w, xs, 'pytorch', vec(p.h.data));
  return Float64Array.from(steps.at(-1)?.h ?? p.h.data);
}

export function bahdanauStepRef(p: BahdanauInputs, s: ArrayLike<number>, y: ArrayLike<number>) {
  const w = {
    W_a: rows(p.W_a),
    U_a: rows(p.U_a),
    v_a: vec(p.v_a.data),
    dec: recurrent(p),
    W_y: rows(p.W_y),
    b_y: vec(p.b_y.data),
  };
  const out = bahdanauStep64(w, rows(p.Hs), vec(s), vec(y), 'pytorch');
  return { s: Float64Array.from(out.s), y: Float64Array.from(out.y), alpha: Float64Array.from(out.alpha) };
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

export function selfAttentionRef(p: AttentionInputs, X: ArrayLike<number>): Float64Array {
  const { O } = selfAttention64(rowsOf(X, ATTN_D), rows(p.W_q), rows(p.W_k), rows(p.W_v));
  return Float64Array.from(O.flat());
}

export function multiHeadRef(p: AttentionInputs, X: ArrayLike<number>): Float64Array {
  const { out } = multiHead64(rowsOf(X, ATTN_D), HEADS, rows(p.W_in), vec(p.b_in.data), rows(p.W_O), vec(p.b_O.data));
  return Float64Array.from(out.flat());
}

/** Largest |got − ref| / max(1, |ref|) (the tests' scale-aware error). */
export const maxError = maxScaledError;
