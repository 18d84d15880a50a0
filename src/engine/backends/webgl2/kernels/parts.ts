import type { Tensor } from '../../../tensor.ts';
import { type Device, discard } from '../device.ts';
import { outputTexel } from '../glsl.ts';

/**
 * Four rows per fragment. A pass writes four textures at once (multiple
 * render targets), the "parts" of an [rows, cols] matrix: part r holds rows
 * r, r + 4, r + 8, … So one fragment of a product reads four rows of A and
 * four of B to fill a 4 × 4 block, 8 fetches for 64 multiply-adds where one
 * output texel per fragment needs 5 for 16. On software GL the fetches are
 * the cost (measured at n = 1024, d = 64 on SwiftShader: Q Kᵀ 3.5× and the
 * product with the attention weights 2.2× faster than one texel per
 * fragment). A consumer reads the parts directly or interleaves them back.
 */
export const parts = 4;

/** `f(0) … f(3)` joined: GLSL written once per part. */
export const each = (f: (r: number) => string, sep = '\n  ') => Array.from({ length: parts }, (_, r) => f(r)).join(sep);

/** One sampler per part: `name0` … `name3`. */
export const samplers = (name: string) => each((r) => `uniform sampler2D ${name}${r};`, '\n');

/** Texel cursors: a flat texel index to (x, y) once, then steps without an integer division. */
export const cursors = `
ivec2 texelPos(int t, int w) {
  int y = t / w;
  return ivec2(t - y * w, y);
}
ivec2 next(ivec2 p, int w) {
  return p.x + 1 == w ? ivec2(0, p.y + 1) : ivec2(p.x + 1, p.y);
}
ivec2 skip(ivec2 p, int d, int w) {
  p.x += d;
  while (p.x >= w) {
    p.x -= w;
    p.y += 1;
  }
  return p;
}`;

/** The uniforms every matrix-product shader reads besides its samplers of A and B: the optional mask, sizes, scale, causal cut. */
export const productUniforms = (mask: boolean) => `${mask ? 'uniform sampler2D mask;' : ''}
uniform int u_m;
uniform int u_k;
uniform int u_n;
uniform float u_scale;
uniform int u_causal;`;

/** main for a pass with `parts` outputs of one shape: `row` and `col0` name the texel of every part. */
export function partsMain(body: string): string {
  return `
void main() {
  ${outputTexel}
  if (row >= u_outDims.x) {
    ${each((r) => `out${r} = vec4(0.0);`)}
    return;
  }
  // Select, not multiply: a NaN in a padding lane must not leak, and 0 * NaN is NaN.
  bvec4 live = lessThan(ivec4(col0) + ivec4(0, 1, 2, 3), ivec4(u_outDims.y));
  ${body}
}`;
}

/** Structural variants of the four-row product; each is its own cached program. */
export interface PartsProduct {
  /** A arrives as parts (samplers a0…a3 sharing one layout) rather than one [m, k] matrix. */
  readonly aParts: boolean;
  readonly transposeB: boolean;
  /** Attention scores: multiply by u_scale, add an optional [m, n] mask, apply the causal cut. */
  readonly scores: boolean;
  readonly mask: boolean;
}

function epilogue(v: PartsProduct, r: number): string {
  if (!v.scores) return `out${r} = mix(vec4(0.0), acc${r}, live);`;
  return `{
    int i = min(row * ${parts} + ${r}, u_m - 1);
    vec4 s = acc${r} * u_scale;
    ${v.mask ? 's += group4(mask, u_n, i, col0);' : ''}
    if (u_causal == 1) s = mix(s, vec4(-infValue()), greaterThan(ivec4(col0) + ivec4(0, 1, 2, 3), ivec4(i)));
    out${r} = mix(vec4(0.0), s, live);
  }`;
}

/**
 * op(A)·op(B) rows 4·row + r, columns col0…col0+3, for A [m, k] and B
 * [k, n] (or [n, k] transposed). A's rows past m repeat row m − 1 and B's
 * rows past n repeat row n − 1 (nothing reads those lanes back); past k, B's
 * rows are zeros by select, never read, and A's padding lanes are zeros.
 */
