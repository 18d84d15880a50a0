/**
 * Scaled dot-product self-attention (/self-attention/). Rows are tokens here
 * (X [n, d]), unlike the column-vector convention of the recurrent chapters:
 *
 *   Q = X W_qᵀ,  K = X W_kᵀ,  V = X W_vᵀ          (W_q, W_k [d_k, d], W_v [d_v, d])
 *   A = Q Kᵀ                                      (raw scores: A_ij = q_i · k_j = e_ij)
 *   A' = softmax_j(scale · A + mask)              (scale 1/√d_k by default; A'_ij = α_ij)
 *   O = A' V                                      (row i is b^i = Σ_j α_ij v^j)
 *
 * The chapter's column form is the transpose of this. The chapters write the raw scores as E
 * (entries e_ij) and the weights as A (entries α_ij); the trace keeps its older names for them.
 * Trace symbols: `Q`, `K`, `V`, `A` (scores), `A'` (weights), `O` (with `head` in multi-head).
 */
import { assertFinite } from '../nonfinite.ts';
import { attention } from '../ops/attention.ts';
import { attentionWeights } from '../ops/attention-weights.ts';
import { matmul } from '../ops/matmul.ts';
import { SYMBOLS } from '../symbols.ts';
import type { Tensor } from '../tensor.ts';
import type { Trace, TraceAt } from '../trace.ts';
import { checkShape } from './params.ts';

/** The three learned projections, PyTorch layout [out, in]. */
export interface SelfAttentionParams {
  readonly W_q: Tensor;
  readonly W_k: Tensor;
  readonly W_v: Tensor;
}

/** Scaling and masking, as the fused ops take them. */
export interface SelfAttentionOptions {
  /** true: 1/√d_k (default); false: none; a number: that factor. */
  readonly scale?: boolean | number;
  /** Let token i see only tokens j ≤ i. */
  readonly causal?: boolean;
  /** Additive [n, n] mask (−Infinity forbids a pair). */
  readonly mask?: Tensor;
  readonly trace?: Trace;
}

/** Softmax-weighted mixing of value rows from Q [n, d_k], K [m, d_k], V [m, d_v]; traced as A, A', O. */
export function attend(Q: Tensor, K: Tensor, V: Tensor, options: SelfAttentionOptions = {}, at: TraceAt = {}): Tensor {
  const opts = { scale: options.scale, causal: options.causal, mask: options.mask };
  const trace = options.trace;
  // Untraced calls take the single fused kernel; traced ones need A and A' as separate values.
  if (trace === undefined) return attention(Q, K, V, opts);
  const A = matmul(Q, K, { transposeB: true });
  const weights = attentionWeights(Q, K, opts);
  const O = matmul(weights, V);
  trace.record('A', A, at);
  trace.record(SYMBOLS.Ap.symbol, weights, at);
  trace.record('O', O, at);
  return O;
}

/** Self-attention over the token rows of X [n, d]; returns O [n, d_v]. */
export function selfAttention(p: SelfAttentionParams, X: Tensor, options: SelfAttentionOptions = {}): Tensor {
  assertFinite('X', X);
  const d = X.shape[1] as number;
  const dk = p.W_q.shape[0] as number;
  checkShape('W_q', p.W_q, [dk, d]);
  checkShape('W_k', p.W_k, [dk, d]);
  checkShape('W_v', p.W_v, [p.W_v.shape[0] as number, d]);
  const Q = matmul(X, p.W_q, { transposeB: true });
  const K = matmul(X, p.W_k, { transposeB: true });
  const V = matmul(X, p.W_v, { transposeB: true });
  options.trace?.record('Q', Q);
  options.trace?.record('K', K);
  options.trace?.record('V', V);
  return attend(Q, K, V, options);
}
