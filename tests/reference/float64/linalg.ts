/** Float64 linear algebra on plain rows, the building blocks of every reference here. */

/** A matrix as rows. */
export type M = readonly (readonly number[])[];
/** A vector. */
export type V = readonly number[];

/** W v. */
export function matvec(W: M, v: V): number[] {
  return W.map((row) => row.reduce((s, w, k) => s + w * (v[k] ?? Number.NaN), 0));
}

/** A B for A [n, k], B [k, m] (plain loops: the benchmark checks n = 1024 with it). */
export function mul(A: M, B: M): number[][] {
  const m = B[0]?.length ?? 0;
  return A.map((a) => {
    const out = new Array<number>(m).fill(0);
    for (let k = 0; k < a.length; k++) {
      const x = a[k] as number;
      const b = B[k] as readonly number[];
      for (let j = 0; j < m; j++) out[j] = (out[j] as number) + x * (b[j] as number);
    }
    return out;
  });
}

/** A Bᵀ for A [n, k], B [m, k]. */
export function mulT(A: M, B: M): number[][] {
  return A.map((a) =>
    B.map((b) => {
      let s = 0;
      for (let k = 0; k < a.length; k++) s += (a[k] as number) * (b[k] as number);
      return s;
    }),
  );
}

/** Aᵀ. */
export function transpose(A: M): number[][] {
  return (A[0] ?? []).map((_, j) => A.map((r) => r[j] as number));
}

/** Row-wise A + B (B may be one row, broadcast). */
export function plus(A: M, B: M): number[][] {
  return A.map((a, i) => a.map((x, j) => x + ((B[B.length === 1 ? 0 : i] as number[])[j] as number)));
}

/** The dot product of two vectors. */
export function dot64(a: V, b: V): number {
  return a.reduce((s, x, i) => s + x * (b[i] as number), 0);
}

/** softmax of one row, max subtracted; −Infinity entries get weight 0. */
export function softmax64(z: V): number[] {
  const m = Math.max(...z);
  const e = z.map((x) => (x === Number.NEGATIVE_INFINITY ? 0 : Math.exp(x - m)));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/** Row-wise softmax of `A`·scale. */
export function softmaxRows(A: M, scale = 1): number[][] {
  return A.map((r) => softmax64(r.map((x) => x * scale)));
}

/** Σ_j α_j h_j over the rows h_j of H. */
export function weighted64(alpha: V, H: M): number[] {
  const d = H[0]?.length ?? 0;
  return Array.from({ length: d }, (_, k) => H.reduce((s, h, j) => s + (alpha[j] ?? 0) * (h[k] ?? 0), 0));
}

/** The logistic function. */
export const sigmoid64 = (x: number) => 1 / (1 + Math.exp(-x));
