import { intField, type StateOf } from '~lib/url/state.ts';
import { mhTokens } from '../data/multi-head-weights.ts';
import { MultiHeadState, multiHeadFields } from './multi-head.svelte.ts';

/** The picture's link state: the multi-head widget's, plus which query it draws. */
export const multiHeadDiagramFields = {
  ...multiHeadFields,
  i: intField(2, 0, mhTokens.length - 1),
};

/** Multi-head attention with one query picked out for the picture (default: token 3, "sat"). */
export class MultiHeadDiagramState extends MultiHeadState {
  #query = $state(2);

  /** The query drawn (0-based token). */
  get query(): number {
    return this.#query;
  }

  setQuery(i: number): void {
    if (Number.isInteger(i) && i >= 0 && i < mhTokens.length) this.#query = i;
  }

  override snapshot(): StateOf<typeof multiHeadDiagramFields> {
    return { ...super.snapshot(), i: this.#query };
  }

  override restore(s: StateOf<typeof multiHeadDiagramFields>): void {
    super.restore(s);
    this.#query = s.i;
  }

  override reset(): void {
    super.reset();
    this.#query = 2;
  }
}
