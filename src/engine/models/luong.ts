/**
 * Luong et al. 2015 score functions (/scores/), for a target state h_t [d]
 * against source states H̄ [m, d] (rows h̄_s):
 *
 *   dot:     score(h_t, h̄_s) = h_tᵀ h̄_s
 *   general: score(h_t, h̄_s) = h_tᵀ W_a h̄_s
 *   concat:  score(h_t, h̄_s) = v_aᵀ tanh(W_a [h_t; h̄_s])
 *
 * concat is evaluated as v_aᵀ tanh(W_a[:, :d] h_t + W_a[:, d:] h̄_s), the
 * same sum split by blocks, so it scores all s at once without tiling h_t.
 */
import { add } from '../ops/add.ts';
import { matmul } from '../ops/matmul.ts';
import { reshape } from '../ops/reshape.ts';
import { slice } from '../ops/slice.ts';
import { tanh } from '../ops/tanh.ts';
import type { Tensor } from '../tensor.ts';
import { checkShape } from './params.ts';

/** Which Luong score, with the params it needs: W_a [d, d] (general) or W_a [A, 2d] and v_a [A] (concat). */
export type LuongScore =
  | { readonly kind: 'dot' }
  | { readonly kind: 'general'; readonly W_a: Tensor }
  | { readonly kind: 'concat'; readonly W_a: Tensor; readonly v_a: Tensor };

/** Scores [m] of one target state h_t [d] against every source row of Hbar [m, d]. */
export function luongScores(score: LuongScore, h_t: Tensor, Hbar: Tensor): Tensor {
  const d = h_t.size;
  const row = reshape(h_t, [1, d]);
  let out: Tensor;
  if (score.kind === 'dot') {
    out = matmul(row, Hbar, { transposeB: true });
  } else if (score.kind === 'general') {
    checkShape('W_a', score.W_a, [d, d]);
    out = matmul(matmul(row, score.W_a), Hbar, { transposeB: true });
  } else {
    const A = score.v_a.size;
    checkShape('W_a', score.W_a, [A, 2 * d]);
    const W_t = slice(score.W_a, [0, 0], [A, d]);
    const W_s = slice(score.W_a, [0, d], [A, d]);
    const hidden = tanh(add(matmul(Hbar, W_s, { transposeB: true }), matmul(row, W_t, { transposeB: true })));
    out = matmul(hidden, reshape(score.v_a, [A, 1]));
  }
  return reshape(out, [out.size]);
}
