/**
 * Float64 references for the positions-and-masks and Transformer chapters'
 * widgets, in plain loops with no engine import: sinusoidal encodings,
 * masked attention, LayerNorm, GELU (exact, via a series for erf) and one
 * nn.TransformerEncoderLayer. Unit and browser tests compare widgets to these.
 */

/** A matrix as rows. */
export type M = readonly (readonly number[])[];

/** A Bᵀ for A [n, k], B [m, k]. */
export function mulT(A: M, B: M): number[][] {
  return A.map((a) => B.map((b) => a.reduce((s, x, k) => s + x * (b[k] as number), 0)));
}

/** A B for A [n, k], B [k, m]. */
export function mul(A: M, B: M): number[][] {
  const m = B[0]?.length ?? 0;
  return A.map((a) =>
    Array.from({ length: m }, (_, j) => a.reduce((s, x, k) => s + x * ((B[k] as number[])[j] as number), 0)),
  );
}

/** Row-wise A + B (B may be one row, broadcast). */
export function plus(A: M, B: M): number[][] {
  return A.map((a, i) => a.map((x, j) => x + ((B[B.length === 1 ? 0 : i] as number[])[j] as number)));
}

/** PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(…), for p = from … from + n − 1. */
export function sinusoid64(n: number, d: number, from = 0): number[][] {
  return Array.from({ length: n }, (_, r) =>
    Array.from({ length: d }, (_, c) => {
      const angle = (from + r) / 10000 ** ((2 * Math.floor(c / 2)) / d);
      return c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }),
  );
}

/** softmax of one row; −Infinity entries get weight 0. */
export function softmax64(z: readonly number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((x) => (x === Number.NEGATIVE_INFINITY ? 0 : Math.exp(x - m)));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/** softmax(Q Kᵀ / √d_k + mask) V with its weights; `allowed(i, j)` false masks a pair. */
export function attention64(Q: M, K: M, V: M, allowed: (i: number, j: number) => boolean = () => true) {
  const c = 1 / Math.sqrt(Q[0]?.length ?? 1);
  const scores = mulT(Q, K).map((r, i) => r.map((x, j) => (allowed(i, j) ? x * c : Number.NEGATIVE_INFINITY)));
  const weights = scores.map(softmax64);
  return { scores, weights, out: mul(weights, V) };
}

/** LayerNorm of each row: γ (x − μ)/√(var + ε) + β with the biased variance. */
export function layerNorm64(X: M, gamma: readonly number[], beta: readonly number[], eps = 1e-5): number[][] {
  return X.map((x) => {
    const mu = x.reduce((a, b) => a + b, 0) / x.length;
    const v = x.reduce((a, b) => a + (b - mu) ** 2, 0) / x.length;
    return x.map((t, k) => ((gamma[k] as number) * (t - mu)) / Math.sqrt(v + eps) + (beta[k] as number));
  });
}

/** erf by its Taylor series (converges everywhere; fine for |x| < 5). */
function erf64(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** Exact GELU, x Φ(x). */
export function gelu64(x: number): number {
  return 0.5 * x * (1 + erf64(x / Math.SQRT2));
}

/** nn.MultiheadAttention (self-attention, batch_first) with in_proj [3E, E], out_proj [E, E]. */
export function multiHead64(X: M, heads: number, Win: M, bin: readonly number[], WO: M, bO: readonly number[]) {
  const E = WO.length;
  const dh = E / heads;
  const proj = plus(mulT(X, Win), [bin]);
  const cat: number[][] = X.map(() => []);
  const weights: number[][][] = [];
  for (let h = 0; h < heads; h++) {
    const cols = (base: number) => proj.map((r) => r.slice(base + h * dh, base + (h + 1) * dh));
    const r = attention64(cols(0), cols(E), cols(2 * E));
    weights.push(r.weights);
    r.out.forEach((row, i) => {
      (cat[i] as number[]).push(...row);
    });
  }
  return { weights, out: plus(mulT(cat, WO), [bO]) };
}

/** The weights of one encoder layer, by PyTorch's names (underscores for dots). */
export interface Layer64 {
  in_proj_weight: M;
  in_proj_bias: readonly number[];
  out_proj_weight: M;
  out_proj_bias: readonly number[];
  linear1_weight: M;
  linear1_bias: readonly number[];
  linear2_weight: M;
  linear2_bias: readonly number[];
}

/** nn.TransformerEncoderLayer's forward pass (dropout off), norm_first false (post) or true (pre). */
export function encoderLayer64(
  X: M,
  w: Layer64,
  norms: { g1: readonly number[]; b1: readonly number[]; g2: readonly number[]; b2: readonly number[] },
  options: { pre: boolean; gelu: boolean; heads: number },
) {
  const act = (x: number) => (options.gelu ? gelu64(x) : Math.max(0, x));
  const ffn = (x: M) => {
    const U = plus(mulT(x, w.linear1_weight), [w.linear1_bias]).map((r) => r.map(act));
    return { U, F: plus(mulT(U, w.linear2_weight), [w.linear2_bias]) };
  };
  const sa = (x: M) =>
    multiHead64(x, options.heads, w.in_proj_weight, w.in_proj_bias, w.out_proj_weight, w.out_proj_bias);
  if (options.pre) {
    const N1 = layerNorm64(X, norms.g1, norms.b1);
    const Z = sa(N1).out;
    const S1 = plus(X, Z);
    const N2 = layerNorm64(S1, norms.g2, norms.b2);
    const { U, F } = ffn(N2);
    return { Z, S1, U, F, Y: plus(S1, F) };
  }
  const Z = sa(X).out;
  const S1 = plus(X, Z);
  const H = layerNorm64(S1, norms.g1, norms.b1);
  const { U, F } = ffn(H);
  const S2 = plus(H, F);
  return { Z, S1, H, U, F, S2, Y: layerNorm64(S2, norms.g2, norms.b2) };
}

/**
 * R(p) v in float64, with R(p) as the positions chapter writes it: each pair
 * (v_2m, v_2m+1) turned by the angle p·ω_m, ω_m = 10000^(−2m/d), through
 * [[cos, sin], [−sin, cos]] (so PE(p + k) = R(k) PE(p)).
 */
export function rotate64(v: readonly number[], p: number): number[] {
  const d = v.length;
  const out = [...v];
  for (let m = 0; 2 * m + 1 < d; m++) {
    const a = p / 10000 ** ((2 * m) / d);
    const [x, y] = [v[2 * m] as number, v[2 * m + 1] as number];
    out[2 * m] = Math.cos(a) * x + Math.sin(a) * y;
    out[2 * m + 1] = -Math.sin(a) * x + Math.cos(a) * y;
  }
  return out;
}

/** The dot product of two float64 vectors. */
export function dot64(a: readonly number[], b: readonly number[]): number {
  return a.reduce((s, x, i) => s + x * (b[i] as number), 0);
}
