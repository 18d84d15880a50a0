import type { Rng } from '../random.ts';
import type { Vocab } from './vocab.ts';

/** One example: source and target token sequences (without <sos>/<eos>). */
export interface Example {
  readonly source: readonly string[];
  readonly target: readonly string[];
}

/** A generated seq2seq task: vocabularies and a sampler driven by a seeded RNG. */
export interface Task {
  readonly name: string;
  readonly source: Vocab;
  readonly target: Vocab;
  /**
   * One example of the given size (what "size" counts is per task: digits
   * for reverse/copy, noun phrases for translate; dates ignore it).
   */
  sample(rng: Rng, size: number): Example;
  /** The correct target for a source (for checking decoded outputs). */
  solve(source: readonly string[]): string[];
}

/** A uniform integer in [lo, hi]. */
export function randInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** A uniform pick from a non-empty list. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}
