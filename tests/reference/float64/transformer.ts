/**
 * The positions-and-masks and Transformer chapters in float64: sinusoidal
 * encodings and their rotation, LayerNorm, GELU (exact, via a series for
 * erf) and one nn.TransformerEncoderLayer.
 */
import { multiHead64 } from './attention.ts';
import { type M, mulT, plus } from './linalg.ts';

/** PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(…), for p = from … from + n − 1. */
export function sinusoid64(n: number, d: number, from = 0): number[][] {
  return Array.from({ length: n }, (_, r) =>
    Array.from({ length: d }, (_, c) => {
      const angle = (from + r) / 10000 ** ((2 * Math.floor(c / 2)) / d);
      return c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }),
  );
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
export function erf64(x: number): number {
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
