import { reducedShape, reduceTargets, resolveAxes } from '../index-plans/reduce.ts';
import { registerKernel, runOp } from '../registry.ts';
import { sizeOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import type { ReduceAttrs } from './contract.ts';

/**
 * sum(x, axes) = Σ over the reduced axes, accumulated in float64 and rounded once.
 */
export function sumCpu(x: Tensor, attrs: ReduceAttrs): Tensor {
  const { targets, outSize } = reduceTargets(x.shape, attrs.axes);
  const src = x.values();
  const acc = new Float64Array(outSize);
  for (let i = 0; i < src.length; i++) {
    const t = targets[i] as number;
    acc[t] = (acc[t] as number) + (src[i] as number);
  }

  return new Tensor(reducedShape(x.shape, attrs.axes, attrs.keepDims), Float32Array.from(acc));
}

registerKernel({
  op: 'sum',
  backend: 'cpu',
  run: ([x], attrs) => sumCpu(x as Tensor, attrs),
});

/** Sum over `axis` (a number, a list, or every axis when omitted). */
export function sum(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  const axes = resolveAxes(x.rank, axis);
  return runOp('sum', [x], { axes, keepDims }, sizeOf(reducedShape(x.shape, axes, keepDims)));
}
