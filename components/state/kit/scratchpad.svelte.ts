import type { Tensor } from '~engine/tensor.ts';
import { m } from '~lib/i18n/messages.ts';
import type { evaluateScratch, ScopeValue, ScratchResult } from '~lib/scratch/math.ts';

type Evaluate = typeof evaluateScratch;
let evaluator: Promise<Evaluate> | undefined;

/**
 * mathjs is the largest library on a chapter page (about 110 KB gzipped), and
 * most readers never type into a scratchpad: load it only when one is about
 * to be used (shown on screen or focused), once per page.
 */
function loadEvaluator(): Promise<Evaluate> {
  evaluator ??= import('~lib/scratch/math.ts').then((m) => m.evaluateScratch);
  return evaluator;
}

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
  #evaluate = $state<Evaluate | undefined>(undefined);
  #failed = $state('');
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

  /** Loads the math library (idempotent); resolves once results are live. */
  activate(): Promise<void> {
    return loadEvaluator().then(
      (evaluate) => {
        this.#evaluate = evaluate;
      },
      (e: unknown) => {
        this.#failed = e instanceof Error ? e.message : String(e);
      },
    );
  }

  /** True once the math library is loaded. */
  get active(): boolean {
    return this.#evaluate !== undefined;
  }

  /** Reads everything the result depends on without evaluating it: an effect that calls this re-runs when the
   * expression, the library or any of the widget's values change, and can evaluate later. */
  track(): void {
    void this.#expression;
    void this.#evaluate;
    void this.#failed;
    this.#scope();
  }

  /** True while the math library is still loading (the result says so in words, in the page's language). */
  get loading(): boolean {
    return this.#evaluate === undefined && this.#failed === '';
  }

  /** The result of the current expression over the current values; never throws. */
  readonly result: ScratchResult = $derived.by(() => {
    if (this.#failed) return { ok: false, message: m.part_scratchpad_load_failed({ reason: this.#failed }) };
    const evaluate = this.#evaluate;
    if (evaluate === undefined) return { ok: false, message: m.part_scratchpad_loading() };
    return evaluate(this.#expression, this.#scope());
  });
}
