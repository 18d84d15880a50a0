import { registerKernel, runOp } from '../registry.ts';
import { sizeOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';

/** Resolves one −1 entry from the element count and checks the total; returns the concrete shape. */
export function resolveReshape(size: number, shape: readonly number[]): number[] {
  const free = shape.filter((d) => d === -1).length;
  if (free > 1) throw new RangeError(`reshape to [${shape}]: at most one dimension may be −1`);
  const known = sizeOf(shape.filter((d) => d !== -1));
  const out = shape.map((d) => (d === -1 ? (known === 0 ? 0 : size / known) : d));
  if (sizeOf(out) !== size || out.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new RangeError(`cannot reshape ${size} values to [${shape}]`);
  }
  return out;
}

/**
 * reshape(x, shape): the same row-major values under a new shape. On the
 * CPU it shares the value array (tensors are immutable), so it costs
 * metadata only.
 */
export function reshapeCpu(x: Tensor, shape: readonly number[]): Tensor {
  return new Tensor(resolveReshape(x.size, shape), x.values());
}

registerKernel({
  op: 'reshape',
  backend: 'cpu',
  run: ([x], attrs) => reshapeCpu(x as Tensor, attrs.shape),
});

/** The same values under a new shape; one dimension may be −1 (inferred). */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const resolved = resolveReshape(x.size, shape);
  return runOp('reshape', [x], { shape: resolved }, x.size);
}
