import type { Kernel } from '../../../registry.ts';
import { normalizeAxis, sizeOf } from '../../../shape.ts';
import type { Tensor } from '../../../tensor.ts';
import { type Device, discard, withProvenance } from '../device.ts';
import { glKernel, input } from './kernel.ts';

/**
 * Statistics of row o of `x` (a matrix of u_len columns, the softmax axis
 * last): (max, Σ exp(x − max), count of +∞, 0), or NaN first when the row
 * holds a NaN. Shared with the attention kernels, which read their scores
 * from several textures.
 */
export const rowStatsGlsl = `
// A row is walked with a texel cursor, four lanes at a time, without the per-fetch integer division of
// texel() (SwiftShader emulates it lane by lane; at 1024 × 1024 it dominated).
ivec2 startOf(int o, int w) {
  int t = o * ((u_len + 3) >> 2);
  int y = t / w;
  return ivec2(t - y * w, y);
}
ivec2 advance(ivec2 p, int w) {
  return p.x + 1 == w ? ivec2(0, p.y + 1) : ivec2(p.x + 1, p.y);
}
bvec4 nan4(vec4 v) { return greaterThan(floatBitsToUint(v) & 0x7fffffffu, uvec4(0x7f800000u)); }
vec4 rowStats(sampler2D x, int o) {
  int w = textureSize(x, 0).x;
  vec2 scale = texelScale(x);
  vec4 mv = vec4(-infValue());
  bool nan = false;
  ivec2 p = startOf(o, w);
  for (int c = 0; c < u_len; c += 4) {
    vec4 v = fetch(x, p, scale);
    p = advance(p, w);
    // Lanes past the row's end hold 0: they must not raise the maximum.
    v = mix(vec4(-infValue()), v, lessThan(ivec4(c) + ivec4(0, 1, 2, 3), ivec4(u_len)));
    nan = nan || any(nan4(v));
    mv = max(mv, v);
  }
  if (nan) return vec4(nanValue(), 0.0, 0.0, 0.0);
  float m = max(max(mv.x, mv.y), max(mv.z, mv.w));
  float sum = 0.0;
  float count = 0.0;
  p = startOf(o, w);
  if (isPosInf(m)) {
    for (int c = 0; c < u_len; c += 4) {
      vec4 v = fetch(x, p, scale);
      p = advance(p, w);
      for (int l = 0; l < 4; l++) if (c + l < u_len && isPosInf(v[l])) count += 1.0;
    }
    return vec4(m, 0.0, count, 0.0);
  }
  // m is finite (or -inf for an all -inf row, which the normalisation turns into NaN): v - m <= 0, so exp
  // cannot overflow; below -103.97 it underflows to exactly 0 as safeExp does.
  for (int c = 0; c < u_len; c += 4) {
    vec4 d = fetch(x, p, scale) - m;
    p = advance(p, w);
    bvec4 keep = lessThan(ivec4(c) + ivec4(0, 1, 2, 3), ivec4(u_len));
    keep = bvec4(uvec4(keep) & uvec4(greaterThanEqual(d, vec4(-103.97208))));
    sum += dot(mix(vec4(0.0), exp(max(d, vec4(-103.97208))), keep), vec4(1.0));
  }
  return vec4(m, sum, 0.0, 0.0);
}`;

/**
 * Four values of one slice from its statistics, with the CPU's rules for NaN
 * and ±∞. Shared with the attention kernels.
 */
export const normalizeGlsl = `
// 1: an all -inf slice (a fully masked attention row) gives 0 instead of NaN (attention's zeroEmptyRows).
uniform int u_zeroEmpty;
float norm(float v, vec4 st) {
  float m = st.x;
  // A NaN slice stays NaN; an all -inf slice has no distribution (exp(-inf + inf) is NaN on the CPU too).
  if (isNegInf(m) && u_zeroEmpty == 1) return 0.0;
  if (isNaN(m) || isNegInf(m)) return nanValue();
  if (isPosInf(m)) return isPosInf(v) ? 1.0 / st.z : 0.0;
  return safeExp(v - m) / st.y;
}
vec4 normalized(vec4 v, vec4 st) {
  // The common finite case as one vector.
  if (!isNaN(st.x) && !isPosInf(st.x) && !isNegInf(st.x)) {
    vec4 d = v - st.x;
    return mix(vec4(0.0), exp(max(d, vec4(-103.97208))) / st.y, greaterThanEqual(d, vec4(-103.97208)));
  }
  return vec4(norm(v.x, st), norm(v.y, st), norm(v.z, st), norm(v.w, st));
}`;

