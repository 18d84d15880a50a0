import type { Kernel } from '../../../registry.ts';
import { type Shape, sizeOf, stridesOf } from '../../../shape.ts';
import type { Tensor } from '../../../tensor.ts';
import { type Device, discard, withProvenance } from '../device.ts';
import { glKernel, input, maxRank, rightAligned } from './kernel.ts';

/**
 * Copies where each output element reads one input element at an affine
 * position: src = u_offset + Σ index[d] · u_stride[d]. Transpose (permuted
 * strides), slice (an offset) and reshape (contiguous strides) are all this.
 * Concat reads from `a` below `u_split` on axis `u_axis` and from `b` above.
 */
const body = `
uniform sampler2D a;
uniform sampler2D b;
uniform ivec2 u_aDims;
uniform ivec2 u_bDims;
uniform int u_shape[${maxRank}];
uniform int u_aStride[${maxRank}];
uniform int u_bStride[${maxRank}];
uniform int u_offset;
uniform int u_axis;
uniform int u_split;
float gather(int f) {
  int sa = u_offset;
  int sb = 0;
  bool fromB = false;
  for (int d = ${maxRank - 1}; d >= 0; d--) {
    int k = f % u_shape[d];
    f /= u_shape[d];
    if (d == u_axis && k >= u_split) {
      fromB = true;
      k -= u_split;
    }
    sa += k * u_aStride[d];
    sb += k * u_bStride[d];
  }
  return fromB ? flatElem(b, u_bDims.y, sb) : flatElem(a, u_aDims.y, sa);
}
vec4 compute(int row, int col0) {
  vec4 r = vec4(0.0);
  for (int l = 0; l < 4; l++) {
    if (col0 + l >= u_outDims.y) break;
    r[l] = gather(row * u_outDims.y + col0 + l);
  }
  return r;
}`;

/**
 * The same copies when whole texels move: every output row is a run of
 * texels from one source row, starting at a texel boundary (a slice whose
 * last-axis begin is a multiple of 4, a concat along the last axis whose
 * first part's width is, a reshape that keeps the last dimension). One
 * fetch per texel instead of four elements each found by integer division
 * over every axis, which SwiftShader emulates lane by lane (multi-head
 * attention's head splits at n = 1024 spent more in these copies than in
 * its softmax). Output groups below u_splitGroup come from row
 * u_rowOffset + row of a, from texel u_group on; the rest from b.
 */
const texelsBody = `
uniform sampler2D a;
uniform sampler2D b;
uniform ivec2 u_aDims;
uniform ivec2 u_bDims;
uniform int u_rowOffset;
uniform int u_group;
uniform int u_splitGroup;
vec4 compute(int row, int col0) {
  int g = col0 >> 2;
  if (g >= u_splitGroup) return texel(b, row * ((u_bDims.y + 3) >> 2) + g - u_splitGroup);
  return texel(a, (row + u_rowOffset) * ((u_aDims.y + 3) >> 2) + u_group + g);
}`;

interface TexelCopy {
  readonly shape: Shape;
  readonly rowOffset?: number;
  readonly group?: number;
  /** Concat only: the second source and the first output texel group it fills. */
  readonly b?: Tensor;
  readonly splitGroup?: number;
}

function copyTexels(gpu: Device, a: Tensor, plan: TexelCopy): Tensor {
  const ints = {
    u_rowOffset: plan.rowOffset ?? 0,
    u_group: plan.group ?? 0,
    // Past any output group: everything comes from a.
    u_splitGroup: plan.splitGroup ?? 0x3fffffff,
  };
  return gpu.run({
    key: 'gather:texels',
    body: () => texelsBody,
    inputs: { a, b: plan.b ?? a },
    ints,
    shape: plan.shape,
  });
}

/**
 * The first source row of a slice seen as a [rows, cols] matrix, when the
 * slice keeps whole texels of consecutive rows: its last-axis begin is a
 * multiple of 4 and every axis between the first and the last is whole.
 */
function sliceRowOffset(shape: Shape, begin: readonly number[], size: readonly number[]): number | undefined {
  const r = shape.length;
  if (r === 0 || (begin[r - 1] ?? 0) % 4 !== 0) return undefined;
  for (let d = 1; d < r - 1; d++) if (begin[d] !== 0 || size[d] !== shape[d]) return undefined;
  return r === 1 ? 0 : (begin[0] ?? 0) * sizeOf(shape.slice(1, r - 1));
}

