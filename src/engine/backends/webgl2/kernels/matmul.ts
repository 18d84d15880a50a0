import type { MatmulAttrs } from '../../../ops/contract.ts';
import type { Kernel } from '../../../registry.ts';
import type { Tensor } from '../../../tensor.ts';
import { type Device, withProvenance } from '../device.ts';
import { glKernel, input } from './kernel.ts';
import { cursors, interleave, productParts, productUniforms } from './parts.ts';

/** Structural variants of the product; each is its own cached program. */
export interface ProductVariant {
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  /** Attention scores: multiply by u_scale, add an optional [n, m] mask, apply the causal cut. */
  readonly scores: boolean;
  readonly mask: boolean;
}

/**
 * Each output texel holds out[i, j0..j0+3]; the loop walks k four at a time,
 * so one step is a vec4 of op(A)[i, k0..k0+3] and a 4×4 block of op(B): five
 * fetches for sixteen multiply-adds when A is untransposed. Rows of B past K
 * (and columns past N) are replaced by zeros with a select, never read.
 */
function body(v: ProductVariant): string {
  return v.transposeA ? transposedABody(v) : cursorBody(v);
}

function epilogue(v: ProductVariant): string {
  return v.scores
    ? `acc *= u_scale;
  ${v.mask ? 'acc += group4(mask, u_n, i, j0);' : ''}
  if (u_causal == 1) {
    bvec4 future = greaterThan(ivec4(j0) + ivec4(0, 1, 2, 3), ivec4(i));
    acc = mix(acc, vec4(-infValue()), future);
  }`
    : '';
}

const header = (v: ProductVariant) => `
uniform sampler2D a;
uniform sampler2D b;
${productUniforms(v.mask)}`;

/**
 * op(A) untransposed (every forward pass, attention included): the loop
 * walks texels in order, so each operand keeps a texel cursor that steps
 * forward instead of turning a flat index into (x, y) with an integer
 * division on every fetch. Integer division is the slowest instruction on
 * software GL (SwiftShader emulates it lane by lane); the loop had five.
 */
function cursorBody(v: ProductVariant): string {
  const loopB = v.transposeB
    ? `vec4 c0 = fetch(b, p0, sb);
    vec4 c1 = j0 + 1 < u_n ? fetch(b, p1, sb) : vec4(0.0);
    vec4 c2 = j0 + 2 < u_n ? fetch(b, p2, sb) : vec4(0.0);
    vec4 c3 = j0 + 3 < u_n ? fetch(b, p3, sb) : vec4(0.0);
    acc += vec4(dot(av, c0), dot(av, c1), dot(av, c2), dot(av, c3));
    p0 = next(p0, wb);
    p1 = next(p1, wb);
    p2 = next(p2, wb);
    p3 = next(p3, wb);`
    : `vec4 b0 = fetch(b, pb, sb);
    pb = skip(pb, gN, wb);
    vec4 b1 = k0 + 1 < u_k ? fetch(b, pb, sb) : vec4(0.0);
    pb = skip(pb, gN, wb);
    vec4 b2 = k0 + 2 < u_k ? fetch(b, pb, sb) : vec4(0.0);
    pb = skip(pb, gN, wb);
    vec4 b3 = k0 + 3 < u_k ? fetch(b, pb, sb) : vec4(0.0);
    pb = skip(pb, gN, wb);
    acc += av.x * b0 + av.y * b1 + av.z * b2 + av.w * b3;`;
  const startB = v.transposeB
    ? `int last = bBase + u_n - 1;
  ivec2 p0 = texelPos((bBase + j0) * gK, wb);
  ivec2 p1 = texelPos(min(bBase + j0 + 1, last) * gK, wb);
  ivec2 p2 = texelPos(min(bBase + j0 + 2, last) * gK, wb);
  ivec2 p3 = texelPos(min(bBase + j0 + 3, last) * gK, wb);`
    : `int gN = (u_n + 3) >> 2;
  ivec2 pb = texelPos(bBase * gN + (j0 >> 2), wb);`;
  return `${header(v)}${cursors}
vec4 compute(int row, int j0) {
  int s = row / u_m;
  int i = row - s * u_m;
  int bBase = s * ${v.transposeB ? 'u_n' : 'u_k'};
  int gK = (u_k + 3) >> 2;
  int wa = textureSize(a, 0).x;
  int wb = textureSize(b, 0).x;
  vec2 sa = texelScale(a);
  vec2 sb = texelScale(b);
  ivec2 pa = texelPos(row * gK, wa);
  ${startB}
  vec4 acc = vec4(0.0);
  for (int k0 = 0; k0 < u_k; k0 += 4) {
    vec4 av = fetch(a, pa, sa);
    pa = next(pa, wa);
    ${loopB}
  }
  ${epilogue(v)}
  return acc;
}`;
}