function productBody(v: PartsProduct): string {
  const startA = v.aParts
    ? 'ivec2 pa = texelPos(row * gK, wa);'
    : each((r) => `ivec2 pa${r} = texelPos(min(row * ${parts} + ${r}, u_m - 1) * gK, wa);`);
  const readA = (r: number) => (v.aParts ? `fetch(a${r}, pa, sa)` : `fetch(a, pa${r}, sa)`);
  const stepA = v.aParts ? 'pa = next(pa, wa);' : each((r) => `pa${r} = next(pa${r}, wa);`, '\n    ');
  const startB = v.transposeB
    ? each((c) => `ivec2 pb${c} = texelPos(min(col0 + ${c}, u_n - 1) * gK, wb);`)
    : 'int gN = (u_n + 3) >> 2;\n  ivec2 pb = texelPos(col0 >> 2, wb);';
  const readB = v.transposeB
    ? each((c) => `vec4 b${c} = fetch(b, pb${c}, sb);\n    pb${c} = next(pb${c}, wb);`, '\n    ')
    : each(
        (c) =>
          `vec4 b${c} = ${c === 0 ? '' : `k0 + ${c} < u_k ? `}fetch(b, pb, sb)${c === 0 ? '' : ' : vec4(0.0)'};\n    pb = skip(pb, gN, wb);`,
        '\n    ',
      );
  const madd = (r: number) =>
    v.transposeB
      ? `acc${r} += vec4(dot(a${r}, b0), dot(a${r}, b1), dot(a${r}, b2), dot(a${r}, b3));`
      : `acc${r} += a${r}.x * b0 + a${r}.y * b1 + a${r}.z * b2 + a${r}.w * b3;`;
  const a = v.aParts ? 'a0' : 'a';
  return `
${v.aParts ? samplers('a') : 'uniform sampler2D a;'}
uniform sampler2D b;
${productUniforms(v.mask)}
${cursors}
${partsMain(`int gK = (u_k + 3) >> 2;
  int wa = textureSize(${a}, 0).x;
  int wb = textureSize(b, 0).x;
  vec2 sa = texelScale(${a});
  vec2 sb = texelScale(b);
  ${startA}
  ${startB}
  ${each((r) => `vec4 acc${r} = vec4(0.0);`)}
  for (int k0 = 0; k0 < u_k; k0 += 4) {
    ${readB}
    ${each((r) => `vec4 a${r} = ${readA(r)};\n    ${madd(r)}`, '\n    ')}
    ${stepA}
  }
  ${each((r) => epilogue(v, r))}`)}`;
}

/**
 * The parts of op(A)·op(B) for a rank-2 A [m, k] (or its parts) and B: four
 * [⌈m/4⌉, n] tensors. `dims` gives m, k, n (A's parts do not carry m).
 */
export function productParts(
  gpu: Device,
  inputs: { a: Tensor | readonly Tensor[]; b: Tensor; mask?: Tensor },
  v: PartsProduct,
  dims: { m: number; k: number; n: number },
  uniforms: { scale?: number; causal?: boolean } = {},
): Tensor[] {
  const { a, b, mask } = inputs;
  const aInputs = Array.isArray(a) ? named('a', a) : { a: a as Tensor };
  return gpu.runAll({
    key: `parts:product:${+v.aParts}${+v.transposeB}${+v.scores}${+v.mask}`,
    body: () => productBody(v),
    inputs: mask === undefined ? { ...aInputs, b } : { ...aInputs, b, mask },
    ints: { u_m: dims.m, u_k: dims.k, u_n: dims.n, u_causal: uniforms.causal ? 1 : 0 },
    floats: { u_scale: uniforms.scale ?? 1 },
    shape: [Math.ceil(dims.m / parts), dims.n],
    outputs: parts,
  });
}

/** One [rows, cols] tensor from its parts: row i is row ⌊i / 4⌋ of part i mod 4. */
const interleaveBody = `
${samplers('x')}
vec4 compute(int row, int col0) {
  int w = textureSize(x0, 0).x;
  int t = (row >> 2) * ((u_outDims.y + 3) >> 2) + (col0 >> 2);
  int y = t / w;
  ivec2 p = ivec2(t - y * w, y);
  vec2 s = texelScale(x0);
  ${each((r) => `vec4 v${r} = fetch(x${r}, p, s);`)}
  int r = row & 3;
  return r == 0 ? v0 : r == 1 ? v1 : r == 2 ? v2 : v3;
}`;

/** Interleaves parts into one tensor of `shape` and frees the parts. */
export function interleave(gpu: Device, xs: readonly Tensor[], shape: readonly number[]): Tensor {
  const out = gpu.run({ key: 'parts:interleave', body: () => interleaveBody, inputs: named('x', xs), shape });
  release(xs);
  return out;
}

/** Sampler name → part, as runAll takes inputs: `name0` … `name3`. */
export const named = (name: string, ts: readonly Tensor[]) => Object.fromEntries(ts.map((t, r) => [`${name}${r}`, t]));

/** Frees every part's texture. */
export function release(ts: readonly Tensor[]): void {
  for (const t of ts) discard(t);
}
