import { createContext } from 'svelte';

/** What is lit: a symbol, and optionally one entry of it ("i,j"). */
export interface Lit {
  readonly symbol: string;
  readonly index?: string;
  /** The same quantity under other names, lit with it (a diagram's wire r_t[k] is also row t of the r table). */
  readonly also?: readonly Lit[];
}

/** True when `lit` (or one of its other names) covers `symbol`, and entry `index` of it when given. */
export function covers(lit: Lit | undefined, symbol: string, index?: string): boolean {
  if (lit === undefined) return false;
  const own = lit.symbol === symbol && (index === undefined || lit.index === undefined || lit.index === index);
  return own || (lit.also ?? []).some((a) => covers(a, symbol, index));
}

/**
 * The symbol a reader is pointing at, shared by one widget's formula and
 * matrix views: hovering or focusing `W_z` in the formula lights W_z's cells,
 * and the reverse. A pinned highlight (clicked in the symbol list) survives
 * pointer moves until it is unpinned.
 */
export class HighlightState {
  #hover = $state<Lit | undefined>(undefined);
  #pinned = $state<Lit | undefined>(undefined);
  // The lit entry as a string, then as an object derived from it: pointing again at what is lit (a matrix
  // cell refocused after an edit, blur then focus in one update) leaves both unchanged, so the hundreds of
  // cells and formula spans that read the highlight are not re-evaluated.
  readonly #key = $derived.by(() => {
    const a = this.#hover ?? this.#pinned;
    return a === undefined ? undefined : JSON.stringify(a);
  });
  readonly #active = $derived.by((): Lit | undefined => {
    const k = this.#key;
    return k === undefined ? undefined : (JSON.parse(k) as Lit);
  });

  /** The lit symbol: the hovered one, else the pinned one. */
  get active(): Lit | undefined {
    return this.#active;
  }

  /** The pinned symbol, if any. */
  get pinned(): Lit | undefined {
    return this.#pinned;
  }

  /** Lights `symbol` (and one entry of it, when `index` is given, and the same entry under `also`'s names) while pointed at. */
  point(symbol: string, index?: string, also?: readonly Lit[]): void {
    const lit: Lit = index === undefined ? { symbol } : { symbol, index };
    this.#hover = also && also.length > 0 ? { ...lit, also } : lit;
  }

  /** Ends pointing; a pinned symbol stays lit. */
  release(): void {
    this.#hover = undefined;
  }

  /** Pins `symbol`, or unpins it when it is already pinned. */
  togglePin(symbol: string): void {
    this.#pinned = this.#pinned?.symbol === symbol ? undefined : { symbol };
  }

  /** True when `symbol` is lit (any entry of it). */
  isLit(symbol: string): boolean {
    return covers(this.active, symbol);
  }

  /** True when exactly this entry is lit (a whole-symbol highlight counts for every entry). */
  isEntryLit(symbol: string, index: string): boolean {
    return covers(this.active, symbol, index);
  }
}

const [getHighlight, setHighlight] = createContext<HighlightState>();

/** Creates a widget's highlight state and shares it with the parts inside it (call in the widget's script). */
export function provideHighlight(): HighlightState {
  return setHighlight(new HighlightState());
}

/** The enclosing widget's highlight state, or a private one when a part is used on its own. */
export function useHighlight(): HighlightState {
  try {
    return getHighlight();
  } catch {
    return new HighlightState();
  }
}
