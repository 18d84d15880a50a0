/** Independent float64 self-attention for the browser tests (rows are tokens), shared by the widget and diagram specs. */

export type M = number[][];
const T = (a: M): M => (a[0] ?? []).map((_, j) => a.map((r) => r[j] as number));
const mul = (a: M, b: M): M =>
  a.map((r) => (b[0] ?? []).map((_, j) => r.reduce((s, x, k) => s + x * ((b[k] as number[])[j] as number), 0)));
/** Row-wise softmax of `a`·scale, max-subtracted. */
export const softmaxRows = (a: M, scale: number): M =>
  a.map((r) => {
    const z = r.map((x) => x * scale);
    const m = Math.max(...z);
    const e = z.map((x) => Math.exp(x - m));
    const s = e.reduce((p, q) => p + q, 0);
    return e.map((x) => x / s);
  });

/** float64 self-attention with rows as tokens: Q = X W_qᵀ, E = QKᵀ, A = softmax(E·scale), O = AV. */
export function reference(X: M, Wq: M, Wk: M, Wv: M, scaled = true) {
  const Q = mul(X, T(Wq));
  const K = mul(X, T(Wk));
  const V = mul(X, T(Wv));
  const E = mul(Q, T(K));
  const A = softmaxRows(E, scaled ? 1 / Math.sqrt(Q[0]?.length ?? 1) : 1);
  return { Q, K, V, E, A, O: mul(A, V) };
}
