import { normalizeAxis, type Shape, sizeOf, stridesOf } from '../shape.ts';
import { PlanMemo } from './memo.ts';

/** Axes to reduce, normalized and sorted; `undefined` means every axis. */
export function resolveAxes(rank: number, axis?: number | readonly number[]): number[] {
  if (axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const axes = [...new Set(list.map((a) => normalizeAxis(a, rank)))];
  return axes.sort((x, y) => x - y);
}

/** The reduced shape: reduced axes dropped, or kept with size 1. */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepDims) out.push(1);
  });
  return out;
}

/**
 * For each input element (row-major), the flat index of the output element
 * it reduces into. Reductions then need one pass with no index arithmetic.
 */
export function reduceTargets(shape: Shape, axes: readonly number[]): ReducePlan {
  return plans.get(
    `${shape}|${axes}`,
    () => makeTargets(shape, axes),
    (p) => p.targets.length,
  );
}

/** Which output element each input element folds into, and how many outputs there are. */
export interface ReducePlan {
  readonly targets: Int32Array;
  readonly outSize: number;
}

const plans = new PlanMemo<ReducePlan>();

function makeTargets(shape: Shape, axes: readonly number[]): ReducePlan {
  const kept = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const keptStrides = stridesOf(kept);
  const step = shape.map((_, i) => (axes.includes(i) ? 0 : (keptStrides[i] as number)));
  const n = sizeOf(shape);
  const targets = new Int32Array(n);
  const rank = shape.length;
  const counter = new Array<number>(rank).fill(0);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    targets[i] = pos;
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
  return { targets, outSize: sizeOf(kept) };
}
