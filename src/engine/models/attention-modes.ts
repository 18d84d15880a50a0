/**
 * Ways to turn scores into a read of the source (/scores/):
 *
 *   soft (global):  α = softmax(e), c = Σ_s α_s h̄_s
 *   local (Luong):  only s ∈ [p − D, p + D] compete: α = softmax over the
 *                   window; with `gaussian`, α_s ·= exp(−(s − p)² / (2σ²)),
 *                   σ = D/2 (as in the paper, not renormalized afterwards)
 *   hard (Xu et al. 2015): sample one position s ~ α with a seeded RNG,
 *                   c = h̄_s (α becomes one-hot)
 */
import { add } from '../ops/add.ts';
import { matmul } from '../ops/matmul.ts';
import { mul } from '../ops/mul.ts';
import { reshape } from '../ops/reshape.ts';
import { softmax } from '../ops/softmax.ts';
import { type Rng, sampleIndex } from '../random.ts';
import { Tensor } from '../tensor.ts';

/** A read of the source: weights α [m], context c [d], and the sampled position for hard attention. */
export interface SourceRead {
  readonly alpha: Tensor;
  readonly context: Tensor;
  readonly position?: number;
}

function contextOf(alpha: Tensor, Hbar: Tensor): Tensor {
  const c = matmul(reshape(alpha, [1, alpha.size]), Hbar);
  return reshape(c, [c.size]);
}

/** Soft (global) attention: every source position weighted by softmax(e). */
export function softRead(e: Tensor, Hbar: Tensor): SourceRead {
  const alpha = softmax(e);
  return { alpha, context: contextOf(alpha, Hbar) };
}

/** Local attention around center p with half-width D (positions 0-based); optional Gaussian falloff σ = D/2. */
export function localRead(
  e: Tensor,
  Hbar: Tensor,
  window: { readonly center: number; readonly halfWidth: number; readonly gaussian?: boolean },
): SourceRead {
  const { center: p, halfWidth: D } = window;
  const m = e.size;
  const mask = new Float32Array(m);
  const falloff = new Float32Array(m);
  const sigma = D / 2;
  for (let s = 0; s < m; s++) {
    mask[s] = Math.abs(s - p) <= D ? 0 : Number.NEGATIVE_INFINITY;
    falloff[s] = sigma > 0 ? Math.exp(-((s - p) ** 2) / (2 * sigma * sigma)) : s === p ? 1 : 0;
  }
  let alpha = softmax(add(e, new Tensor([m], mask)));
  if (window.gaussian === true) alpha = mul(alpha, new Tensor([m], falloff));
  return { alpha, context: contextOf(alpha, Hbar) };
}

/** Hard attention: samples one position from softmax(e) with `rng`; α is one-hot there and c = h̄_s. */
export function hardRead(e: Tensor, Hbar: Tensor, rng: Rng): SourceRead {
  const position = sampleIndex(softmax(e).values(), rng);
  const oneHot = new Float32Array(e.size);
  oneHot[position] = 1;
  const alpha = new Tensor([e.size], oneHot);
  return { alpha, context: contextOf(alpha, Hbar), position };
}
