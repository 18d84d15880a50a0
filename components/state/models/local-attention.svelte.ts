import { localRead, luongScores, softRead, tensor, traceCalls } from '~engine/index.ts';
import type { OpCall } from '~engine/registry.ts';
import { flagField, intField, matrixField, type StateOf, vectorField } from '~lib/url/state.ts';

/** Default encoder states h̄_1..h̄_8 (d = 2), a source long enough for a window to matter. */
export const defaultLocalSources = [
  [0.9, 0.1],
  [0.2, 0.8],
  [-0.5, 0.6],
  [1.2, -0.3],
  [0.4, 0.4],
  [-0.9, -0.2],
  [0.7, 0.9],
  [0.1, -1],
];
/** Default decoder state h_t. */
export const defaultLocalTarget = [1.5, 0.5];
const m = defaultLocalSources.length;

/** The widget's link state: window center p (1-based), half-width D, Gaussian flag, states. */
export const localFields = {
  p: intField(5, 1, m),
  D: intField(1, 0, m - 1),
  g: flagField(false),
  H: matrixField(defaultLocalSources),
  h: vectorField(defaultLocalTarget),
};

/** Weights and context of one read. */
export interface ReadView {
  readonly alpha: number[];
  readonly context: number[];
}

/**
 * Global vs local attention on the same dot scores e_s = h_tᵀ h̄_s: global
 * reads every position (engine `softRead`), local only s ∈ [p − D, p + D]
 * (engine `localRead`, optionally with the Gaussian falloff).
 */
export class LocalAttentionState {
  #p = $state(localFields.p.fallback());
  #D = $state(localFields.D.fallback());
  #g = $state(false);
  #H = $state(defaultLocalSources.map((r) => [...r]));
  #h = $state([...defaultLocalTarget]);

  /** Scores and both reads, recomputed when an input changes. */
  readonly result: { scores: number[]; global: ReadView; local: ReadView; calls: OpCall[] } = $derived.by(() => {
    const { result, calls } = traceCalls(() => {
      const H = tensor(this.#H);
      const e = luongScores({ kind: 'dot' }, tensor(this.#h), H);
      const g = softRead(e, H);
      const l = localRead(e, H, { center: this.#p - 1, halfWidth: this.#D, gaussian: this.#g });
      const view = (r: typeof g): ReadView => ({ alpha: r.alpha.toArray(), context: r.context.toArray() });
      return { scores: e.toArray(), global: view(g), local: view(l) };
    });
    return { ...result, calls };
  });

  get p(): number {
    return this.#p;
  }
  get D(): number {
    return this.#D;
  }
  get gaussian(): boolean {
    return this.#g;
  }
  get sources(): readonly (readonly number[])[] {
    return this.#H;
  }
  get target(): readonly number[] {
    return this.#h;
  }
  /** Number of source positions. */
  get length(): number {
    return this.#H.length;
  }
  /** The window's 1-based positions, clipped to the source. */
  get window(): [number, number] {
    return [Math.max(1, this.#p - this.#D), Math.min(this.#H.length, this.#p + this.#D)];
  }

  /** Moves the center p (1-based, clamped). */
  setCenter(p: number): void {
    if (Number.isFinite(p)) this.#p = Math.max(1, Math.min(this.#H.length, Math.round(p)));
  }
  /** Sets the half-width D (clamped to 0..m−1). */
  setHalfWidth(D: number): void {
    if (Number.isFinite(D)) this.#D = Math.max(0, Math.min(this.#H.length - 1, Math.round(D)));
  }
  /** Turns the Gaussian falloff on or off. */
  setGaussian(on: boolean): void {
    this.#g = on;
  }
  /** Sets h̄_s[k]. */
  setSource(s: number, k: number, value: number): void {
    const row = this.#H[s];
    if (row && k >= 0 && k < row.length && Number.isFinite(value)) row[k] = value;
  }
  /** Sets h_t[k]. */
  setTarget(k: number, value: number): void {
    if (k >= 0 && k < this.#h.length && Number.isFinite(value)) this.#h[k] = value;
  }

  /** The whole state for the URL. */
  snapshot(): StateOf<typeof localFields> {
    return { p: this.#p, D: this.#D, g: this.#g, H: this.#H.map((r) => [...r]), h: [...this.#h] };
  }
  /** Applies a validated state from the URL. */
  restore(s: StateOf<typeof localFields>): void {
    this.#H = s.H.map((r) => [...r]);
    this.#h = [...s.h];
    this.setCenter(s.p);
    this.setHalfWidth(s.D);
    this.#g = s.g;
  }
  /** Back to the defaults. */
  reset(): void {
    this.restore({ p: 5, D: 1, g: false, H: defaultLocalSources, h: defaultLocalTarget } as StateOf<
      typeof localFields
    >);
  }
}
