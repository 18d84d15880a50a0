import type { Tensor } from './tensor.ts';

/** Where in a computation a traced value belongs; omitted fields do not apply. */
export interface TraceAt {
  /** Time step or decoder step, 1-based as the chapters write it (h_1 is the first state). */
  readonly step?: number;
  /** Attention head, 1-based. */
  readonly head?: number;
  /** Layer of a stacked network, 1-based. */
  readonly layer?: number;
  /** Which pass of a bidirectional network produced it. */
  readonly direction?: 'forward' | 'backward';
}

/** One named intermediate: the chapter's symbol (e.g. `z`, `h̃`, `α`, `A'`), where it belongs, and its value. */
export interface TraceEntry extends TraceAt {
  readonly symbol: string;
  readonly value: Tensor;
}

/** What a trace and its `within` views share: the entries in order, and the same entries grouped by symbol. */
interface TraceStore {
  readonly entries: TraceEntry[];
  readonly bySymbol: Map<string, TraceEntry[]>;
}

/**
 * An ordered record of the intermediates a model computed, in the order it
 * computed them, so a widget can step through a formula by walking
 * `entries`. Symbols carry no subscripts; the subscript lives in `step`
 * (and `head`, `layer`, `direction`), so `h_3` is `{ symbol: 'h', step: 3 }`.
 */
export class Trace {
  readonly #store: TraceStore;
  readonly #at: TraceAt;

  /** A new, empty trace (the arguments are for `within`'s views). */
  constructor(at: TraceAt = {}, store: TraceStore = { entries: [], bySymbol: new Map() }) {
    this.#at = at;
    this.#store = store;
  }

  /** Every recorded entry, in computation order (shared by `within` views). */
  get entries(): readonly TraceEntry[] {
    return this.#store.entries;
  }

  /** Appends one value under `symbol`; fields of `at` add to (and override) this view's own. */
  record(symbol: string, value: Tensor, at: TraceAt = {}): void {
    const entry = { ...this.#at, ...at, symbol, value };
    this.#store.entries.push(entry);
    const same = this.#store.bySymbol.get(symbol);
    if (same === undefined) this.#store.bySymbol.set(symbol, [entry]);
    else same.push(entry);
  }

  /** A view that records into the same list with `at` merged into every entry (e.g. one layer of a stack). */
  within(at: TraceAt): Trace {
    return new Trace({ ...this.#at, ...at }, this.#store);
  }

  /**
   * Every entry for `symbol` whose fields match `where`, in order. Only that symbol's entries are read:
   * a 40-step LSTM's Jacobians look up six symbols per step, which scanned the whole run each time.
   */
  all(symbol: string, where: TraceAt = {}): TraceEntry[] {
    return (this.#store.bySymbol.get(symbol) ?? []).filter((e) => matches(e, where));
  }

  /** The last value recorded for `symbol` matching `where`; throws if there is none, naming what was asked. */
  get(symbol: string, where: TraceAt = {}): Tensor {
    const same = this.#store.bySymbol.get(symbol) ?? [];
    for (let k = same.length - 1; k >= 0; k--) {
      const e = same[k] as TraceEntry;
      if (matches(e, where)) return e.value;
    }
    throw new Error(`trace has no ${label({ symbol, ...where })}`);
  }

  /** The distinct symbols, in order of first appearance. */
  symbols(): string[] {
    return [...new Set(this.entries.map((e) => e.symbol))];
  }

  /** The steps recorded (sorted), e.g. to size a widget's step slider. */
  steps(): number[] {
    const s = new Set<number>();
    for (const e of this.entries) if (e.step !== undefined) s.add(e.step);
    return [...s].sort((a, b) => a - b);
  }
}

function matches(e: TraceAt, where: TraceAt): boolean {
  return (
    (where.step === undefined || e.step === where.step) &&
    (where.head === undefined || e.head === where.head) &&
    (where.layer === undefined || e.layer === where.layer) &&
    (where.direction === undefined || e.direction === where.direction)
  );
}

/** A human-readable name such as `h_3`, `α_2` or `A'^(1)` (head in parentheses, layer as a prefix). */
export function label(e: { readonly symbol: string } & TraceAt): string {
  let s = e.symbol;
  if (e.step !== undefined) s += `_${e.step}`;
  if (e.head !== undefined) s += `^(${e.head})`;
  if (e.direction !== undefined) s += e.direction === 'forward' ? '→' : '←';
  if (e.layer !== undefined) s = `layer ${e.layer}: ${s}`;
  return s;
}
