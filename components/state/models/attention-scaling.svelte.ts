import { attentionWeights, matmul, mulberry32, randn, tensor, traceCalls } from '~engine/index.ts';
import type { OpCall } from '~engine/registry.ts';
import { intField, type StateOf } from '~lib/url/state.ts';

/** Number of keys the query is compared with. */
export const keyCount = 8;
/** Dimensions the sweep plot covers: 1, 2, 4, …, 512. */
export const sweepDims: readonly number[] = Array.from({ length: 10 }, (_, k) => 2 ** k);
/** Queries averaged per dimension in the sweep. */
export const sweepQueries = 32;

/** The scaling demo's link state: dimension `d` and the seed of the draw. */
export const scalingFields = {
  d: intField(64, 1, 512),
  s: intField(1, 0, 2 ** 31 - 1),
};

/** `rows` standard-normal rows of length d from one seeded stream (the query first, then the keys). */
export function normalRows(seed: number, rows: number, d: number): number[][] {
  const rng = mulberry32(seed);
  return Array.from({ length: rows }, () => Array.from({ length: d }, () => randn(rng)));
}

/** Shannon entropy in bits of a distribution (0·log 0 counts as 0). */
export function entropyBits(p: readonly number[]): number {
  let h = 0;
  for (const x of p) if (x > 0) h -= x * Math.log2(x);
  return h;
}

/** One draw's softmax with and without the 1/√d factor. */
export interface ScalingDraw {
  scores: number[];
  scaled: number[];
  raw: number[];
  calls: OpCall[];
}

/** Mean largest weight and mean entropy per dimension, scaled and unscaled. */
export interface SweepPoint {
  d: number;
  maxScaled: number;
  maxRaw: number;
  entropyScaled: number;
  entropyRaw: number;
}

const rowMax = (r: readonly number[]) => Math.max(...r);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Why attention divides by √d_k: a random query q and keys k_j with N(0, 1)
 * entries have dot products of variance d, so softmax(q·k_j) saturates as d
 * grows while softmax(q·k_j / √d) keeps the same spread at any d.
 */
export class ScalingState {
  #d = $state(64);
  #seed = $state(1);

  /** The query and keys for the current d and seed (row 0 is q). */
  readonly sample: number[][] = $derived(normalRows(this.#seed, keyCount + 1, this.#d));

  /** Scores q·k_j and both softmaxes, from the engine. */
  readonly draw: ScalingDraw = $derived.by(() => {
    const q = tensor([this.sample[0] as number[]]);
    const K = tensor(this.sample.slice(1));
    const { result, calls } = traceCalls(() => ({
      scores: matmul(q, K, { transposeB: true }).toArray(),
      scaled: attentionWeights(q, K, { scale: true }).toArray(),
      raw: attentionWeights(q, K, { scale: false }).toArray(),
    }));
    return { ...result, calls };
  });

  /** Mean max weight and entropy over `sweepQueries` queries per dimension, from the engine. */
  readonly sweep: SweepPoint[] = $derived.by(() =>
    sweepDims.map((d) => {
      const rows = normalRows((this.#seed + 7919 * d) >>> 0, sweepQueries + keyCount, d);
      const Q = tensor(rows.slice(0, sweepQueries));
      const K = tensor(rows.slice(sweepQueries));
      const scaled = attentionWeights(Q, K, { scale: true }).toRows();
      const raw = attentionWeights(Q, K, { scale: false }).toRows();
      return {
        d,
        maxScaled: mean(scaled.map(rowMax)),
        maxRaw: mean(raw.map(rowMax)),
        entropyScaled: mean(scaled.map(entropyBits)),
        entropyRaw: mean(raw.map(entropyBits)),
      };
    }),
  );

  get d(): number {
    return this.#d;
  }

  get seed(): number {
    return this.#seed;
  }

  /** Sets the dimension, clamped to 1…512. */
  setD(d: number): void {
    if (Number.isFinite(d)) this.#d = Math.min(512, Math.max(1, Math.round(d)));
  }

  /** A fresh draw. */
  redraw(): void {
    this.#seed = (this.#seed + 1) % 2 ** 31;
  }

  snapshot(): StateOf<typeof scalingFields> {
    return { d: this.#d, s: this.#seed };
  }

  restore(s: StateOf<typeof scalingFields>): void {
    this.#d = s.d;
    this.#seed = s.s;
  }

  reset(): void {
    this.#d = 64;
    this.#seed = 1;
  }
}
