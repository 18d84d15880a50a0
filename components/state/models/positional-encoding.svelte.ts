import { matmul, positionalEncoding, sub, traceCalls } from '~engine/index.ts';
import { peRotation } from '~engine/models/position-rotation.ts';
import type { OpCall } from '~engine/registry.ts';
import { choiceField, intField, type StateOf } from '~lib/url/state.ts';
import { errorMessage } from '../data/engine-error.ts';

/** Rows of the table the widget draws: positions 0 … tableLength − 1. */
export const tableLength = 8;
/** Largest position and offset the sliders reach. */
export const maxPosition = 50;
/** Dimensions offered for the encoding. */
export const peDims = ['4', '8', '16'] as const;

/** The widget's link state: dimension, position p, offset k, and the pair (2i, 2i+1) drawn on the circle. */
export const positionalEncodingFields = {
  d: choiceField(peDims, '8'),
  p: intField(2, 0, maxPosition),
  k: intField(3, 0, maxPosition),
  i: intField(0, 0, 7),
};

/** Everything the widget shows, from the engine's sinusoidal table. */
export interface PeResult {
  /** PE [tableLength, d]. */
  table: number[][];
  /** Dot products PE(a) · PE(b) for every pair of table rows. */
  dots: number[][];
  /** PE(p), PE(k) and PE(p + k), each [d]. */
  atP: number[];
  atK: number[];
  atPk: number[];
  /** R(k) [d, d], read from PE(k). */
  R: number[][];
  /** R(k) PE(p), which should be PE(p + k). */
  rotated: number[];
  /** max |R(k) PE(p) − PE(p + k)|. */
  gap: number;
  /** PE(q) for q = 0 … maxPosition, the points drawn on the circle for the chosen pair. */
  orbit: number[][];
  calls: OpCall[];
  error: string;
}

/**
 * The sinusoidal encoding (/positions-masks/): the engine's PE table, its
 * dot products (constant along each diagonal: they depend on the offset
 * only), and the rotation R(k) that carries PE(p) to PE(p + k).
 */
export class PositionalEncodingState {
  #d = $state<(typeof peDims)[number]>('8');
  #p = $state(2);
  #k = $state(3);
  #pair = $state(0);

  get d(): number {
    return Number(this.#d);
  }

  get p(): number {
    return this.#p;
  }

  get k(): number {
    return this.#k;
  }

  /** Which rotation pair (columns 2i, 2i+1) the circle draws. */
  get pair(): number {
    return this.#pair;
  }

  /** The engine's table, dot products and rotation for the current settings. */
  readonly result: PeResult = $derived.by(() => {
    const d = this.d;
    try {
      const { result, calls } = traceCalls(() => {
        const table = positionalEncoding(tableLength, d);
        const dots = matmul(table, table, { transposeB: true });
        const at = (q: number) => positionalEncoding(1, d, { offset: q });
        const atP = at(this.#p);
        const atK = at(this.#k);
        const atPk = at(this.#p + this.#k);
        const R = peRotation(atK);
        // Row form of R(k) PE(p): PE(p) R(k)ᵀ.
        const rotated = matmul(atP, R, { transposeB: true });
        const gap = Math.max(...sub(rotated, atPk).toArray().map(Math.abs));
        return {
          table: table.toRows(),
          dots: dots.toRows(),
          atP: atP.toArray(),
          atK: atK.toArray(),
          atPk: atPk.toArray(),
          R: R.toRows(),
          rotated: rotated.toArray(),
          gap,
          orbit: positionalEncoding(maxPosition * 2 + 1, d).toRows(),
        };
      });
      return { ...result, calls, error: '' };
    } catch (e) {
      const none: number[] = [];
      return {
        table: [],
        dots: [],
        atP: none,
        atK: none,
        atPk: none,
        R: [],
        rotated: none,
        gap: Number.NaN,
        orbit: [],
        calls: [],
        error: errorMessage(e),
      };
    }
  });

  /** Sets d (4, 8 or 16); the pair shown stays within the new d. */
  setDim(d: string): void {
    const found = peDims.find((x) => x === d);
    if (found === undefined) return;
    this.#d = found;
    this.#pair = Math.min(this.#pair, Number(found) / 2 - 1);
  }

  /** Sets the position p (a whole number from 0 to maxPosition). */
  setP(p: number): void {
    if (Number.isInteger(p) && p >= 0 && p <= maxPosition) this.#p = p;
  }

  /** Sets the offset k (a whole number from 0 to maxPosition). */
  setK(k: number): void {
    if (Number.isInteger(k) && k >= 0 && k <= maxPosition) this.#k = k;
  }

  /** Chooses the pair (2i, 2i+1) drawn on the circle. */
  setPair(i: number): void {
    if (Number.isInteger(i) && i >= 0 && i < this.d / 2) this.#pair = i;
  }

  /** The whole state for the URL. */
  snapshot(): StateOf<typeof positionalEncodingFields> {
    return { d: this.#d, p: this.#p, k: this.#k, i: this.#pair };
  }

  /** Applies a state read from the URL (the pair is clamped to the dimension). */
  restore(s: StateOf<typeof positionalEncodingFields>): void {
    this.#d = s.d;
    this.#p = s.p;
    this.#k = s.k;
    this.#pair = Math.min(s.i, Number(s.d) / 2 - 1);
  }

  /** Back to d = 8, p = 2, k = 3, the first pair. */
  reset(): void {
    this.restore({ d: '8', p: 2, k: 3, i: 0 });
  }
}
