import { type Shape, sameShape, sizeOf } from '../shape.ts';
import { PlanMemo } from './memo.ts';

/**
 * How a binary op walks its inputs under NumPy broadcasting. `same` covers
 * the common equal-shape case with no index arrays; otherwise `aIndex[i]`
 * and `bIndex[i]` give the source position for output element i.
 */
export interface BroadcastPlan {
  readonly shape: Shape;
  readonly size: number;
  readonly same: boolean;
  readonly aIndex: Int32Array;
  readonly bIndex: Int32Array;
}

const EMPTY = new Int32Array(0);

/** The broadcast output shape of `a` and `b` (NumPy rules), or a RangeError naming both shapes. */
export function broadcastShape(a: Shape, b: Shape): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(`shapes [${a.join(', ')}] and [${b.join(', ')}] do not broadcast`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

const plans = new PlanMemo<BroadcastPlan>();

/** The number of elements of the broadcast of `a` and `b` (what dispatch needs); throws as broadcastShape does. */
export function broadcastSize(a: Shape, b: Shape): number {
  return sameShape(a, b) ? sizeOf(a) : sizeOf(broadcastShape(a, b));
}

/** Plans a broadcasting walk over `a` and `b` (kept for the next call with the same shapes). */
export function broadcastPlan(a: Shape, b: Shape): BroadcastPlan {
  // Equal shapes, the common case, walk both inputs in step: no index arrays, so nothing to keep or look up
  // (the lookup's string key was a tenth of a widget-sized GRU gradient's time).
  if (sameShape(a, b)) return { shape: a, size: sizeOf(a), same: true, aIndex: EMPTY, bIndex: EMPTY };
  return plans.get(
    `${a}|${b}`,
    () => makePlan(a, b),
    (p) => p.size,
  );
}

function makePlan(a: Shape, b: Shape): BroadcastPlan {
  // Frozen, so the tensors made with this shape share it instead of copying it.
  const shape = Object.freeze(broadcastShape(a, b));
  const size = sizeOf(shape);
  return { shape, size, same: false, aIndex: sourceIndex(a, shape, size), bIndex: sourceIndex(b, shape, size) };
}

/** For each output element, the flat position in an input of shape `src` broadcast to `out`. */
function sourceIndex(src: Shape, out: readonly number[], size: number): Int32Array {
  const rank = out.length;
  const strides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let i = src.length - 1; i >= 0; i--) {
    const d = src[i] ?? 1;
    // A size-1 axis is repeated, which a zero stride expresses.
    strides[rank - src.length + i] = d === 1 ? 0 : s;
    s *= d;
  }
  const index = new Int32Array(size);
  const counter = new Array<number>(rank).fill(0);
  let pos = 0;
  for (let i = 0; i < size; i++) {
    index[i] = pos;
    for (let ax = rank - 1; ax >= 0; ax--) {
      const c = (counter[ax] as number) + 1;
      const st = strides[ax] as number;
      if (c < (out[ax] as number)) {
        counter[ax] = c;
        pos += st;
        break;
      }
      counter[ax] = 0;
      pos -= st * (c - 1);
    }
  }
  return index;
}
