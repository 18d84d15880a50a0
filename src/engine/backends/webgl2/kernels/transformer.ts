import type { Kernel } from '../../../registry.ts';
import { Tensor } from '../../../tensor.ts';
import { glKernel, input } from './kernel.ts';

/**
 * GELU and its slope. erfc is Numerical Recipes' erfcc (Chebyshev fit,
 * fractional error < 1.2e−7 for every z ≥ 0), so the left tail
 * x·Φ(x) = ½x·erfc(−x/√2) keeps its relative accuracy instead of being
 * 1 + erf(x) after cancellation; the tanh form uses 1 + tanh(y) = 2σ(2y)
 * for the same reason. Beyond |x| = 1e4 both are exactly their limits.
 */
const geluGlsl = `
uniform int u_tanh;
float erfcPos(float z) {
  float t = 1.0 / (1.0 + 0.5 * z);
  float poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return t * safeExp(-z * z + poly);
}
// Φ(x) = ½ erfc(−x/√2).
float Phi(float x) {
  float z = x * 0.70710678118654752;
  return z < 0.0 ? 0.5 * erfcPos(-z) : 1.0 - 0.5 * erfcPos(z);
}
float tanhArg(float x) { return 0.7978845608028654 * (x + 0.044715 * x * x * x); }
float gelu(float x) {
  if (isNaN(x)) return x;
  if (abs(x) > 1e4) return x > 0.0 ? x : 0.0;
  return u_tanh == 1 ? x * safeSigmoid(2.0 * tanhArg(x)) : x * Phi(x);
}
float geluSlope(float x) {
  if (isNaN(x)) return x;
  if (abs(x) > 1e4) return x > 0.0 ? 1.0 : 0.0;
  if (u_tanh == 1) {
    float s = safeSigmoid(2.0 * tanhArg(x));
    return s + 2.0 * x * s * (1.0 - s) * 0.7978845608028654 * (1.0 + 0.134145 * x * x);
  }
  return Phi(x) + x * 0.3989422804014327 * safeExp(-0.5 * x * x);
}`;

const geluBody = `
uniform sampler2D x;
uniform ivec2 u_xDims;
${geluGlsl}
vec4 compute(int row, int col0) {
  vec4 v = group4(x, u_xDims.y, row, col0);
  return vec4(gelu(v.x), gelu(v.y), gelu(v.z), gelu(v.w));
}`;

const geluGradBody = `
uniform sampler2D g;
uniform sampler2D x;
uniform ivec2 u_xDims;
${geluGlsl}
vec4 compute(int row, int col0) {
  vec4 v = group4(x, u_xDims.y, row, col0);
  return group4(g, u_xDims.y, row, col0) * vec4(geluSlope(v.x), geluSlope(v.y), geluSlope(v.z), geluSlope(v.w));
}`;

/**
 * Row statistics for LayerNorm in float32 without overflow: the row is
 * divided by s = max|x| first, so squares stay ≤ 1 (rows of ±1e30 work);
 * then x̂ = (y − μ_y)/√(var_y + ε/s²). A row holding ±∞ or NaN gives NaN.
 * Returns (s, μ_y, 1/√(var_y + ε/s²), ok); each output texel recomputes its
 * row's statistics, which costs D²/4 fetches per row and is nothing at d ≤ 128.
 */
