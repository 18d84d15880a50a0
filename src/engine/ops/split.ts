import { normalizeAxis } from '../shape.ts';
import type { Tensor } from '../tensor.ts';
import { slice } from './slice.ts';

/**
 * Cuts `x` along `axis` into `count` equal parts, or into parts of the
 * listed sizes. Not a kernel of its own: each part is one `slice` call, so
 * every backend that slices can split.
 */
export function split(x: Tensor, sizesOrCount: number | readonly number[], axis = -1): Tensor[] {
  const a = normalizeAxis(axis, x.rank);
  const d = x.shape[a] as number;
  let sizes: readonly number[];
  if (typeof sizesOrCount === 'number') {
    if (!Number.isInteger(sizesOrCount) || sizesOrCount <= 0 || d % sizesOrCount !== 0) {
      throw new RangeError(`cannot split axis ${a} of size ${d} into ${sizesOrCount} equal parts`);
    }
    sizes = new Array<number>(sizesOrCount).fill(d / sizesOrCount);
  } else {
    sizes = sizesOrCount;
    const total = sizes.reduce((s, v) => s + v, 0);
    if (total !== d) throw new RangeError(`split sizes [${sizes}] add to ${total}, but axis ${a} has size ${d}`);
  }
  const begin = new Array<number>(x.rank).fill(0);
  const parts: Tensor[] = [];
  for (const s of sizes) {
    const size = x.shape.map((dim, i) => (i === a ? s : dim));
    parts.push(slice(x, begin, size));
    begin[a] = (begin[a] as number) + s;
  }
  return parts;
}
