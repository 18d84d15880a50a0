import type { Kernel } from '../../../registry.ts';
import { normalizeAxis, sizeOf } from '../../../shape.ts';
import type { Tensor } from '../../../tensor.ts';
import { type Device, discard, withProvenance } from '../device.ts';
import { glKernel, input } from './kernel.ts';

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
vec4 rowStats(int o) {
  float m = -infValue();
  bool nan = false;
  for (int c = 0; c < u_len; c += 4) {
    vec4 v = group4(x, u_len, o, c);
    for (int l = 0; l < 4; l++) if (c + l < u_len) fold(v[l], m, nan);
  }
  if (nan) return vec4(nanValue(), 0.0, 0.0, 0.0);
  float sum = 0.0;
  float count = 0.0;
  for (int c = 0; c < u_len; c += 4) {
    vec4 v = group4(x, u_len, o, c);
    for (int l = 0; l < 4; l++) if (c + l < u_len) accumulate(v[l], m, sum, count);
  }
  return vec4(m, sum, count, 0.0);
}
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
  return u_inner == 1 ? rowStats(o) : strided(o, p - o * u_inner);
}`;

/** Pass 2: each element from its slice's statistics, with the CPU's rules for NaN and ±∞. */
const normalizeBody = `
uniform sampler2D x;
uniform sampler2D stats;
uniform ivec2 u_xDims;
uniform int u_len;
uniform int u_inner;
float norm(float v, vec4 st) {
  float m = st.x;
  // A NaN slice stays NaN; an all -inf slice has no distribution (exp(-inf + inf) is NaN on the CPU too).
  if (isNaN(m) || isNegInf(m)) return nanValue();
  if (isPosInf(m)) return isPosInf(v) ? 1.0 / st.z : 0.0;
  return safeExp(v - m) / st.y;
}
vec4 compute(int row, int col0) {
  vec4 v = group4(x, u_xDims.y, row, col0);
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

/** softmax along `axis` in two passes; the statistics texture is freed before returning. */
export function softmaxPasses(gpu: Device, x: Tensor, axis: number): Tensor {
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
    ints,
    shape: x.shape,
  });
  discard(stats);
  return out;
}

/** softmax(x, {axis}) on any axis, NaN and ±∞ handled as softmaxCpu does. */
export const softmaxKernel: Kernel = glKernel('softmax', (gpu, inputs, attrs, provenance) =>
  withProvenance(softmaxPasses(gpu, input(inputs, 0), (attrs.axis as number | undefined) ?? -1), provenance),
);
