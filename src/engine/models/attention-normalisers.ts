/**
 * Ways to turn a row of attention scores into weights (/self-attention/). Softmax is the customary one,
 * not the only one: anything that maps a row to non-negative numbers summing to 1 can weight the values.
 *
 *   softmax:   α_j = exp(s_j) / Σ_m exp(s_m)                      (every weight > 0)
 *   sparsemax: α_j = max(s_j − τ, 0), τ chosen so Σ_j α_j = 1    (Martins & Astudillo 2016: exact zeros)
 *   relu:      α_j = max(s_j, 0) / Σ_m max(s_m, 0)                (a plain ratio of the positive scores)
 *
 * A masked score is −∞ and gets weight 0 under all three. The ReLU ratio is 0/0 on a row with no positive
 * score; there it spreads the weight evenly over the keys the row may see, and `emptyRows` says which rows.
 * Sparsemax and the ReLU ratio are small row loops on the CPU, written here rather than as ops because
 * only this comparison uses them.
 */
import { softmax } from '../ops/softmax.ts';
import { Tensor } from '../tensor.ts';

/** A normalisation of score rows into weight rows. */
export type Normaliser = 'softmax' | 'sparsemax' | 'relu';

/** Every normaliser, in the order a widget offers them. */
export const normalisers: readonly Normaliser[] = ['softmax', 'sparsemax', 'relu'];

/** sparsemax of one row: the Euclidean projection of s onto the probability simplex. */
export function sparsemaxRow(s: readonly number[]): number[] {
  const finite = s.filter((x) => Number.isFinite(x)).sort((a, b) => b - a);
  let sum = 0;
  let tau = 0;
  // The support is the k largest scores for the largest k with 1 + k·z_(k) > Σ_{j≤k} z_(j).
  for (const [i, z] of finite.entries()) {
    sum += z;
    if (1 + (i + 1) * z > sum) tau = (sum - 1) / (i + 1);
  }
  return s.map((x) => (Number.isFinite(x) ? Math.max(x - tau, 0) : 0));
}

/** The ReLU ratio of one row; a row with no positive score is spread evenly over its finite entries. */
export function reluRatioRow(s: readonly number[]): { weights: number[]; empty: boolean } {
  const pos = s.map((x) => (Number.isFinite(x) ? Math.max(x, 0) : 0));
  const sum = pos.reduce((a, b) => a + b, 0);
  if (sum > 0) return { weights: pos.map((x) => x / sum), empty: false };
  const seen = s.filter((x) => Number.isFinite(x)).length;
  return { weights: s.map((x) => (Number.isFinite(x) ? 1 / seen : 0)), empty: true };
}

/** Weights [n, m] from scores S [n, m] (already scaled and masked), row by row; `emptyRows` as above. */
export function normaliseScores(S: Tensor, kind: Normaliser): { weights: Tensor; emptyRows: number[] } {
  if (kind === 'softmax') return { weights: softmax(S), emptyRows: [] };
  const [n, m] = S.shape as [number, number];
  const v = S.values();
  const out = new Float32Array(n * m);
  const emptyRows: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from(v.subarray(i * m, (i + 1) * m));
    let w: number[];
    if (kind === 'sparsemax') w = sparsemaxRow(row);
    else {
      const r = reluRatioRow(row);
      w = r.weights;
      if (r.empty) emptyRows.push(i);
    }
    out.set(w, i * m);
  }
  return { weights: new Tensor([n, m], out), emptyRows };
}
