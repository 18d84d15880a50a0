/**
 * Multi-head self-attention (/multi-head/), laid out like PyTorch's
 * nn.MultiheadAttention (batch_first, query = key = value = X [n, E]):
 *
 *   [Q K V] = X W_inᵀ + b_in                   (in_proj_weight [3E, E], in_proj_bias [3E])
 *   head h uses columns h·d_h … (h+1)·d_h − 1 of Q, K, V   (d_h = E / heads)
 *   O_h = softmax(Q_h K_hᵀ / √d_h + mask) V_h
 *   out = [O_1 … O_H] W_Oᵀ + b_O                (out_proj.weight [E, E], out_proj.bias [E])
 *
 * Trace symbols per head: `Q`, `K`, `V`, `A`, `A'`, `O`; then `out`.
 */
import { assertFinite } from '../nonfinite.ts';
import { add } from '../ops/add.ts';
import { concat } from '../ops/concat.ts';
import { matmul } from '../ops/matmul.ts';
import { split } from '../ops/split.ts';
import type { Tensor } from '../tensor.ts';
import { checkShape, readParam, type StateDict } from './params.ts';
import { attend, type SelfAttentionOptions } from './self-attention.ts';

/** Multi-head params; `W_in` stacks W_q, W_k, W_v as PyTorch's in_proj_weight does. */
export interface MultiHeadParams {
  readonly heads: number;
  readonly W_in: Tensor;
  readonly b_in: Tensor;
  readonly W_O: Tensor;
  readonly b_O: Tensor;
}

/** Loads nn.MultiheadAttention weights (`in_proj_weight`, `in_proj_bias`, `out_proj.weight`, `out_proj.bias`). */
export function loadMultiHead(dict: StateDict, heads: number, prefix = ''): MultiHeadParams {
  const W_O = readParam(dict, [`${prefix}out_proj.weight`, `${prefix}W_O`], [-1, -1]);
  const E = W_O.shape[0] as number;
  return {
    heads,
    W_in: readParam(dict, [`${prefix}in_proj_weight`, `${prefix}W_in`], [3 * E, E]),
    b_in: readParam(dict, [`${prefix}in_proj_bias`, `${prefix}b_in`], [3 * E]),
    W_O: readParam(dict, [`${prefix}out_proj.weight`, `${prefix}W_O`], [E, E]),
    b_O: readParam(dict, [`${prefix}out_proj.bias`, `${prefix}b_O`], [E]),
  };
}

/** Multi-head self-attention over X [n, E]; returns [n, E]. Scale defaults to 1/√d_h per head. */
export function multiHeadAttention(p: MultiHeadParams, X: Tensor, options: SelfAttentionOptions = {}): Tensor {
  assertFinite('X', X);
  const E = p.W_O.shape[0] as number;
  if (!Number.isInteger(E / p.heads) || p.heads < 1) throw new RangeError(`${p.heads} heads do not divide E = ${E}`);
  checkShape('W_in', p.W_in, [3 * E, E]);
  checkShape('b_in', p.b_in, [3 * E]);
  checkShape('W_O', p.W_O, [E, E]);
  checkShape('b_O', p.b_O, [E]);
  if (X.rank !== 2 || X.shape[1] !== E) throw new RangeError(`X has shape [${X.shape}], expected [n, ${E}]`);
  const [Q, K, V] = split(add(matmul(X, p.W_in, { transposeB: true }), p.b_in), 3, 1) as [Tensor, Tensor, Tensor];
  const Qs = split(Q, p.heads, 1);
  const Ks = split(K, p.heads, 1);
  const Vs = split(V, p.heads, 1);
  const outs = Qs.map((q, h) => {
    const at = { head: h + 1 };
    options.trace?.record('Q', q, at);
    options.trace?.record('K', Ks[h] as Tensor, at);
    options.trace?.record('V', Vs[h] as Tensor, at);
    return attend(q, Ks[h] as Tensor, Vs[h] as Tensor, options, at);
  });
  const out = add(matmul(concat(outs, 1), p.W_O, { transposeB: true }), p.b_O);
  options.trace?.record('out', out);
  return out;
}
