import { type M, matvec, softmax64, type V, weighted64 } from './attention-ref64.ts';

/**
 * Float64 reference of the Bahdanau step written as query, keys and values (components/state/bahdanau-qkv.ts),
 * in plain loops: projected query W_a q, projected keys U_a k_j, dot-product scores (W_a q)·(U_a k_j)/√A,
 * their softmax and the context Σ_j α_j h_j.
 */
export function qkvBridge64(q: V, H: M, W_a: M, U_a: M) {
  const Wq = matvec(W_a, q);
  const Uk = H.map((h) => matvec(U_a, h));
  const dot = Uk.map((k) => k.reduce((s, x, a) => s + x * (Wq[a] ?? Number.NaN), 0) / Math.sqrt(W_a.length));
  const alphaDot = softmax64(dot);
  return { Wq, Uk, dot, alphaDot, cDot: weighted64(alphaDot, H) };
}