const rowGlsl = `
uniform sampler2D x;
uniform ivec2 u_xDims;
uniform float u_eps;
vec4 rowOf(int row) {
  int D = u_xDims.y;
  float s = 0.0;
  bool bad = false;
  for (int c = 0; c < D; c += 4) {
    vec4 v = group4(x, D, row, c);
    for (int l = 0; l < 4; l++) {
      if (c + l >= D) break;
      if (isNaN(v[l]) || isinf(v[l])) bad = true;
      s = max(s, abs(v[l]));
    }
  }
  if (bad) return vec4(nanValue());
  if (s == 0.0) return vec4(1.0, 0.0, 1.0 / sqrt(u_eps), 1.0);
  float mu = 0.0;
  for (int c = 0; c < D; c += 4) mu += dot(group4(x, D, row, c) / s, vec4(1.0));
  mu /= float(D);
  float var = 0.0;
  for (int c = 0; c < D; c += 4) {
    vec4 d = group4(x, D, row, c) / s - mu;
    d = mix(vec4(0.0), d, lessThan(ivec4(c) + ivec4(0, 1, 2, 3), ivec4(D)));
    var += dot(d, d);
  }
  var /= float(D);
  return vec4(s, mu, inversesqrt(var + u_eps / (s * s)), 1.0);
}
vec4 xHat(vec4 st, int row, int c) { return (group4(x, u_xDims.y, row, c) / st.x - st.y) * st.z; }`;

const layerNormBody = `
uniform sampler2D gamma;
uniform sampler2D beta;
${rowGlsl}
vec4 compute(int row, int col0) {
  vec4 st = rowOf(row);
  if (isNaN(st.x)) return vec4(nanValue());
  int D = u_xDims.y;
  return xHat(st, row, col0) * group4(gamma, D, 0, col0) + group4(beta, D, 0, col0);
}`;

/** ∂x = (ĝ − mean ĝ − x̂·mean(ĝ x̂)) / σ, with 1/σ = z/s for the scaled row (z = st.z). */
const layerNormGradBody = `
uniform sampler2D g;
${rowGlsl}
vec4 compute(int row, int col0) {
  vec4 st = rowOf(row);
  if (isNaN(st.x)) return vec4(nanValue());
  int D = u_xDims.y;
  float meanG = 0.0;
  float meanGX = 0.0;
  for (int c = 0; c < D; c += 4) {
    vec4 gv = group4(g, D, row, c);
    vec4 live = vec4(lessThan(ivec4(c) + ivec4(0, 1, 2, 3), ivec4(D)));
    meanG += dot(gv, live);
    meanGX += dot(gv * xHat(st, row, c), live);
  }
  meanG /= float(D);
  meanGX /= float(D);
  return (group4(g, D, row, col0) - meanG - xHat(st, row, col0) * meanGX) * (st.z / st.x);
}`;

/**
 * PE(p, c) = sin or cos(p·ω_c) with ω_c = base^{−2⌊c/2⌋/d} computed in float64
 * on the host and handed over split as ω = hi + lo (hi keeps 11 significant
 * bits, so p·hi is exact in float32 for p < 2^13). p·hi is reduced by
 * multiples of π/2 split in three parts (Cody–Waite), p·lo is added, and sin
 * and cos come from Cephes' float32 polynomials on [−π/4, π/4]: GLSL's own
 * sin is off by 2e−5 at sin(1) on SwiftShader.
 */
const positionalBody = `
uniform sampler2D omega;
uniform ivec2 u_omegaDims;
uniform float u_offset;
vec2 sinCosSmall(float r) {
  float z = r * r;
  float s = r + r * z * (-1.6666654611e-1 + z * (8.3321608736e-3 + z * -1.9515295891e-4));
  float c = 1.0 - 0.5 * z + z * z * (4.166664568298827e-2 + z * (-1.388731625493765e-3 + z * 2.443315711809948e-5));
  return vec2(s, c);
}
// (sin, cos) of p·(hi + lo).
vec2 sinCos(float p, float hi, float lo) {
  float a = p * hi;
  float k = floor(a * 0.6366197723675814 + 0.5);
  float r = ((a - k * 1.5703125) - k * 4.837512969970703e-4) - k * 7.549789954891882e-8;
  vec2 sc = sinCosSmall(r + p * lo);
  int q = int(mod(k, 4.0));
  if (q == 1) return vec2(sc.y, -sc.x);
  if (q == 2) return -sc;
  if (q == 3) return vec2(-sc.y, sc.x);
  return sc;
}
vec4 compute(int row, int col0) {
  float p = u_offset + float(row);
  vec4 hi = group4(omega, u_omegaDims.y, 0, col0);
  vec4 lo = group4(omega, u_omegaDims.y, 1, col0);
  vec4 r;
  for (int l = 0; l < 4; l++) {
    vec2 sc = sinCos(p, hi[l], lo[l]);
    r[l] = ((col0 + l) & 1) == 0 ? sc.x : sc.y;
  }
  return r;
}`;

