/** One triangle that covers the viewport; no vertex buffers needed (gl_VertexID). */
export const vertexShader = `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID & 1) << 2) - 1.0, float((gl_VertexID & 2) << 1) - 1.0);
  gl_Position = vec4(p, 0.0, 1.0);
}`;

/**
 * Helpers every fragment kernel gets. Tensors are row-packed (see layout.ts);
 * `u_outDims` is (rows, cols) of the output, and each kernel defines
 * `vec4 compute(int row, int col0)` for output columns col0..col0+3.
 *
 * The maths helpers are overflow-safe on purpose: the built-in tanh returns
 * NaN for |x| ≥ 89 and exp overflows at 89 on SwiftShader, and GLSL leaves
 * NaN behaviour of min/max/comparisons undefined, so NaN is tested by its
 * bits and passed through explicitly.
 */
export const prelude = `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;
uniform ivec2 u_outDims;

float nanValue() { return uintBitsToFloat(0x7fc00000u); }
float infValue() { return uintBitsToFloat(0x7f800000u); }
bool isNaN(float x) { return (floatBitsToUint(x) & 0x7fffffffu) > 0x7f800000u; }
bool isPosInf(float x) { return floatBitsToUint(x) == 0x7f800000u; }
bool isNegInf(float x) { return floatBitsToUint(x) == 0xff800000u; }

// Texel p of s, given texelScale(s). texture() at a texel's centre with NEAREST filtering returns the stored
// value exactly, and on SwiftShader it costs less than texelFetch, which checks bounds on every read
// (measured: self-attention at n = 1024 took 0.8 of the time with the products reading this way).
vec2 texelScale(sampler2D s) { return 1.0 / vec2(textureSize(s, 0)); }
vec4 fetch(sampler2D s, ivec2 p, vec2 scale) { return texture(s, (vec2(p) + 0.5) * scale); }

vec4 texel(sampler2D s, int t) {
  ivec2 size = textureSize(s, 0);
  int y = t / size.x;
  return fetch(s, ivec2(t - y * size.x, y), 1.0 / vec2(size));
}
// Columns c..c+3 (c a multiple of 4) of row r of a tensor with 'cols' columns; lanes past the end are 0.
vec4 group4(sampler2D s, int cols, int r, int c) { return texel(s, r * ((cols + 3) >> 2) + (c >> 2)); }
float elem(sampler2D s, int cols, int r, int c) { return group4(s, cols, r, c)[c & 3]; }
float flatElem(sampler2D s, int cols, int i) { int r = i / cols; return elem(s, cols, r, i - r * cols); }

float safeExp(float x) {
  if (isNaN(x)) return x;
  if (x > 88.72283) return infValue();
  if (x < -103.97208) return 0.0;
  return exp(x);
}
float safeTanh(float x) {
  if (isNaN(x)) return x;
  float a = abs(x);
  float r;
  if (a < 0.05) {
    // Taylor series: (1 - e)/(1 + e) loses digits to cancellation near 0.
    float a2 = a * a;
    r = a * (1.0 + a2 * (-1.0 / 3.0 + a2 * (2.0 / 15.0 - a2 * (17.0 / 315.0))));
  } else {
    float e = safeExp(-2.0 * a);
    r = (1.0 - e) / (1.0 + e);
  }
  return x < 0.0 ? -r : r;
}
float safeSigmoid(float x) {
  if (isNaN(x)) return x;
  if (x >= 0.0) return 1.0 / (1.0 + safeExp(-x));
  float e = safeExp(x);
  return e / (1.0 + e);
}
float safeLog(float x) {
  if (isNaN(x) || x < 0.0) return nanValue();
  if (x == 0.0) return -infValue();
  if (isPosInf(x)) return x;
  return log(x);
}
`;

/** GLSL statements that name the output texel: its `row` and first column `col0` (four columns to a texel). */
export const outputTexel = `ivec2 p = ivec2(gl_FragCoord.xy);
  int groups = (u_outDims.y + 3) >> 2;
  int t = p.y * u_outWidth + p.x;
  int row = t / groups;
  int col0 = (t - row * groups) * 4;`;

/** The `main` every kernel shares: find this texel's row and columns, zero the padding lanes. */
export const mainFunction = `
void main() {
  ${outputTexel}
  if (row >= u_outDims.x) { outColor = vec4(0.0); return; }
  vec4 v = compute(row, col0);
  // Select, not multiply: a NaN in a padding lane must not leak, and 0 * NaN is NaN.
  bvec4 live = lessThan(ivec4(col0) + ivec4(0, 1, 2, 3), ivec4(u_outDims.y));
  outColor = mix(vec4(0.0), v, live);
}
`;

/**
 * A full fragment shader. One output: prelude, the kernel's declarations and
 * compute(), then the shared main. Several outputs (drawn at once into as
 * many textures, see Device.runAll): the body declares its own main and
 * writes `out0`, `out1`, ….
 */
export function fragmentSource(body: string, outputs = 1): string {
  if (outputs === 1) return `${prelude}out vec4 outColor;\nuniform int u_outWidth;\n${body}\n${mainFunction}`;
  const outs = Array.from({ length: outputs }, (_, i) => `layout(location = ${i}) out vec4 out${i};`).join('\n');
  return `${prelude}${outs}\nuniform int u_outWidth;\n${body}\n`;
}
