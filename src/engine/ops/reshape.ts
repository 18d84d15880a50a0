import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';

/** Resolves one −1 entry from the element count and checks the total; returns the concrete shape. */
export function resolveReshape(size: number, shape: readonly number[]): readonly number[] {
  const free = shape.indexOf(-1);
  if (free !== shape.lastIndexOf(-1)) throw new RangeError(`reshape to [${shape}]: at most one dimension may be −1`);
  let out = shape;
  if (free !== -1) {
    let known = 1;
    for (const d of shape) if (d !== -1) known *= d;
    out = shape.map((d) => (d === -1 ? (known === 0 ? 0 : size / known) : d));
  }
  // One pass, no copies when nothing is inferred: widget-sized work reshapes a thousand times per edit.
  let n = 1;
  for (const d of out) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`cannot reshape ${size} values to [${shape}]`);
    n *= d;
  }
  if (n !== size) throw new RangeError(`cannot reshape ${size} values to [${shape}]`);
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
