import { reducedShape, reduceTargets, resolveAxes } from '../index-plans/reduce.ts';
import { registerKernel, runOp } from '../registry.ts';
import { sizeOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import type { ReduceAttrs } from './contract.ts';

/**
 * mean(x, axes) = sum / count over the reduced axes (float64 accumulation);
 * the mean of zero elements is NaN (0 / 0), reported rather than invented.
 */
export function meanCpu(x: Tensor, attrs: ReduceAttrs): Tensor {
  const { targets, outSize } = reduceTargets(x.shape, attrs.axes);
  const src = x.values();
  const acc = new Float64Array(outSize);
  for (let i = 0; i < src.length; i++) {
    const t = targets[i] as number;
    acc[t] = (acc[t] as number) + (src[i] as number);
  }
  const count = outSize === 0 ? 0 : src.length / outSize;
  for (let j = 0; j < outSize; j++) acc[j] = (acc[j] as number) / count;
  return new Tensor(reducedShape(x.shape, attrs.axes, attrs.keepDims), Float32Array.from(acc));
}

registerKernel({
  op: 'mean',
  backend: 'cpu',
  run: ([x], attrs) => meanCpu(x as Tensor, attrs),
});

/** Mean over `axis` (a number, a list, or every axis when omitted). */
export function mean(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  const axes = resolveAxes(x.rank, axis);
  return runOp('mean', [x], { axes, keepDims }, sizeOf(reducedShape(x.shape, axes, keepDims)));
}