interface GatherPlan {
  readonly shape: Shape;
  readonly aStride: readonly number[];
  readonly offset?: number;
  /** Concat only: the second source, its strides, the axis and where `b` starts on it. */
  readonly b?: Tensor;
  readonly bStride?: readonly number[];
  readonly axis?: number;
  readonly split?: number;
}

function gather(gpu: Device, a: Tensor, plan: GatherPlan): Tensor {
  const rank = plan.shape.length;
  const ints = {
    u_shape: rightAligned(plan.shape, 1),
    u_aStride: rightAligned(plan.aStride, 0),
    u_bStride: rightAligned(plan.bStride ?? [], 0),
    u_offset: plan.offset ?? 0,
    // No axis is maxRank (never matched); otherwise the axis's slot in the right-aligned arrays.
    u_axis: plan.axis === undefined ? maxRank : maxRank - rank + plan.axis,
    u_split: plan.split ?? 0,
  };
  return gpu.run({ key: 'gather', body: () => body, inputs: { a, b: plan.b ?? a }, ints, shape: plan.shape });
}

const transposeKernel = glKernel('transpose', (gpu, inputs, attrs, provenance) => {
  const x = input(inputs, 0);
  const { perm } = attrs;
  const strides = stridesOf(x.shape);
  const shape = perm.map((p) => x.shape[p] ?? 1);
  return withProvenance(gather(gpu, x, { shape, aStride: perm.map((p) => strides[p] ?? 0) }), provenance);
});

const sliceKernel = glKernel('slice', (gpu, inputs, attrs, provenance) => {
  const x = input(inputs, 0);
  const { begin, size: shape } = attrs;
  const strides = stridesOf(x.shape);
  const rowOffset = sliceRowOffset(x.shape, begin, shape);
  if (rowOffset !== undefined && sizeOf(shape) > 0) {
    const group = (begin[begin.length - 1] ?? 0) / 4;
    return withProvenance(copyTexels(gpu, x, { shape, rowOffset, group }), provenance);
  }
  const offset = begin.reduce((s, b, i) => s + b * (strides[i] ?? 0), 0);
  return withProvenance(gather(gpu, x, { shape, aStride: strides, offset }), provenance);
});

/** Reshape is a copy here: the row-packed layout depends on the last dimension. */
const reshapeKernel = glKernel('reshape', (gpu, inputs, attrs, provenance) => {
  const x = input(inputs, 0);
  const { shape } = attrs;
  // The row-packed layout depends only on the last dimension: keeping it keeps every texel where it is.
  const same = shape.length > 0 && x.rank > 0 && shape[shape.length - 1] === x.shape[x.rank - 1];
  if (same && sizeOf(shape) > 0) return withProvenance(copyTexels(gpu, x, { shape }), provenance);
  return withProvenance(gather(gpu, x, { shape, aStride: stridesOf(shape) }), provenance);
});

/** Concat folds pairwise: k inputs take k − 1 passes, intermediates freed as it goes. */
const concatKernel = glKernel('concat', (gpu, inputs, attrs, provenance) => {
  const { axis } = attrs;
  let acc = input(inputs, 0);
  for (let i = 1; i < inputs.length; i++) {
    const b = input(inputs, i);
    const shape = acc.shape.map((d, j) => (j === axis ? d + (b.shape[j] ?? 0) : d));
    const width = acc.shape[axis] ?? 0;
    const next =
      axis === shape.length - 1 && width % 4 === 0 && sizeOf(shape) > 0
        ? copyTexels(gpu, acc, { shape, b, splitGroup: width / 4 })
        : gather(gpu, acc, {
            shape,
            aStride: stridesOf(acc.shape),
            b,
            bStride: stridesOf(b.shape),
            axis,
            split: acc.shape[axis] ?? 0,
          });
    if (i > 1) discard(acc);
    acc = next;
  }
  // A single input is still copied so the output never aliases an input's storage.
  if (inputs.length === 1) {
    const shape = acc.shape;
    acc = sizeOf(shape) > 0 ? copyTexels(gpu, acc, { shape }) : gather(gpu, acc, { shape, aStride: stridesOf(shape) });
  }
  return sizeOf(acc.shape) === 0 ? acc : withProvenance(acc, provenance);
});

/** The layout ops: transpose, slice, reshape and concat. */
export const gatherKernels: Kernel[] = [transposeKernel, sliceKernel, reshapeKernel, concatKernel];
