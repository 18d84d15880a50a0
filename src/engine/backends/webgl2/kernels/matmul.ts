import type { Attrs, Kernel } from '../../../registry.ts';
import type { Tensor } from '../../../tensor.ts';
import { type Device, withProvenance } from '../device.ts';
import { glKernel, input } from './kernel.ts';

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
  const loadA = v.transposeA
    ? `vec4(elem(a, u_m, aBase + k0, i),
            k0 + 1 < u_k ? elem(a, u_m, aBase + k0 + 1, i) : 0.0,
            k0 + 2 < u_k ? elem(a, u_m, aBase + k0 + 2, i) : 0.0,
            k0 + 3 < u_k ? elem(a, u_m, aBase + k0 + 3, i) : 0.0)`
    : 'group4(a, u_k, aBase + i, k0)';
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
  const epilogue = v.scores
    ? `acc *= u_scale;
  ${v.mask ? 'acc += group4(mask, u_n, i, j0);' : ''}
  if (u_causal == 1) {
    bvec4 future = greaterThan(ivec4(j0) + ivec4(0, 1, 2, 3), ivec4(i));
    acc = mix(acc, vec4(-infValue()), future);
  }`
    : '';
  return `
uniform sampler2D a;
uniform sampler2D b;
${v.mask ? 'uniform sampler2D mask;' : ''}
uniform int u_m;
uniform int u_k;
uniform int u_n;
uniform float u_scale;
uniform int u_causal;
vec4 compute(int row, int j0) {
  int s = row / u_m;
  int i = row - s * u_m;
  int aBase = s * ${v.transposeA ? 'u_k' : 'u_m'};
  int bBase = s * ${v.transposeB ? 'u_n' : 'u_k'};
  vec4 acc = vec4(0.0);
  for (int k0 = 0; k0 < u_k; k0 += 4) {
    vec4 av = ${loadA};
    ${step}
  }
  ${epilogue}
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

function runMatmul(gpu: Device, inputs: readonly Tensor[], attrs: Attrs): Tensor {
  const variant = {
    transposeA: attrs.transposeA === true,
    transposeB: attrs.transposeB === true,
    scores: false,
    mask: false,
  };
  return product(gpu, { a: input(inputs, 0), b: input(inputs, 1) }, variant);
}

/** matmul(a, b, {transposeA, transposeB}), rank 2 or batched rank 3. */
export const matmulKernel: Kernel = glKernel('matmul', (gpu, inputs, attrs, provenance) =>
  withProvenance(runMatmul(gpu, inputs, attrs), provenance),
);
