import type { Tensor } from '~engine/tensor.ts';
import { m } from '~lib/i18n/messages.ts';
import type { ScopeValue, ScratchResult } from '~lib/scratch/math.ts';
import { type EvaluateScratch, scratchEvaluator } from '~lib/scratch/port.ts';

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
  #evaluate = $state<EvaluateScratch | undefined>(undefined);
  #failed = $state('');
  /** The answer to the latest question `refresh` asked (mathjs runs in a worker: answers come later). */
  #answer = $state<ScratchResult | undefined>(undefined);
  /** How many questions have been asked, and which one the shown answer is to: an older answer is dropped. */
  #asked = $state(0);
  #answered = $state(0);
  readonly #scope: () => Readonly<Record<string, ScopeValue>>;
  readonly #load: () => Promise<EvaluateScratch>;

  /**
   * `scope` is read reactively, so editing a weight re-evaluates the cell. `load` gives the evaluator: the page's
   * shared worker unless a test passes its own.
   */
  constructor(
    scope: () => Readonly<Record<string, ScopeValue>>,
    initial = '',
    load: () => Promise<EvaluateScratch> = scratchEvaluator,
  ) {
    this.#scope = scope;
    this.#expression = initial;
    this.#load = load;
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

  /**
   * Loads the math library (idempotent): mathjs is the largest library on a chapter page (about 110 KB gzipped) and
   * most readers never type into a scratchpad, so it loads only when one is about to be used (shown on screen or
   * focused), once per page, in a worker (src/lib/scratch/port.ts). Resolves once results are live.
   */
  activate(): Promise<void> {
    return this.#load().then(
      (evaluate) => {
        this.#evaluate = evaluate;
      },
      (e: unknown) => {
        this.#failed = e instanceof Error ? e.message : String(e);
      },
    );
  }

  /**
   * Marks the shown result out of date (busy) and returns a new question's id; `refresh(id)` asks it later. Busy
   * lasts until that question is answered, so a reader or a test that sees `busy` false knows the result belongs
   * to the values on the screen.
   */
  stale(): number {
    this.#asked += 1;
    return this.#asked;
  }

  /**
   * Asks for the current expression over the current values (question `id`, by default a new one) and resolves
   * with the result shown then. An answer that a newer question overtook is dropped, so the result always belongs
   * to the latest values.
   */
  async refresh(id = this.stale()): Promise<ScratchResult> {
    const evaluate = this.#evaluate;
    if (evaluate === undefined) return this.result;
    // Plain numbers: the scope may hold Svelte state proxies, which cannot cross to the worker.
    const scope = $state.snapshot(this.#scope()) as Record<string, ScopeValue>;
    let answer: ScratchResult;
    try {
      answer = await evaluate(this.#expression, scope);
    } catch (e) {
      answer = {
        ok: false,
        message: m.part_scratchpad_load_failed({ reason: e instanceof Error ? e.message : String(e) }),
      };
    }
    if (id === this.#asked) {
      this.#answer = answer;
      this.#answered = id;
    }
    return this.result;
  }

  /** True once the math library is loaded. */
  get active(): boolean {
    return this.#evaluate !== undefined;
  }

  /** Reads everything the result depends on without evaluating it: an effect that calls this re-runs when the
   * expression, the library or any of the widget's values change, and can `refresh` later. */
  track(): void {
    void this.#expression;
    void this.#evaluate;
    void this.#failed;
    this.#scope();
  }

  /** True until the first answer: the library is loading (the result says so in words, in the page's language). */
  get loading(): boolean {
    return this.#failed === '' && (this.#evaluate === undefined || this.#answer === undefined);
  }

  /** True while the result shown is not yet the answer to the latest question (aria-busy on the result). */
  get busy(): boolean {
    return this.loading || (this.#failed === '' && this.#answered !== this.#asked);
  }

  /** The result `refresh` last brought (or why there is none yet); never throws. */
  readonly result: ScratchResult = $derived.by(() => {
    if (this.#failed) return { ok: false, message: m.part_scratchpad_load_failed({ reason: this.#failed }) };
    const answer = this.#answer;
    if (this.#evaluate === undefined || answer === undefined)
      return { ok: false, message: m.part_scratchpad_loading() };
    return answer;
  });
}