/** The [2, d] table (ω_hi; ω_lo) of positionalBody, from float64 frequencies. */
function frequencies(dim: number, base: number): Tensor {
  const out = new Float32Array(2 * dim);
  for (let c = 0; c < dim; c++) {
    const omega = base ** (-(c - (c % 2)) / dim);
    const e = 2 ** (Math.floor(Math.log2(omega)) - 10);
    const hi = Math.round(omega / e) * e;
    out[c] = hi;
    out[dim + c] = omega - hi;
  }
  return new Tensor([2, dim], out);
}

/** reluGrad(g, x) = g where x > 0, else 0 (NaN in x gives 0, as reluGradCpu). */
const reluGradBody = `
uniform sampler2D g;
uniform sampler2D x;
uniform ivec2 u_xDims;
vec4 compute(int row, int col0) {
  vec4 v = group4(x, u_xDims.y, row, col0);
  return mix(vec4(0.0), group4(g, u_xDims.y, row, col0), greaterThan(v, vec4(0.0)));
}`;

/** gelu, geluGrad, reluGrad, layerNorm, layerNormGrad and positionalEncoding on WebGL2. */
export const transformerKernels: Kernel[] = [
  glKernel('reluGrad', (gpu, inputs, _attrs, provenance) => {
    const [g, x] = [input(inputs, 0), input(inputs, 1)];
    return gpu.run({ key: 'reluGrad', body: () => reluGradBody, inputs: { g, x }, shape: x.shape }, provenance);
  }),
  glKernel('gelu', (gpu, inputs, attrs, provenance) => {
    const x = input(inputs, 0);
    const ints = { u_tanh: attrs.approximate === 'tanh' ? 1 : 0 };
    return gpu.run({ key: 'gelu', body: () => geluBody, inputs: { x }, ints, shape: x.shape }, provenance);
  }),
  glKernel('geluGrad', (gpu, inputs, attrs, provenance) => {
    const [g, x] = [input(inputs, 0), input(inputs, 1)];
    const ints = { u_tanh: attrs.approximate === 'tanh' ? 1 : 0 };
    return gpu.run({ key: 'geluGrad', body: () => geluGradBody, inputs: { g, x }, ints, shape: x.shape }, provenance);
  }),
  glKernel('layerNorm', (gpu, inputs, attrs, provenance) => {
    const [x, gamma, beta] = [input(inputs, 0), input(inputs, 1), input(inputs, 2)];
    const floats = { u_eps: attrs.eps };
    const pass = { key: 'layerNorm', body: () => layerNormBody, inputs: { x, gamma, beta }, floats, shape: x.shape };
    return gpu.run(pass, provenance);
  }),
  glKernel('layerNormGrad', (gpu, inputs, attrs, provenance) => {
    const [g, x] = [input(inputs, 0), input(inputs, 1)];
    const floats = { u_eps: attrs.eps };
    return gpu.run(
      { key: 'layerNormGrad', body: () => layerNormGradBody, inputs: { g, x }, floats, shape: x.shape },
      provenance,
    );
  }),
  glKernel('positionalEncoding', (gpu, _inputs, attrs, provenance) => {
    const { length: n, dim: d } = attrs;
    const omega = frequencies(d, attrs.base);
    const floats = { u_offset: attrs.offset };
    return gpu.run(
      { key: 'positionalEncoding', body: () => positionalBody, inputs: { omega }, floats, shape: [n, d] },
      provenance,
    );
  }),
];
