import type { Tensor } from './tensor.ts';

/** Where a tensor holds NaN or ±Infinity: the multi-index, the flat index and the value. */
export interface NonFiniteAt {
  readonly index: readonly number[];
  readonly flat: number;
  readonly value: number;
}

/**
 * Thrown when a model is handed NaN or ±Infinity. The engine reports such
 * values instead of turning them into a plausible number; the message is
 * written for a widget to show as it is.
 */
export class NonFiniteError extends Error {
  /** The tensor's name as the chapter writes it (e.g. `W_ih` or `x_3`). */
  readonly tensorName: string;
  /** The first offending position. */
  readonly at: NonFiniteAt;

  constructor(tensorName: string, at: NonFiniteAt) {
    super(`${tensorName}[${at.index.join(', ')}] is ${at.value}, not a finite number`);
    this.name = 'NonFiniteError';
    this.tensorName = tensorName;
    this.at = at;
  }
}

/** The first NaN or ±Infinity in `t` (row-major order), or undefined when all values are finite. */
export function findNonFinite(t: Tensor): NonFiniteAt | undefined {
  const remember = t.size > REMEMBER_FROM;
  if (remember && knownFinite.has(t)) return undefined;
  const v = t.values();
  for (let i = 0; i < v.length; i++) {
    const x = v[i] as number;
    // x - x is 0 for finite x and NaN for NaN and ±Infinity: one test covers all three.
    if (x - x !== 0) return { index: unravel(i, t.shape), flat: i, value: x };
  }
  if (remember) knownFinite.add(t);
  return undefined;
}

/**
 * Tensors already scanned and found finite. Tensors are immutable, so the
 * answer never changes: models check their params on every call, and a
 * widget-size multi-head step spent a tenth of its time rescanning weights.
 */
const knownFinite = new WeakSet<Tensor>();

/**
 * Smaller tensors are scanned every time: a cell's state is new at every step, and for a few values the
 * WeakSet's lookup and insert cost more than the scan (a 40-step gradient-flow run: 3 % of its time).
 */
const REMEMBER_FROM = 64;

/** Throws a NonFiniteError naming `name` unless every value of `t` is finite. */
export function assertFinite(name: string, t: Tensor): void {
  const at = findNonFinite(t);
  if (at !== undefined) throw new NonFiniteError(name, at);
}

function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length).fill(0);
  let rest = flat;
  for (let a = shape.length - 1; a >= 0; a--) {
    const d = shape[a] ?? 1;
    index[a] = rest % d;
    rest = Math.floor(rest / d);
  }
  return index;
}
