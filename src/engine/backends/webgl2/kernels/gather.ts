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
  const offset = begin.reduce((s, b, i) => s + b * (strides[i] ?? 0), 0);
  return withProvenance(gather(gpu, x, { shape, aStride: strides, offset }), provenance);
});

/** Reshape is a copy here: the row-packed layout depends on the last dimension. */
const reshapeKernel = glKernel('reshape', (gpu, inputs, attrs, provenance) => {
  const x = input(inputs, 0);
  const { shape } = attrs;
  return withProvenance(gather(gpu, x, { shape, aStride: stridesOf(shape) }), provenance);
});

/** Concat folds pairwise: k inputs take k − 1 passes, intermediates freed as it goes. */
const concatKernel = glKernel('concat', (gpu, inputs, attrs, provenance) => {
  const { axis } = attrs;
  let acc = input(inputs, 0);
  for (let i = 1; i < inputs.length; i++) {
    const b = input(inputs, i);
    const shape = acc.shape.map((d, j) => (j === axis ? d + (b.shape[j] ?? 0) : d));
    const next = gather(gpu, acc, {
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
  if (inputs.length === 1) acc = gather(gpu, acc, { shape: acc.shape, aStride: stridesOf(acc.shape) });
  return sizeOf(acc.shape) === 0 ? acc : withProvenance(acc, provenance);
});

/** The layout ops: transpose, slice, reshape and concat. */
export const gatherKernels: Kernel[] = [transposeKernel, sliceKernel, reshapeKernel, concatKernel];