/** op(A) transposed (backward passes): columns of A are strided, so each element is fetched by index. */
function transposedABody(v: ProductVariant): string {
  const loadA = `vec4(elem(a, u_m, aBase + k0, i),
            k0 + 1 < u_k ? elem(a, u_m, aBase + k0 + 1, i) : 0.0,
            k0 + 2 < u_k ? elem(a, u_m, aBase + k0 + 2, i) : 0.0,
            k0 + 3 < u_k ? elem(a, u_m, aBase + k0 + 3, i) : 0.0)`;
  const step = v.transposeB
    ? `vec4 c0 = group4(b, u_k, bBase + j0, k0);
    vec4 c1 = j0 + 1 < u_n ? group4(b, u_k, bBase + j0 + 1, k0) : vec4(0.0);
    vec4 c2 = j0 + 2 < u_n ? group4(b, u_k, bBase + j0 + 2, k0) : vec4(0.0);
    vec4 c3 = j0 + 3 < u_n ? group4(b, u_k, bBase + j0 + 3, k0) : vec4(0.0);
    acc += vec4(dot(av, c0), dot(av, c1), dot(av, c2), dot(av, c3));`
    : `vec4 b0 = group4(b, u_n, bBase + k0, j0);
    vec4 b1 = k0 + 1 < u_k ? group4(b, u_n, bBase + k0 + 1, j0) : vec4(0.0);
    vec4 b2 = k0 + 2 < u_k ? group4(b, u_n, bBase + k0 + 2, j0) : vec4(0.0);
    vec4 b3 = k0 + 3 < u_k ? group4(b, u_n, bBase + k0 + 3, j0) : vec4(0.0);
    acc += av.x * b0 + av.y * b1 + av.z * b2 + av.w * b3;`;
  return `${header(v)}
vec4 compute(int row, int j0) {
  int s = row / u_m;
  int i = row - s * u_m;
  int aBase = s * u_k;
  int bBase = s * ${v.transposeB ? 'u_n' : 'u_k'};
  vec4 acc = vec4(0.0);
  for (int k0 = 0; k0 < u_k; k0 += 4) {
    vec4 av = ${loadA};
    ${step}
  }
  ${epilogue(v)}
  return acc;
}`;
}

/** Dimensions of op(a)·op(b) for rank-2 or equal-batch rank-3 operands (the op already validated them). */
function productDims(a: Tensor, b: Tensor, ta: boolean, tb: boolean) {
  const r = a.rank;
  const batch = r === 3 ? (a.shape[0] ?? 1) : 1;
  const m = (ta ? a.shape[r - 1] : a.shape[r - 2]) ?? 1;
  const k = (ta ? a.shape[r - 2] : a.shape[r - 1]) ?? 1;
  const n = (tb ? b.shape[r - 2] : b.shape[r - 1]) ?? 1;
  return { batch, m, k, n, shape: r === 3 ? [batch, m, n] : [m, n] };
}

/** Runs one product pass; attention reuses it for its scores. */
export function product(
  gpu: Device,
  inputs: { a: Tensor; b: Tensor; mask?: Tensor },
  v: ProductVariant,
  uniforms: { scale?: number; causal?: boolean } = {},
): Tensor {
  const { m, k, n, shape } = productDims(inputs.a, inputs.b, v.transposeA, v.transposeB);
  const key = `product:${+v.transposeA}${+v.transposeB}${+v.scores}${+v.mask}`;
  return gpu.run({
    key,
    body: () => body(v),
    inputs,
    ints: { u_m: m, u_k: k, u_n: n, u_causal: uniforms.causal ? 1 : 0 },
    floats: { u_scale: uniforms.scale ?? 1 },
    shape,
  });
}

/**
 * Rank-2 products with at least this many rows compute four rows per
 * fragment (parts.ts) and interleave them; below it the extra pass costs
 * more than the shared fetches save.
 */
export const partsMinRows = 64;

function runMatmul(gpu: Device, inputs: readonly Tensor[], attrs: MatmulAttrs): Tensor {
  const a = input(inputs, 0);
  const b = input(inputs, 1);
  const variant = {
    transposeA: attrs.transposeA,
    transposeB: attrs.transposeB,
    scores: false,
    mask: false,
  };
  const { m, k, n, shape } = productDims(a, b, variant.transposeA, variant.transposeB);
  if (a.rank === 2 && !variant.transposeA && m >= partsMinRows && k > 0 && n > 0) {
    const four = { aParts: false, transposeB: variant.transposeB, scores: false, mask: false };
    return interleave(gpu, productParts(gpu, { a, b }, four, { m, k, n }), shape);
  }
  return product(gpu, { a, b }, variant);
}

/** matmul(a, b, {transposeA, transposeB}), rank 2 or batched rank 3. */
export const matmulKernel: Kernel = glKernel('matmul', (gpu, inputs, attrs, provenance) =>
  withProvenance(runMatmul(gpu, inputs, attrs), provenance),
);
