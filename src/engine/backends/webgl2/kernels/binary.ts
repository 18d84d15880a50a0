import { broadcastShape } from '../../../index-plans/broadcast.ts';
import type { BinaryOpName } from '../../../ops/contract.ts';
import type { Kernel } from '../../../registry.ts';
import type { Shape } from '../../../shape.ts';
import { glKernel, input, maxRank, rightAligned } from './kernel.ts';

const operators: Readonly<Record<BinaryOpName, string>> = { add: '+', sub: '-', mul: '*', div: '/' };

/**
 * For each outer axis of the output (all but the last), how far one step
 * moves along the input's rows; 0 where the input is broadcast.
 */
function rowStrides(src: Shape, out: Shape): number[] {
  const outer = Math.max(out.length - 1, 0);
  const strides = new Array<number>(outer).fill(0);
  let s = 1;
  for (let d = outer - 1; d >= 0; d--) {
    const j = d - (out.length - src.length);
    if (j < 0) break;
    const dim = src[j] ?? 1;
    strides[d] = dim === 1 ? 0 : s;
    s *= dim;
  }
  return strides;
}

function body(operator: string): string {
  return `
uniform sampler2D a;
uniform sampler2D b;
uniform ivec2 u_aDims;
uniform ivec2 u_bDims;
uniform int u_outer[${maxRank}];
uniform int u_aStride[${maxRank}];
uniform int u_bStride[${maxRank}];
// An input whose last axis is 1 is broadcast along the output's last axis.
vec4 load(sampler2D s, ivec2 dims, int r, int col0) {
  return dims.y == 1 ? vec4(texel(s, r).x) : group4(s, dims.y, r, col0);
}
vec4 compute(int row, int col0) {
  int ra = 0;
  int rb = 0;
  int rest = row;
  for (int d = ${maxRank - 1}; d >= 0; d--) {
    int i = rest % u_outer[d];
    rest /= u_outer[d];
    ra += i * u_aStride[d];
    rb += i * u_bStride[d];
  }
  return load(a, u_aDims, ra, col0) ${operator} load(b, u_bDims, rb, col0);
}`;
}

/** add, sub, mul, div with NumPy broadcasting (numbers arrive as rank-0 tensors). */
export const binaryKernels: Kernel[] = (Object.keys(operators) as BinaryOpName[]).map((op) =>
  glKernel(op, (gpu, inputs, _attrs, provenance) => {
    const a = input(inputs, 0);
    const b = input(inputs, 1);
    const shape = broadcastShape(a.shape, b.shape);
    const outer = shape.slice(0, -1);
    const ints = {
      u_outer: rightAligned(outer, 1),
      u_aStride: rightAligned(rowStrides(a.shape, shape), 0),
      u_bStride: rightAligned(rowStrides(b.shape, shape), 0),
    };
    return gpu.run({ key: `binary:${op}`, body: () => body(operators[op]), inputs: { a, b }, ints, shape }, provenance);
  }),
);
