import type { Tensor } from '../../src/engine/tensor.ts';
import { evaluateScratch, type ScopeValue, type ScratchResult } from '../../src/lib/scratch-math.ts';

/** A tensor as plain numbers for the scratchpad: scalar, vector or matrix (higher ranks are flattened to rows). */
export function tensorToScope(t: Tensor): ScopeValue {
  const values = t.toArray();
  if (t.rank === 0) return values[0] ?? Number.NaN;
  if (t.rank === 1) return values;
  const cols = t.shape[t.rank - 1] ?? 1;
  return Array.from({ length: values.length / cols }, (_, r) => values.slice(r * cols, (r + 1) * cols));
}

/**
 * One notebook cell under a widget: the reader's expression and its result
 * over the widget's live symbols, re-evaluated whenever those change.
 */
export class ScratchpadState {
  #expression = $state('');
  readonly #scope: () => Readonly<Record<string, ScopeValue>>;

  /** `scope` is read reactively, so editing a weight re-evaluates the cell. */
  constructor(scope: () => Readonly<Record<string, ScopeValue>>, initial = '') {
    this.#scope = scope;
    this.#expression = initial;
  }

  /** The expression as typed. */
  get expression(): string {
    return this.#expression;
  }

  set expression(text: string) {
    this.#expression = text;
  }

  /** The symbols the expression may use, sorted. */
  readonly names = $derived.by(() => Object.keys(this.#scope()).sort());

  /** The result of the current expression over the current values; never throws. */
  readonly result: ScratchResult = $derived.by(() => evaluateScratch(this.#expression, this.#scope()));
}
