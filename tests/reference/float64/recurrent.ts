/**
 * GRU and LSTM in float64, PyTorch layout: W_ih [k·H, I], W_hh [k·H, H],
 * b_ih, b_hh [k·H]; GRU blocks r, z, n; LSTM blocks i, f, g, o (the
 * block order is written out here, not read from the engine's table).
 */
import type { GruVariant } from '../../../src/engine/symbols.ts';
import { type M, sigmoid64, type V } from './linalg.ts';

/** One recurrent layer's weights (biases as vectors). */
export interface Recurrent64 {
  readonly W_ih: M;
  readonly W_hh: M;
  readonly b_ih: V;
  readonly b_hh: V;
}

/** Row `row` of W times v. */
function rowDot(W: M, row: number, v: V): number {
  let s = 0;
  const w = W[row] ?? [];
  for (let j = 0; j < v.length; j++) s += (w[j] ?? Number.NaN) * (v[j] ?? Number.NaN);
  return s;
}

/** W_ih x + b_ih + W_hh h + b_hh for the rows of block `block` (H rows each). */
function preActivation(p: Recurrent64, block: number, x: V, h: V): number[] {
  const H = h.length;
  return Array.from({ length: H }, (_, k) => {
    const r = block * H + k;
    return rowDot(p.W_ih, r, x) + (p.b_ih[r] ?? 0) + rowDot(p.W_hh, r, h) + (p.b_hh[r] ?? 0);
  });
}

/** One GRU step's values: both candidates come from the same r and h_{t−1}; `cand` is the variant's. */
export interface GruStep64 {
  r: number[];
  z: number[];
  cand: number[];
  cho: number[];
  torch: number[];
  h: number[];
  hPrev: number[];
}

/**
 * One GRU step: r, z = σ(…); Cho et al.: h̃ = tanh(W_in x + b_in + W_hn (r ∘ h) + b_hn);
 * PyTorch: h̃ = tanh(W_in x + b_in + r ∘ (W_hn h + b_hn)); h′ = z ∘ h + (1 − z) ∘ h̃.
 */
export function gruStepAll64(p: Recurrent64, x: V, h: V, variant: GruVariant = 'cho'): GruStep64 {
  const H = h.length;
  const r = preActivation(p, 0, x, h).map(sigmoid64);
  const z = preActivation(p, 1, x, h).map(sigmoid64);
  const rh = h.map((v, k) => v * (r[k] ?? 0));
  const cho: number[] = [];
  const torch: number[] = [];
  for (let k = 0; k < H; k++) {
    const inPart = rowDot(p.W_ih, 2 * H + k, x) + (p.b_ih[2 * H + k] ?? 0);
    const bn = p.b_hh[2 * H + k] ?? 0;
    cho.push(Math.tanh(inPart + rowDot(p.W_hh, 2 * H + k, rh) + bn));
    torch.push(Math.tanh(inPart + (r[k] ?? 0) * (rowDot(p.W_hh, 2 * H + k, h) + bn)));
  }
  const cand = variant === 'cho' ? cho : torch;
  const next = h.map((v, k) => (z[k] ?? 0) * v + (1 - (z[k] ?? 0)) * (cand[k] ?? 0));
  return { r, z, cand, cho, torch, h: next, hPrev: [...h] };
}

/** The next state of one GRU step (Cho's candidate unless told). */
export function gruStep64(p: Recurrent64, x: V, h: V, variant: GruVariant = 'cho'): number[] {
  return gruStepAll64(p, x, h, variant).h;
}

/** Every step of a GRU run from `h0` (zeros by default). */
export function gru64(p: Recurrent64, xs: M, variant: GruVariant = 'cho', h0?: V): GruStep64[] {
  let h: V = h0 ?? new Array<number>(p.W_hh[0]?.length ?? 0).fill(0);
  return xs.map((x) => {
    const step = gruStepAll64(p, x, h, variant);
    h = step.h;
    return step;
  });
}

/** The states h_1 … h_T of a Cho GRU run from zeros (H is the hidden size). */
export function gruRun64(p: Recurrent64, xs: M, H = p.W_hh[0]?.length ?? 0): number[][] {
  return gru64(p, xs, 'cho', new Array<number>(H).fill(0)).map((s) => s.h);
}

/** One LSTM step's values: pre-activations, gates, cell and state. */
export interface LstmStep64 {
  zi: number[];
  zf: number[];
  zg: number[];
  zo: number[];
  i: number[];
  f: number[];
  g: number[];
  o: number[];
  c: number[];
  h: number[];
}

/** One LSTM step: [i; f; g; o] = [σ; σ; tanh; σ](pre), c′ = f ∘ c + i ∘ g, h′ = o ∘ tanh(c′). */
export function lstmStep64(p: Recurrent64, x: V, h: V, c: V): LstmStep64 {
  const [zi, zf, zg, zo] = [0, 1, 2, 3].map((b) => preActivation(p, b, x, h)) as [
    number[],
    number[],
    number[],
    number[],
  ];
  const i = zi.map(sigmoid64);
  const f = zf.map(sigmoid64);
  const g = zg.map(Math.tanh);
  const o = zo.map(sigmoid64);
  const cNext = c.map((v, k) => (f[k] ?? 0) * v + (i[k] ?? 0) * (g[k] ?? 0));
  const hNext = cNext.map((v, k) => (o[k] ?? 0) * Math.tanh(v));
  return { zi, zf, zg, zo, i, f, g, o, c: cNext, h: hNext };
}

/** Every step of an LSTM run from `h0`, `c0` (zeros by default). */
export function lstm64(p: Recurrent64, xs: M, h0?: V, c0?: V): LstmStep64[] {
  const H = p.W_hh[0]?.length ?? 0;
  let h: V = h0 ?? new Array<number>(H).fill(0);
  let c: V = c0 ?? new Array<number>(H).fill(0);
  return xs.map((x) => {
    const step = lstmStep64(p, x, h, c);
    h = step.h;
    c = step.c;
    return step;
  });
}
