import type { UnaryOpName } from '../../../ops/contract.ts';
import type { Kernel } from '../../../registry.ts';
import { glKernel, input } from './kernel.ts';

/**
 * GLSL for each elementwise op, as an expression in `v`. Each must match the
 * CPU definition on ±1000, ±89, NaN and ±Infinity (see glsl.ts for the safe forms).
 */
const expressions: Readonly<Record<UnaryOpName, string>> = {
  sigmoid: 'safeSigmoid(v)',
  tanh: 'safeTanh(v)',
  // NaN stays NaN, as in reluCpu.
  relu: 'isNaN(v) || v > 0.0 ? v : 0.0',
  exp: 'safeExp(v)',
  log: 'safeLog(v)',
  neg: '-v',
  oneMinus: '1.0 - v',
};

function body(expression: string): string {
  return `
uniform sampler2D x;
uniform ivec2 u_xDims;
float f(float v) { return ${expression}; }
vec4 compute(int row, int col0) {
  vec4 v = group4(x, u_xDims.y, row, col0);
  return vec4(f(v.x), f(v.y), f(v.z), f(v.w));
}`;
}

/** One kernel per elementwise unary op; same layout in and out, one fetch per texel. */
export const unaryKernels: Kernel[] = (Object.keys(expressions) as UnaryOpName[]).map((op) =>
  glKernel(op, (gpu, inputs, _attrs, provenance) => {
    const x = input(inputs, 0);
    const pass = { key: `unary:${op}`, body: () => body(expressions[op]), inputs: { x }, shape: x.shape };
    return gpu.run(pass, provenance);
  }),
);
