import { matmul, softmax, tensor } from '~engine/index.ts';
import type { DecoderStep } from '../models/bahdanau.svelte.ts';

/**
 * One Bahdanau decoder step written in self-attention's words. The query is the decoder state s_{i−1}, the
 * keys and the values are both the annotations h_j. Bahdanau scores a pair additively,
 * e_ij = v_aᵀ tanh(W_a q + U_a k_j); self-attention scores it with a dot product of projections. Here the
 * alignment network's own W_a and U_a serve as those projections, so the dot-product score is
 * (W_a q)ᵀ(U_a k_j)/√A, A the number of rows of W_a: the same projected query and keys, one tanh and one
 * v_a fewer.
 */
export interface QkvBridge {
  /** The query q = s_{i−1}. */
  readonly q: number[];
  /** Keys and values: the annotations h_j, one row per source word (the same matrix twice). */
  readonly K: number[][];
  /** The projected query W_a q. */
  readonly Wq: number[];
  /** The projected keys U_a k_j, one row per source word. */
  readonly Uk: number[][];
  /** Bahdanau's additive scores, from the walkthrough itself. */
  readonly additive: number[];
  /** Bahdanau's weights α_ij, from the walkthrough itself. */
  readonly alpha: number[];
  /** Bahdanau's context c_i, from the walkthrough itself. */
  readonly c: number[];
  /** Dot-product scores (W_a q)ᵀ(U_a k_j)/√A. */
  readonly dot: number[];
  /** softmax of the dot-product scores. */
  readonly alphaDot: number[];
  /** The context those weights read: Σ_j α_j v_j. */
  readonly cDot: number[];
}

/** The bridge for one decoder step, computed by the engine from the step, the annotations, W_a and U_a. */
export function qkvBridge(
  step: DecoderStep,
  annotations: readonly (readonly number[])[],
  W_a: readonly (readonly number[])[],
  U_a: readonly (readonly number[])[],
): QkvBridge {
  const H = tensor(annotations.map((r) => [...r]));
  const Wq = matmul(tensor(W_a.map((r) => [...r])), tensor(step.sPrev.map((v) => [v])));
  const Uk = matmul(H, tensor(U_a.map((r) => [...r])), { transposeB: true });
  const scale = 1 / Math.sqrt(W_a.length);
  const dot = matmul(Uk, Wq)
    .toArray()
    .map((v) => v * scale);
  const alphaDot = softmax(tensor(dot)).toArray();
  const cDot = matmul(tensor([alphaDot]), H).toArray();
  return {
    q: [...step.sPrev],
    K: annotations.map((r) => [...r]),
    Wq: Wq.toArray(),
    Uk: Uk.toRows(),
    additive: [...step.e],
    alpha: [...step.alpha],
    c: [...step.c],
    dot,
    alphaDot,
    cDot,
  };
}
