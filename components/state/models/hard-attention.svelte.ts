import { hardRead, mulberry32, softRead, tensor, traceCalls } from '~engine/index.ts';
import type { OpCall } from '~engine/registry.ts';
import { nextSeed } from '~lib/random/seeds.ts';
import { intField, matrixField, type StateOf, vectorField } from '~lib/url/state.ts';

/** Default scores e_1..e_4 (α ≈ 0.50, 0.30, 0.14, 0.06 after softmax). */
export const defaultHardScores = [1.2, 0.7, -0.05, -0.9];
/** Default encoder states h̄_1..h̄_4 (d = 2). */
export const defaultHardSources = [
  [1, 0],
  [0, 1],
  [-1, 0.5],
  [0.5, -1],
];
/** Largest number of draws. */
export const maxDraws = 5000;

/** The widget's link state: scores, states, seed and number of draws K. */
export const hardFields = {
  e: vectorField(defaultHardScores),
  H: matrixField(defaultHardSources),
  seed: intField(42, 0, 2 ** 31 - 1),
  K: intField(50, 1, maxDraws),
};

/** What the widget shows. */
export interface HardResult {
  /** Soft weights α = softmax(e) and the soft context Σ α_j h̄_j. */
  readonly alpha: number[];
  readonly soft: number[];
  /** The sampled positions (0-based), in draw order, and each draw's context h̄_s. */
  readonly positions: number[];
  /** Share of the K draws at each position. */
  readonly frequency: number[];
  /** Mean of the hard contexts over the K draws. */
  readonly meanHard: number[];
  /** (1/K) Σ_k ‖c_k − c_soft‖²: how far hard contexts scatter around the soft one. */
  readonly spread: number;
  /** Σ_j α_j ‖h̄_j − c_soft‖²: the spread's expected value. */
  readonly expectedSpread: number;
  /** After k draws (k = 1..K), the largest |frequency_j − α_j|. */
  readonly gap: number[];
  readonly calls: OpCall[];
}

const dist2 = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, k) => s + (v - (b[k] ?? 0)) ** 2, 0);

/**
 * K hard reads (engine `hardRead`, one mulberry32(seed) stream for all of
 * them, so a seed reproduces the draws) against the soft read of the same
 * scores.
 */
export function drawHard(e: readonly number[], H: readonly (readonly number[])[], seed: number, K: number): HardResult {
  const { result, calls } = traceCalls(() => {
    const eT = tensor([...e]);
    const HT = tensor(H.map((r) => [...r]));
    const soft = softRead(eT, HT);
    const rng = mulberry32(seed);
    const reads = Array.from({ length: K }, () => hardRead(eT, HT, rng));
    return {
      alpha: soft.alpha.toArray(),
      soft: soft.context.toArray(),
      positions: reads.map((r) => r.position ?? -1),
      contexts: reads.map((r) => r.context.toArray()),
    };
  });
  const m = e.length;
  const counts = new Array<number>(m).fill(0);
  const gap: number[] = [];
  result.positions.forEach((s, k) => {
    counts[s] = (counts[s] ?? 0) + 1;
    gap.push(Math.max(...counts.map((c, j) => Math.abs(c / (k + 1) - (result.alpha[j] ?? 0)))));
  });
  const d = result.soft.length;
  const meanHard = Array.from({ length: d }, (_, k) => result.contexts.reduce((s, c) => s + (c[k] ?? 0), 0) / K);
  return {
    alpha: result.alpha,
    soft: result.soft,
    positions: result.positions,
    frequency: counts.map((c) => c / K),
    meanHard,
    spread: result.contexts.reduce((s, c) => s + dist2(c, result.soft), 0) / K,
    expectedSpread: H.reduce((s, h, j) => s + (result.alpha[j] ?? 0) * dist2(h, result.soft), 0),
    gap,
    calls,
  };
}

/** The hard-attention widget's state. */
export class HardAttentionState {
  #e = $state([...defaultHardScores]);
  #H = $state(defaultHardSources.map((r) => [...r]));
  #seed = $state(42);
  #K = $state(50);

  /** Recomputed when scores, states, seed or K change. */
  readonly result: HardResult = $derived.by(() => drawHard(this.#e, this.#H, this.#seed, this.#K));

  get scores(): readonly number[] {
    return this.#e;
  }
  get sources(): readonly (readonly number[])[] {
    return this.#H;
  }
  get seed(): number {
    return this.#seed;
  }
  get K(): number {
    return this.#K;
  }

  /** Sets e_j. */
  setScore(j: number, value: number): void {
    if (j >= 0 && j < this.#e.length && Number.isFinite(value)) this.#e[j] = value;
  }
  /** Sets h̄_s[k]. */
  setSource(s: number, k: number, value: number): void {
    const row = this.#H[s];
    if (row && k >= 0 && k < row.length && Number.isFinite(value)) row[k] = value;
  }
  /** Sets the seed (a whole number 0..2³¹−1). */
  setSeed(seed: number): void {
    if (Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31) this.#seed = seed;
  }
  /** Sets the number of draws K (1..5000). */
  setDraws(K: number): void {
    if (Number.isFinite(K)) this.#K = Math.max(1, Math.min(maxDraws, Math.round(K)));
  }
  /** "Draw again": the next seed, so the link still reproduces the draws. */
  drawAgain(): void {
    this.#seed = nextSeed(this.#seed);
  }

  /** The whole state for the URL. */
  snapshot(): StateOf<typeof hardFields> {
    return { e: [...this.#e], H: this.#H.map((r) => [...r]), seed: this.#seed, K: this.#K };
  }
  /** Applies a validated state from the URL. */
  restore(s: StateOf<typeof hardFields>): void {
    this.#e = [...s.e];
    this.#H = s.H.map((r) => [...r]);
    this.setSeed(s.seed);
    this.setDraws(s.K);
  }
  /** Back to the defaults. */
  reset(): void {
    this.restore({ e: defaultHardScores, H: defaultHardSources, seed: 42, K: 50 } as StateOf<typeof hardFields>);
  }
}
