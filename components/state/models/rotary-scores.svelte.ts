import { add, matmul, mul, positionalEncoding, sum, type Tensor, tensor, traceCalls } from '~engine/index.ts';
import { peRotation } from '~engine/models/position-rotation.ts';
import type { OpCall } from '~engine/registry.ts';
import { intField, type StateOf, vectorField } from '~lib/url/state.ts';
import { errorMessage } from '../data/engine-error.ts';

/** Width of the query and key (two rotation pairs). */
export const rotaryDim = 4;
/** Largest position the sliders reach. */
export const maxRotaryPosition = 40;
/** How far the shift table moves both tokens: s = 0 … rotaryShifts − 1. */
export const rotaryShifts = 5;

/** The query and key before any position is applied (made up; any values show the same thing). */
export const rotaryQuery: readonly number[] = [1, 0.5, -0.3, 0.8];
export const rotaryKey: readonly number[] = [0.6, -0.2, 0.9, 0.4];

/** The widget's link state: both positions and both vectors. */
export const rotaryFields = {
  i: intField(2, 0, maxRotaryPosition),
  j: intField(5, 0, maxRotaryPosition),
  q: vectorField(rotaryQuery),
  k: vectorField(rotaryKey),
};

/** One row of the shift table: both tokens moved along by s. */
export interface ShiftRow {
  s: number;
  /** (R(i+s) q) · (R(j+s) k). */
  rotary: number;
  /** (q + PE(i+s)) · (k + PE(j+s)). */
  added: number;
}

/** Everything the widget shows, computed by the engine. */
export interface RotaryResult {
  /** R(i) q and R(j) k. */
  qRot: number[];
  kRot: number[];
  /** R(j − i), read from the encoding of the offset (R(−m) = R(m)ᵀ). */
  Roff: number[][];
  /** (R(i) q) · (R(j) k). */
  score: number;
  /** q · R(j − i) k: the same number from the offset alone. */
  fromOffset: number;
  shifts: ShiftRow[];
  calls: OpCall[];
  error: string;
}

/** R(p) [d, d]: the rotation that carries PE(0) to PE(p), one 2×2 turn per pair. */
const rotation = (p: number): Tensor => peRotation(positionalEncoding(1, rotaryDim, { offset: p }));
/** R(p) v for a row vector v [1, d] (row form: v R(p)ᵀ). */
const turn = (v: Tensor, p: number): Tensor => matmul(v, rotation(p), { transposeB: true });
const dot = (a: Tensor, b: Tensor): number => sum(mul(a, b)).toArray()[0] as number;

/**
 * Rotary positions (Su et al. 2021) on one query and one key (/positions-masks/):
 * the query at position i is turned by R(i), the key at j by R(j), with the
 * rotations of the sinusoidal table. Since R(i)ᵀR(j) = R(j − i), the score
 * depends on the offset only; the table beside it moves both tokens along and
 * compares the score of adding PE to the vectors instead, which does not keep.
 */
export class RotaryScoresState {
  #i = $state(2);
  #j = $state(5);
  #q = $state([...rotaryQuery]);
  #k = $state([...rotaryKey]);

  get i(): number {
    return this.#i;
  }
  get j(): number {
    return this.#j;
  }
  get query(): readonly number[] {
    return this.#q;
  }
  get key(): readonly number[] {
    return this.#k;
  }

  /** The engine's rotations and scores for the current positions and vectors. */
  readonly result: RotaryResult = $derived.by(() => {
    try {
      const { result, calls } = traceCalls(() => {
        const q = tensor([[...this.#q]]);
        const k = tensor([[...this.#k]]);
        const offset = this.#j - this.#i;
        const qRot = turn(q, this.#i);
        const kRot = turn(k, this.#j);
        const Roff = rotation(offset);
        const shifts = Array.from({ length: rotaryShifts }, (_, s) => {
          const pe = (p: number) => positionalEncoding(1, rotaryDim, { offset: p });
          return {
            s,
            rotary: dot(turn(q, this.#i + s), turn(k, this.#j + s)),
            added: dot(add(q, pe(this.#i + s)), add(k, pe(this.#j + s))),
          };
        });
        return {
          qRot: qRot.toArray(),
          kRot: kRot.toArray(),
          Roff: Roff.toRows(),
          score: dot(qRot, kRot),
          fromOffset: dot(q, turn(k, offset)),
          shifts,
        };
      });
      return { ...result, calls, error: '' };
    } catch (e) {
      return {
        qRot: [],
        kRot: [],
        Roff: [],
        score: Number.NaN,
        fromOffset: Number.NaN,
        shifts: [],
        calls: [],
        error: errorMessage(e),
      };
    }
  });

  /** Sets the query's position i (a whole number from 0 to maxRotaryPosition). */
  setI(i: number): void {
    if (Number.isInteger(i) && i >= 0 && i <= maxRotaryPosition) this.#i = i;
  }

  /** Sets the key's position j. */
  setJ(j: number): void {
    if (Number.isInteger(j) && j >= 0 && j <= maxRotaryPosition) this.#j = j;
  }

  /** Sets entry c of the query ('q') or key ('k'). */
  set(which: 'q' | 'k', c: number, value: number): void {
    const v = which === 'q' ? this.#q : this.#k;
    if (c >= 0 && c < v.length && Number.isFinite(value)) v[c] = value;
  }

  /** The whole state for the URL. */
  snapshot(): StateOf<typeof rotaryFields> {
    return { i: this.#i, j: this.#j, q: [...this.#q], k: [...this.#k] };
  }

  /** Applies a state read from the URL. */
  restore(s: StateOf<typeof rotaryFields>): void {
    this.#i = s.i;
    this.#j = s.j;
    this.#q = [...s.q];
    this.#k = [...s.k];
  }

  /** Back to i = 2, j = 5 and the default vectors. */
  reset(): void {
    this.restore({ i: 2, j: 5, q: [...rotaryQuery], k: [...rotaryKey] });
  }
}
