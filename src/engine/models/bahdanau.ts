/**
 * Bahdanau additive attention and its decoder step (/bahdanau/):
 *
 *   e_ij = v_aᵀ tanh(W_a s_{i−1} + U_a h_j)     (one small network scores every j)
 *   α_ij = softmax_j(e_ij),   c_i = Σ_j α_ij h_j
 *   s_i  = GRU([y_{i−1}; c_i], s_{i−1}),   y_i = W_y s_i + b_y
 *
 * Annotations h_j are rows of H [m, D] (e.g. bidirectional [h→_j; h←_j]).
 * Trace symbols per decoder step i: `e`, `α` (vectors over j), `c`, `s`, `y`.
 */
import { add } from '../ops/add.ts';
import { concat } from '../ops/concat.ts';
import { matmul } from '../ops/matmul.ts';
import { reshape } from '../ops/reshape.ts';
import { softmax } from '../ops/softmax.ts';
import { tanh } from '../ops/tanh.ts';
import { SYMBOLS } from '../symbols.ts';
import { type Tensor, zeros } from '../tensor.ts';
import type { Trace } from '../trace.ts';
import type { RecurrentCell } from './cell.ts';
import { type LinearParams, linear } from './linear.ts';
import { checkShape } from './params.ts';

/** The alignment network: W_a [A, S], U_a [A, D], v_a [A]. */
export interface AdditiveParams {
  readonly W_a: Tensor;
  readonly U_a: Tensor;
  readonly v_a: Tensor;
}

/** One attention read: scores e [m], weights α [m], context c [D]. */
export interface AttentionRead {
  readonly e: Tensor;
  readonly alpha: Tensor;
  readonly context: Tensor;
}

/** e_j = v_aᵀ tanh(W_a s + U_a h_j) for all j at once: s [S], H [m, D] → e [m]. */
export function additiveScores(p: AdditiveParams, s: Tensor, H: Tensor): Tensor {
  const A = p.v_a.size;
  checkShape('W_a', p.W_a, [A, s.size]);
  checkShape('U_a', p.U_a, [A, H.shape[1] as number]);
  const Ws = matmul(reshape(s, [1, s.size]), p.W_a, { transposeB: true });
  const UH = matmul(H, p.U_a, { transposeB: true });
  const e = matmul(tanh(add(UH, Ws)), reshape(p.v_a, [A, 1]));
  return reshape(e, [e.size]);
}

/** α = softmax(e) and c = Σ_j α_j h_j = αᵀ H, from scores e [m] and annotations H [m, D]. */
export function readContext(e: Tensor, H: Tensor): AttentionRead {
  const alpha = softmax(e);
  const c = matmul(reshape(alpha, [1, alpha.size]), H);
  return { e, alpha, context: reshape(c, [c.size]) };
}

/** A Bahdanau decoder: alignment params, a GRU cell over [y_{i−1}; c_i], and the readout y = W_y s + b_y. */
export interface BahdanauDecoder {
  readonly attention: AdditiveParams;
  readonly cell: RecurrentCell;
  readonly readout: LinearParams;
}

/** One decoder step i: reads the annotations with s_{i−1}, then updates s and emits y_i. */
export function bahdanauStep(
  dec: BahdanauDecoder,
  sPrev: Tensor,
  yPrev: Tensor,
  H: Tensor,
  trace?: Trace,
  i?: number,
): { s: Tensor; y: Tensor; read: AttentionRead } {
  const read = readContext(additiveScores(dec.attention, sPrev, H), H);
  const s = dec.cell.step(concat([yPrev, read.context], 0), { h: sPrev }).h;
  const y = linear(dec.readout, s);
  if (trace !== undefined) {
    trace.record('e', read.e, { step: i });
    trace.record(SYMBOLS.alpha.symbol, read.alpha, { step: i });
    trace.record('c', read.context, { step: i });
    trace.record('s', s, { step: i });
    trace.record('y', y, { step: i });
  }
  return { s, y, read };
}

/** Runs `steps` decoder steps from s_0 (default zeros) and y_0 = 0; returns ys and the α matrix rows. */
export function bahdanauDecode(
  dec: BahdanauDecoder,
  H: Tensor,
  steps: number,
  options: { readonly s0?: Tensor; readonly trace?: Trace } = {},
): { ys: Tensor[]; alphas: Tensor[]; states: Tensor[] } {
  let s = options.s0 ?? dec.cell.zeroState().h;
  let y = zeros([dec.readout.b.size]);
  const ys: Tensor[] = [];
  const alphas: Tensor[] = [];
  const states: Tensor[] = [];
  for (let i = 1; i <= steps; i++) {
    const out = bahdanauStep(dec, s, y, H, options.trace, i);
    s = out.s;
    y = out.y;
    ys.push(y);
    alphas.push(out.read.alpha);
    states.push(s);
  }
  return { ys, alphas, states };
}
