import { registerKernel, runOp } from '../registry.ts';
import { stridesOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';

/** Checks that `perm` is a permutation of 0..rank−1 (default: reversed axes) and returns it. */
export function resolvePerm(rank: number, perm?: readonly number[]): number[] {
  const p = perm === undefined ? Array.from({ length: rank }, (_, i) => rank - 1 - i) : [...perm];
  const seen = new Set(p);
  if (p.length !== rank || seen.size !== rank || p.some((v) => !Number.isInteger(v) || v < 0 || v >= rank)) {
    throw new RangeError(`[${p}] is not a permutation of the ${rank} axes`);
  }
  return p;
}

/** transpose(x, perm): out[i_0, …] = x[i_perm⁻¹…], i.e. output axis k is input axis perm[k]. */
export function transposeCpu(x: Tensor, perm?: readonly number[]): Tensor {
  const p = resolvePerm(x.rank, perm);
  const shape = p.map((a) => x.shape[a] as number);
  const inStrides = stridesOf(x.shape);
  // Walking the output in order, each output axis steps the input by its source axis's stride.
  const step = p.map((a) => inStrides[a] as number);
  const src = x.values();
  const out = new Float32Array(src.length);
  const rank = shape.length;
  const counter = new Array<number>(rank).fill(0);
  let pos = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = src[pos] as number;
    for (let ax = rank - 1; ax >= 0; ax--) {
      const c = (counter[ax] as number) + 1;
      if (c < (shape[ax] as number)) {
        counter[ax] = c;
        pos += step[ax] as number;
        break;
      }
      counter[ax] = 0;
      pos -= (step[ax] as number) * (c - 1);
    }
  }
  return new Tensor(shape, out);
}

registerKernel({
  op: 'transpose',
  backend: 'cpu',
  run: ([x], attrs) => transposeCpu(x as Tensor, attrs.perm),
});

/** Permutes axes: output axis k is input axis perm[k] (default: all axes reversed). */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  return runOp('transpose', [x], { perm: resolvePerm(x.rank, perm) }, x.size);
}
