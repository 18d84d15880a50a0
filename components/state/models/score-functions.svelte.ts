import { luongScores, softmax, tensor, traceCalls } from '~engine/index.ts';
import type { OpCall } from '~engine/registry.ts';
import { matrixField, type StateOf, vectorField } from '~lib/url/state.ts';

/** The three Luong score functions, in the order the widget shows them. */
export const scoreKinds = ['dot', 'general', 'concat'] as const;
/** One of them. */
export type ScoreKind = (typeof scoreKinds)[number];

/** Default encoder states h̄_1..h̄_4 (rows, d = 3): two point like h_t, one away, one sideways. */
export const defaultSources = [
  [1, 0.2, 0],
  [0, 1, 0.3],
  [0.6, 0.6, -1],
  [-0.8, 0.4, 0.6],
];
/** Default decoder state h_t. */
export const defaultTarget = [1, 0.5, -0.4];
/** Default W_a of the general score: not the identity, so general and dot differ. */
export const defaultGeneral = [
  [0.2, 1.1, 0],
  [-0.6, 0.3, 0.9],
  [0.8, 0, 0.4],
];
/** Default W_a [3, 6] of the concat score (columns 1–3 read h_t, 4–6 read h̄_s). */
export const defaultConcatW = [
  [0.5, -0.3, 0.8, 0.9, 0.1, -0.5],
  [-0.7, 0.6, 0.2, -0.4, 0.8, 0.3],
  [0.3, 0.9, -0.6, 0.2, -0.9, 0.7],
];
/** Default v_a of the concat score. */
export const defaultConcatV = [1.2, -0.8, 1];

/** The widget's link state. */
export const scoreFields = {
  H: matrixField(defaultSources),
  h: vectorField(defaultTarget),
  G: matrixField(defaultGeneral),
  C: matrixField(defaultConcatW),
  v: vectorField(defaultConcatV),
};

/** Scores and softmax weights of one score function. */
export interface Weighting {
  readonly scores: number[];
  readonly alpha: number[];
}

const identity = (d: number) =>
  Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));

/**
 * The score-functions widget: one decoder state h_t, encoder states h̄_s,
 * and the three Luong scores (engine `luongScores`) with their softmax
 * weights side by side.
 */
export class ScoresState {
  #H = $state(defaultSources.map((r) => [...r]));
  #h = $state([...defaultTarget]);
  #G = $state(defaultGeneral.map((r) => [...r]));
  #C = $state(defaultConcatW.map((r) => [...r]));
  #v = $state([...defaultConcatV]);

  /** All three weightings, recomputed when any input changes. */
  readonly result: { byKind: Record<ScoreKind, Weighting>; calls: OpCall[] } = $derived.by(() => {
    const { result, calls } = traceCalls(() => {
      const h = tensor(this.#h);
      const H = tensor(this.#H);
      const one = (score: Parameters<typeof luongScores>[0]): Weighting => {
        const e = luongScores(score, h, H);
        return { scores: e.toArray(), alpha: softmax(e).toArray() };
      };
      return {
        dot: one({ kind: 'dot' }),
        general: one({ kind: 'general', W_a: tensor(this.#G) }),
        concat: one({ kind: 'concat', W_a: tensor(this.#C), v_a: tensor(this.#v) }),
      };
    });
    return { byKind: result, calls };
  });

  get sources(): readonly (readonly number[])[] {
    return this.#H;
  }
  get target(): readonly number[] {
    return this.#h;
  }
  get general(): readonly (readonly number[])[] {
    return this.#G;
  }
  get concatW(): readonly (readonly number[])[] {
    return this.#C;
  }
  get concatV(): readonly number[] {
    return this.#v;
  }

  /** True when the general W_a is exactly the identity (general = dot). */
  get generalIsIdentity(): boolean {
    return this.#G.every((r, i) => r.every((v, j) => v === (i === j ? 1 : 0)));
  }

  /** Sets h̄_{s}[k]. */
  setSource(s: number, k: number, value: number): void {
    const row = this.#H[s];
    if (row && k >= 0 && k < row.length && Number.isFinite(value)) row[k] = value;
  }
  /** Sets h_t[k]. */
  setTarget(k: number, value: number): void {
    if (k >= 0 && k < this.#h.length && Number.isFinite(value)) this.#h[k] = value;
  }
  /** Sets the general score's W_a[i][j]. */
  setGeneral(i: number, j: number, value: number): void {
    const row = this.#G[i];
    if (row && j >= 0 && j < row.length && Number.isFinite(value)) row[j] = value;
  }
  /** Sets the concat score's W_a[i][j]. */
  setConcatW(i: number, j: number, value: number): void {
    const row = this.#C[i];
    if (row && j >= 0 && j < row.length && Number.isFinite(value)) row[j] = value;
  }
  /** Sets the concat score's v_a[i]. */
  setConcatV(i: number, value: number): void {
    if (i >= 0 && i < this.#v.length && Number.isFinite(value)) this.#v[i] = value;
  }
  /** W_a = I for the general score: it then equals the dot score exactly. */
  setIdentity(): void {
    this.#G = identity(this.#h.length);
  }
  /** Multiplies h_t by `factor` (the "double the decoder state" experiment). */
  scaleTarget(factor: number): void {
    if (Number.isFinite(factor)) this.#h = this.#h.map((v) => v * factor);
  }

  /** The whole state for the URL. */
  snapshot(): StateOf<typeof scoreFields> {
    return {
      H: this.#H.map((r) => [...r]),
      h: [...this.#h],
      G: this.#G.map((r) => [...r]),
      C: this.#C.map((r) => [...r]),
      v: [...this.#v],
    };
  }
  /** Applies a validated state from the URL. */
  restore(s: StateOf<typeof scoreFields>): void {
    this.#H = s.H.map((r) => [...r]);
    this.#h = [...s.h];
    this.#G = s.G.map((r) => [...r]);
    this.#C = s.C.map((r) => [...r]);
    this.#v = [...s.v];
  }
  /** Back to the defaults. */
  reset(): void {
    this.restore({
      H: defaultSources,
      h: defaultTarget,
      G: defaultGeneral,
      C: defaultConcatW,
      v: defaultConcatV,
    } as StateOf<typeof scoreFields>);
  }
}
