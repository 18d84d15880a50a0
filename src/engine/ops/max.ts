import { reducedShape, reduceTargets, resolveAxes } from '../index-plans/reduce.ts';
import { registerKernel, runOp } from '../registry.ts';
import { sizeOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import type { ReduceAttrs } from './contract.ts';

/**
 * max(x, axes) = largest value over the reduced axes; NaN anywhere in a group
 * makes that result NaN (Math.max propagates it), and the max of nothing is −Infinity.
 */
export function maxCpu(x: Tensor, attrs: ReduceAttrs): Tensor {
  const { targets, outSize } = reduceTargets(x.shape, attrs.axes);
  const src = x.values();
  const acc = new Float64Array(outSize).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < src.length; i++) {
    const t = targets[i] as number;
    acc[t] = Math.max(acc[t] as number, src[i] as number);
  }

  return new Tensor(reducedShape(x.shape, attrs.axes, attrs.keepDims), Float32Array.from(acc));
}

registerKernel({
  op: 'max',
  backend: 'cpu',
  run: ([x], attrs) => maxCpu(x as Tensor, attrs),
});

/** Maximum over `axis` (a number, a list, or every axis when omitted). */
export function max(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  const axes = resolveAxes(x.rank, axis);
  return runOp('max', [x], { axes, keepDims }, sizeOf(reducedShape(x.shape, axes, keepDims)));
}
