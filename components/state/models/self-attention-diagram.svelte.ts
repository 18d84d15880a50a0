import { intField, type StateOf } from '~lib/url/state.ts';
import { SelfAttentionState, selfAttentionFields, tokenNames } from './self-attention.svelte.ts';

/** The picture's link state: the self-attention widget's, plus which query it draws. */
export const selfAttentionDiagramFields = {
  ...selfAttentionFields,
  i: intField(0, 0, tokenNames.length - 1),
};

/**
 * Self-attention with one query picked out for the picture. The walk in the
 * self-attention widget always follows query 1; the picture on its own lets
 * the reader draw any query's weights.
 */
export class SelfAttentionDiagramState extends SelfAttentionState {
  #query = $state(0);

  /** The query drawn (0-based token). */
  get query(): number {
    return this.#query;
  }

  setQuery(i: number): void {
    if (Number.isInteger(i) && i >= 0 && i < tokenNames.length) this.#query = i;
  }

  override snapshot(): StateOf<typeof selfAttentionDiagramFields> {
    return { ...super.snapshot(), i: this.#query };
  }

  override restore(s: StateOf<typeof selfAttentionDiagramFields>): void {
    super.restore(s);
    this.#query = s.i;
  }

  override reset(): void {
    super.reset();
    this.#query = 0;
  }
}
