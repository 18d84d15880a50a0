import type { ReduceOpName } from '../../../ops/contract.ts';
import type { Kernel } from '../../../registry.ts';
import { sizeOf, stridesOf } from '../../../shape.ts';
import { glKernel, input, maxRank, rightAligned } from './kernel.ts';

/** How each reduction starts, folds a value in, and finishes; NaN handling matches the CPU. */
const folds: Readonly<Record<ReduceOpName, { start: string; fold: string; finish: string }>> = {
  sum: { start: '0.0', fold: 'acc += v;', finish: 'acc' },
  mean: { start: '0.0', fold: 'acc += v;', finish: 'u_count == 0 ? nanValue() : acc / float(u_count)' },
  // GLSL max() is undefined for NaN; Math.max propagates it, so return it at once.
  max: { start: '-infValue()', fold: 'if (isNaN(v)) return v; acc = max(acc, v);', finish: 'acc' },
};

function body(op: ReduceOpName): string {
  const f = folds[op];
  return `
uniform sampler2D x;
uniform ivec2 u_xDims;
uniform int u_keptDims[${maxRank}];
uniform int u_keptStride[${maxRank}];
uniform int u_redDims[${maxRank}];
uniform int u_redStride[${maxRank}];
uniform int u_count;
// Decomposes i over dims (last axis fastest) into a flat input offset.
int offsetOf(int i, int dims[${maxRank}], int strides[${maxRank}]) {
  int off = 0;
  for (int d = ${maxRank - 1}; d >= 0; d--) {
    int k = i % dims[d];
    i /= dims[d];
    off += k * strides[d];
  }
  return off;
}
float reduceAt(int p) {
  int base = offsetOf(p, u_keptDims, u_keptStride);
  float acc = ${f.start};
  for (int r = 0; r < u_count; r++) {
    float v = flatElem(x, u_xDims.y, base + offsetOf(r, u_redDims, u_redStride));
    ${f.fold}
  }
  return ${f.finish};
}
vec4 compute(int row, int col0) {
  vec4 r = vec4(0.0);
  for (int l = 0; l < 4; l++) {
    if (col0 + l >= u_outDims.y) break;
    r[l] = reduceAt(row * u_outDims.y + col0 + l);
  }
  return r;
}`;
}

/** sum, mean and max over a sorted axis list, with or without kept size-1 axes. */
export const reduceKernels: Kernel[] = (Object.keys(folds) as ReduceOpName[]).map((op) =>
  glKernel(op, (gpu, inputs, attrs, provenance) => {
    const x = input(inputs, 0);
    const { axes } = attrs;
    const strides = stridesOf(x.shape);
    const keptAxes = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
    const dims = (list: number[]) => list.map((i) => x.shape[i] ?? 1);
    const steps = (list: number[]) => list.map((i) => strides[i] ?? 0);
    const shape = x.shape.flatMap((d, i) => (!axes.includes(i) ? [d] : attrs.keepDims ? [1] : []));
    const ints = {
      u_keptDims: rightAligned(dims(keptAxes), 1),
      u_keptStride: rightAligned(steps(keptAxes), 0),
      u_redDims: rightAligned(dims([...axes]), 1),
      u_redStride: rightAligned(steps([...axes]), 0),
      u_count: sizeOf(dims([...axes])),
    };
    return gpu.run({ key: `reduce:${op}`, body: () => body(op), inputs: { x }, ints, shape }, provenance);
  }),
);
