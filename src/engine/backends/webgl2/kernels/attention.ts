import type { AttentionAttrs } from '../../../ops/contract.ts';
import type { Kernel } from '../../../registry.ts';
import type { Tensor } from '../../../tensor.ts';
import { type Device, discard, withProvenance } from '../device.ts';
import { attentionByParts } from './attention-parts.ts';
import { glKernel, input } from './kernel.ts';
import { product } from './matmul.ts';
import { softmaxPasses } from './softmax.ts';

/**
 * softmax(Q Kᵀ · scale + mask) in three passes, all on the GPU: scores with
 * the scale, mask and causal cut fused into the product, then the row
 * statistics and the normalisation of the softmax kernel. A fused single
 * pass would recompute each whole score row once per output texel.
 */
function weights(gpu: Device, q: Tensor, k: Tensor, mask: Tensor | undefined, attrs: AttentionAttrs): Tensor {
  const variant = { transposeA: false, transposeB: true, scores: true, mask: mask !== undefined };
  const inputs = mask === undefined ? { a: q, b: k } : { a: q, b: k, mask };
  const scores = product(gpu, inputs, variant, { scale: attrs.scale, causal: attrs.causal });
  const w = softmaxPasses(gpu, scores, -1, attrs.zeroEmptyRows);
  discard(scores);
  return w;
}

/** attentionWeights(Q, K[, mask], {scale, causal}) → [n, m]. */
const attentionWeightsKernel = glKernel('attentionWeights', (gpu, inputs, attrs, provenance) =>
  withProvenance(weights(gpu, input(inputs, 0), input(inputs, 1), inputs[2], attrs), provenance),
);

/**
 * attention(Q, K, V[, mask], {scale, causal}) → [n, dv]: four query rows per
 * fragment (attention-parts.ts); empty operands take the weights above and
 * one product with V, which handle zero sizes.
 */
const attentionKernel = glKernel('attention', (gpu, inputs, attrs, provenance) => {
  const [q, k, v, mask] = [input(inputs, 0), input(inputs, 1), input(inputs, 2), inputs[3]];
  if (q.size > 0 && k.size > 0 && v.size > 0) {
    const opts = { scale: attrs.scale, causal: attrs.causal, zeroEmpty: attrs.zeroEmptyRows };
    const inputsByName = mask === undefined ? { q, k, v } : { q, k, v, mask };
    return withProvenance(attentionByParts(gpu, inputsByName, opts), provenance);
  }
  const w = weights(gpu, q, k, mask, attrs);
  const variant = { transposeA: false, transposeB: false, scores: false, mask: false };
  const out = product(gpu, { a: w, b: v }, variant);
  discard(w);
  return withProvenance(out, provenance);
});

/** The two fused attention kernels. */
export const attentionKernels: Kernel[] = [attentionWeightsKernel, attentionKernel];
