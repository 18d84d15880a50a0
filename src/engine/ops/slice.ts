import { outputBuffer } from '../output-buffer.ts';
import { registerKernel, runOp } from '../registry.ts';
import { sizeOf, stridesOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';

/** Resolves `size` entries of −1 ("to the end") and checks bounds; returns the concrete sizes. */
export function resolveSlice(shape: readonly number[], begin: readonly number[], size: readonly number[]): number[] {
  if (begin.length !== shape.length || size.length !== shape.length) {
    throw new RangeError(`slice of a rank-${shape.length} tensor needs ${shape.length} begins and sizes`);
  }
  return shape.map((d, i) => {
    const b = begin[i] as number;
    const s = size[i] === -1 ? d - b : (size[i] as number);
    if (!Number.isInteger(b) || !Number.isInteger(s) || b < 0 || s < 0 || b + s > d) {
      throw new RangeError(`slice [${begin}] + [${size}] is outside shape [${shape}] on axis ${i}`);
    }
    return s;
  });
}

/**
 * slice(x, begin, size): the box starting at `begin` with extent `size`
 * (−1 = to the end of that axis), copied row by row along the last axis.
 */
export function sliceCpu(x: Tensor, begin: readonly number[], size: readonly number[]): Tensor {
  const shape = resolveSlice(x.shape, begin, size);
  const total = sizeOf(shape);
  const out = outputBuffer(total);
  const src = x.values();
  const strides = stridesOf(x.shape);
  const rank = shape.length;
  if (rank === 0 || total === 0) return new Tensor(shape, rank === 0 ? Float32Array.from(src) : out);
  const run = shape[rank - 1] as number;
  const rows = total / run;
  const counter = new Array<number>(rank - 1).fill(0);
  for (let r = 0; r < rows; r++) {
    let start = 0;
    for (let ax = 0; ax < rank; ax++) start += ((begin[ax] as number) + (counter[ax] ?? 0)) * (strides[ax] as number);
    // A plain loop, not out.set(src.subarray(…)): rows here are tens of values, and a subarray object per row cost
    // about as much as the copy (a training step slices ~80 times).
    for (let k = 0; k < run; k++) out[r * run + k] = src[start + k] as number;
    for (let ax = rank - 2; ax >= 0; ax--) {
      const c = (counter[ax] as number) + 1;
      if (c < (shape[ax] as number)) {
        counter[ax] = c;
        break;
      }
      counter[ax] = 0;
    }
  }
  return new Tensor(shape, out);
}

registerKernel({
  op: 'slice',
  backend: 'cpu',
  run: ([x], attrs) => sliceCpu(x as Tensor, attrs.begin, attrs.size),
});

/** The sub-tensor starting at `begin` with extent `size` (−1 means to the end of that axis). */
export function slice(x: Tensor, begin: readonly number[], size: readonly number[]): Tensor {
  const resolved = resolveSlice(x.shape, begin, size);
  return runOp('slice', [x], { begin: [...begin], size: resolved }, sizeOf(resolved));
}
