/**
 * The attention normalisers (src/engine/models/attention-normalisers.ts), written differently from the
 * engine on purpose: sparsemax finds its threshold τ by bisection on Σ_j max(s_j − τ, 0) = 1 instead of by
 * sorting.
 */
import type { V } from './linalg.ts';

/** sparsemax(s) by bisection on τ; −∞ entries get 0. */
export function sparsemax64(s: V): number[] {
  const finite = s.filter((x) => Number.isFinite(x));
  const mass = (tau: number) => finite.reduce((a, x) => a + Math.max(x - tau, 0), 0);
  let lo = Math.max(...finite) - 1;
  let hi = Math.max(...finite);
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (mass(mid) > 1) lo = mid;
    else hi = mid;
  }
  const tau = (lo + hi) / 2;
  return s.map((x) => (Number.isFinite(x) ? Math.max(x - tau, 0) : 0));
}

/** max(s, 0) / Σ max(s, 0); undefined when no entry is positive. */
export function reluRatio64(s: V): number[] | undefined {
  const pos = s.map((x) => Math.max(x, 0));
  const sum = pos.reduce((a, b) => a + b, 0);
  return sum > 0 ? pos.map((x) => x / sum) : undefined;
}
