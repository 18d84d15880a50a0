import type { OpAttrs, OpName } from '../../../ops/contract.ts';
import type { Kernel } from '../../../registry.ts';
import type { Provenance, Tensor } from '../../../tensor.ts';
import type { Device } from '../device.ts';
import { device } from '../state.ts';

/** Most shapes the gather and broadcast kernels accept; their index uniforms are arrays this long. */
export const maxRank = 6;

/** A WebGL2 kernel body: gets the device, the op's typed attrs and the provenance its final pass should record. */
export type GlRun<Op extends OpName> = (
  gpu: Device,
  inputs: readonly Tensor[],
  attrs: OpAttrs[Op],
  provenance: Provenance<Op>,
) => Tensor;

/** Wraps a kernel body as a registry kernel for the webgl2 backend. */
export function glKernel<Op extends OpName>(op: Op, run: GlRun<Op>): Kernel<Op> {
  return { op, backend: 'webgl2', run: (inputs, attrs) => run(device(), inputs, attrs, { op, inputs, attrs }) };
}

/**
 * Per-axis values right-aligned in a `maxRank`-long uniform array (GLSL
 * arrays have a fixed length); the unused leading slots hold `fill`, which
 * is 1 for sizes and 0 for strides so they never change an index.
 */
export function rightAligned(values: readonly number[], fill: number): number[] {
  if (values.length > maxRank) throw new RangeError(`WebGL2 kernels support rank ≤ ${maxRank}, got ${values.length}`);
  return [...new Array<number>(maxRank - values.length).fill(fill), ...values];
}

/** The tensor at `i`; kernels are only called with the arity their op declares. */
export function input(inputs: readonly Tensor[], i: number): Tensor {
  const t = inputs[i];
  if (t === undefined) throw new RangeError(`kernel input ${i} is missing`);
  return t;
}