/**
 * Pass 1: one texel per softmax slice, (max, Σ exp(x − max), count of +∞, 0).
 * The tensor is viewed as [outer, len, inner] around the axis; when the axis
 * is the last one (inner = 1, attention's case) a slice is a row and is read
 * four values per fetch.
 */
const statsBody = `
uniform sampler2D x;
uniform ivec2 u_xDims;
uniform int u_len;
uniform int u_inner;
// NaN is remembered, not folded: GLSL max() is undefined for NaN, and the CPU's Math.max propagates it.
void fold(float v, inout float m, inout bool nan) {
  if (isNaN(v)) nan = true;
  else m = max(m, v);
}
void accumulate(float v, float m, inout float sum, inout float count) {
  if (isPosInf(m)) count += isPosInf(v) ? 1.0 : 0.0;
  else sum += safeExp(v - m);
}
${rowStatsGlsl}
vec4 strided(int o, int q) {
  float m = -infValue();
  bool nan = false;
  for (int k = 0; k < u_len; k++) fold(flatElem(x, u_xDims.y, (o * u_len + k) * u_inner + q), m, nan);
  if (nan) return vec4(nanValue(), 0.0, 0.0, 0.0);
  float sum = 0.0;
  float count = 0.0;
  for (int k = 0; k < u_len; k++) accumulate(flatElem(x, u_xDims.y, (o * u_len + k) * u_inner + q), m, sum, count);
  return vec4(m, sum, count, 0.0);
}
vec4 compute(int p, int col0) {
  int o = p / u_inner;
  return u_inner == 1 ? rowStats(x, o) : strided(o, p - o * u_inner);
}`;

/** Pass 2: each element from its slice's statistics, with the CPU's rules for NaN and ±∞. */
const normalizeBody = `
uniform sampler2D x;
uniform sampler2D stats;
uniform ivec2 u_xDims;
uniform int u_len;
uniform int u_inner;
${normalizeGlsl}
vec4 compute(int row, int col0) {
  vec4 v = group4(x, u_xDims.y, row, col0);
  // Softmax along the last axis: one statistics texel per row.
  if (u_inner == 1) return normalized(v, texel(stats, row));
  vec4 r = vec4(0.0);
  for (int l = 0; l < 4; l++) {
    int c = col0 + l;
    if (c >= u_xDims.y) break;
    int e = row * u_xDims.y + c;
    int o = e / (u_len * u_inner);
    int q = e - (e / u_inner) * u_inner;
    r[l] = norm(v[l], texel(stats, o * u_inner + q));
  }
  return r;
}`;

/** softmax along `axis` in two passes; the statistics texture is freed before returning. `zeroEmpty` turns all −∞ slices into 0. */
export function softmaxPasses(gpu: Device, x: Tensor, axis: number, zeroEmpty = false): Tensor {
  const a = normalizeAxis(axis, x.rank);
  const len = x.shape[a] ?? 1;
  const inner = sizeOf(x.shape.slice(a + 1));
  const slices = len === 0 ? 0 : x.size / len;
  const ints = { u_len: len, u_inner: inner };
  const stats = gpu.run({ key: 'softmax:stats', body: () => statsBody, inputs: { x }, ints, shape: [slices, 4] });
  const out = gpu.run({
    key: 'softmax:normalize',
    body: () => normalizeBody,
    inputs: { x, stats },
    ints: { ...ints, u_zeroEmpty: zeroEmpty ? 1 : 0 },
    shape: x.shape,
  });
  discard(stats);
  return out;
}

/** softmax(x, {axis}) on any axis, NaN and ±∞ handled as softmaxCpu does. */
export const softmaxKernel: Kernel = glKernel('softmax', (gpu, inputs, attrs, provenance) =>
  withProvenance(softmaxPasses(gpu, input(inputs, 0), attrs.axis), provenance),
);
