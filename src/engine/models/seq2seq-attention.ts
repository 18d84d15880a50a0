/**
 * Batched source reads for the seq2seq decoder (rows = batch b, source
 * positions j, annotations H_b [n, D] stacked as [B, n, D]):
 *
 *   bahdanau:      e_bj = v_aᵀ tanh(W_a q_b + U_a h_bj)     (q = s_{i−1})
 *   luong-dot:     e_bj = q_bᵀ h_bj                          (q = s_i)
 *   luong-general: e_bj = q_bᵀ W_a h_bj
 *   luong-concat:  e_bj = v_aᵀ tanh(W_a [q_b; h_bj])         (split by blocks, as in luong.ts)
 *   α_b = softmax_j(e_b + mask_b),   c_b = Σ_j α_bj h_bj
 *
 * Key-side products (U_a h_bj) depend only on the source, so `prepareKeys`
 * computes them once per sequence rather than once per decoder step.
 */
import { add } from '../ops/add.ts';
import { matmul } from '../ops/matmul.ts';
import { reshape } from '../ops/reshape.ts';
import { slice } from '../ops/slice.ts';
import { softmax } from '../ops/softmax.ts';
import { tanh } from '../ops/tanh.ts';
import type { Tensor } from '../tensor.ts';
import { type Seq2SeqConfig, type Seq2SeqParams, seq2seqSizes } from './seq2seq-params.ts';

/** What a decoder step reads from: annotations [B, n, D], an additive mask [B, n] (or none), and the precomputed keys. */
export interface SourceMemory {
  readonly annotations: Tensor;
  readonly mask: Tensor | undefined;
  /** U_a h_bj as [B, n, A] for additive/concat scores; the annotations themselves otherwise. */
  readonly keys: Tensor;
}

const p = (params: Seq2SeqParams, name: string) => {
  const t = params[name];
  if (t === undefined) throw new Error(`seq2seq params lack ${name}`);
  return t;
};

/** Precomputes the key side of the scores for the whole source. */
export function prepareKeys(c: Seq2SeqConfig, params: Seq2SeqParams, annotations: Tensor, mask?: Tensor): SourceMemory {
  const [B, n, D] = annotations.shape as [number, number, number];
  const { S, A } = seq2seqSizes(c);
  let keys = annotations;
  if (c.attention === 'bahdanau' || c.attention === 'luong-concat') {
    const U =
      c.attention === 'bahdanau'
        ? p(params, 'decoder.attention.key.weight')
        : slice(p(params, 'decoder.attention.W_a.weight'), [0, S], [A, D]);
    keys = reshape(matmul(reshape(annotations, [B * n, D]), U, { transposeB: true }), [B, n, A]);
  }
  return { annotations, mask, keys };
}

/**
 * Training's fused Bahdanau scores, set by train/additive-scores.ts where training runs: e [B, n] from the keys
 * [B, n, A], the projected query q W_aᵀ [B, A] and v [1, A], or undefined where it does not apply (tensors on a
 * device). Unset, as on every page that only shows widgets, the ops in `scores` run; they are its definition.
 */
export const fusedScores: { additive?: (keys: Tensor, query: Tensor, v: Tensor) => Tensor | undefined } = {};

/** Scores e [B, n] of queries q [B, S] against the memory. */
function scores(c: Seq2SeqConfig, params: Seq2SeqParams, q: Tensor, m: SourceMemory): Tensor {
  const [B, n] = m.annotations.shape as [number, number];
  const { S, A } = seq2seqSizes(c);
  if (c.attention === 'bahdanau' || c.attention === 'luong-concat') {
    const W =
      c.attention === 'bahdanau'
        ? p(params, 'decoder.attention.query.weight')
        : slice(p(params, 'decoder.attention.W_a.weight'), [0, 0], [A, S]);
    const query = matmul(q, W, { transposeB: true });
    const v = p(params, 'decoder.attention.v.weight');
    const fused = fusedScores.additive?.(m.keys, query, v);
    if (fused !== undefined) return fused;
    const hidden = tanh(add(m.keys, reshape(query, [B, 1, A])));
    const e = matmul(reshape(hidden, [B * n, A]), v, { transposeB: true });
    return reshape(e, [B, n]);
  }
  const query = c.attention === 'luong-general' ? matmul(q, p(params, 'decoder.attention.W_a.weight')) : q;
  const D = query.shape[1] as number;
  return reshape(matmul(reshape(query, [B, 1, D]), m.annotations, { transposeB: true }), [B, n]);
}

/** One read: weights α [B, n] and context c [B, D] for queries q [B, S]. */
export function readSource(
  c: Seq2SeqConfig,
  params: Seq2SeqParams,
  q: Tensor,
  m: SourceMemory,
): { alpha: Tensor; context: Tensor } {
  const [B, n, D] = m.annotations.shape as [number, number, number];
  const e = scores(c, params, q, m);
  const alpha = softmax(m.mask === undefined ? e : add(e, m.mask), 1);
  const context = reshape(matmul(reshape(alpha, [B, 1, n]), m.annotations), [B, D]);
  return { alpha, context };
}
