import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';
import type { LayerNormAttrs } from './contract.ts';

/** Checks x [..., D], γ [D], β [D]; returns D. */
function layerNormDims(x: Tensor, gamma: Tensor, beta: Tensor): number {
  const D = x.shape[x.rank - 1] ?? 0;
  if (x.rank < 1 || gamma.rank !== 1 || beta.rank !== 1 || gamma.shape[0] !== D || beta.shape[0] !== D) {
    throw new RangeError(`layerNorm needs x[..., D], γ[D], β[D]; got [${x.shape}], [${gamma.shape}], [${beta.shape}]`);
  }
  return D;
}

/**
 * The mean μ and 1/σ of each row of length D, σ = √(var + ε) with the
 * biased variance (divide by D, as PyTorch's nn.LayerNorm). Float64 and
 * two passes, so rows with |x| up to float32's limit neither overflow nor
 * cancel. Shared with the backward kernel.
 */
export function rowStats(v: Float32Array, row: number, D: number, eps: number): { mu: number; inv: number } {
  let mu = 0;
  for (let k = 0; k < D; k++) mu += v[row * D + k] as number;
  mu /= D;
  let variance = 0;
  for (let k = 0; k < D; k++) {
    const c = (v[row * D + k] as number) - mu;
    variance += c * c;
  }
  variance /= D;
  return { mu, inv: 1 / Math.sqrt(variance + eps) };
}

/**
 * layerNorm(x)_k = γ_k (x_k − μ) / √(σ² + ε) + β_k over the last axis
 * (every row of length D is normalized on its own; nothing mixes rows).
 * A NaN or ±Infinity in a row makes that whole row NaN, never a plausible one.
 */
export function layerNormCpu(inputs: readonly Tensor[], attrs: LayerNormAttrs): Tensor {
  const [x, gamma, beta] = inputs as [Tensor, Tensor, Tensor];
  const D = layerNormDims(x, gamma, beta);
  const v = x.values();
  const g = gamma.values();
  const b = beta.values();
  const out = new Float32Array(v.length);
  const rows = D === 0 ? 0 : v.length / D;
  for (let r = 0; r < rows; r++) {
    const { mu, inv } = rowStats(v, r, D, attrs.eps);
    for (let k = 0; k < D; k++)
      out[r * D + k] = ((v[r * D + k] as number) - mu) * inv * (g[k] as number) + (b[k] as number);
  }
  return new Tensor(x.shape, out);
}

registerKernel({
  op: 'layerNorm',
  backend: 'cpu',
  run: (inputs, attrs) => layerNormCpu(inputs, attrs),
});

/** Layer normalization over the last axis with scale γ [D] and shift β [D] (nn.LayerNorm, ε default 1e-5). */
export function layerNorm(x: Tensor, gamma: Tensor, beta: Tensor, eps = 1e-5): Tensor {
  layerNormDims(x, gamma, beta);
  if (!(eps >= 0)) throw new RangeError(`layerNorm needs ε ≥ 0, got ${eps}`);
  return runOp('layerNorm', [x, gamma, beta], { eps }, x.size);
}
