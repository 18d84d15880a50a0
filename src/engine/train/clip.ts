import { Tensor } from '../tensor.ts';

/**
 * Gradient clipping by global norm (Pascanu et al. 2013): with
 * n = √(Σ over every gradient of g²), when n > maxNorm every gradient is
 * scaled by maxNorm / n, so the direction is kept and the step bounded.
 * Returns the pre-clip norm (the curve the memory chapter shows). A non-finite norm
 * leaves the gradients as they are, for the caller to refuse the step.
 */
export function clipByGlobalNorm<G extends Readonly<Record<string, Tensor>>>(
  grads: G,
  maxNorm: number,
): { grads: G; norm: number; clipped: boolean } {
  let sq = 0;
  for (const g of Object.values(grads)) for (const v of g.values()) sq += v * v;
  const norm = Math.sqrt(sq);
  if (!Number.isFinite(norm) || norm <= maxNorm) return { grads, norm, clipped: false };
  const scale = maxNorm / norm;
  const out: Record<string, Tensor> = {};
  for (const [name, g] of Object.entries(grads))
    out[name] = new Tensor(
      g.shape,
      g.values().map((v) => v * scale),
    );
  return { grads: out as G, norm, clipped: true };
}
