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
  // Indexed loops, not for…of and map(callback): a lab step clips ~14 k values, and the iterator and callback forms
  // cost ~0.25 ms of a ~16 ms step (Node 24; more while the code is still cold).
  let sq = 0;
  for (const g of Object.values(grads)) {
    const values = g.values();
    for (let i = 0; i < values.length; i++) sq += (values[i] as number) * (values[i] as number);
  }
  const norm = Math.sqrt(sq);
  if (!Number.isFinite(norm) || norm <= maxNorm) return { grads, norm, clipped: false };
  const scale = maxNorm / norm;
  const out: Record<string, Tensor> = {};
  for (const [name, g] of Object.entries(grads)) {
    const values = g.values();
    const scaled = new Float32Array(values.length);
    for (let i = 0; i < values.length; i++) scaled[i] = (values[i] as number) * scale;
    out[name] = new Tensor(g.shape, scaled);
  }
  return { grads: out as G, norm, clipped: true };
}
