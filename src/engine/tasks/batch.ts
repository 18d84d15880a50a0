import type { Rng } from '../random.ts';
import type { Example, Task } from './task.ts';

/**
 * A batch of examples as padded id rows (rows = examples). Source rows are
 * padded with <pad> (0) to the longest source; decoder inputs are
 * <sos> y₁ … yₙ and targets y₁ … yₙ <eos>, padded to the longest target.
 */
export interface Batch {
  readonly examples: readonly Example[];
  /** [B][S] source ids. */
  readonly source: readonly number[][];
  /** Real (non-pad) source length per row. */
  readonly sourceLengths: readonly number[];
  /** [B][T] decoder inputs, starting with <sos>. */
  readonly decoderInput: readonly number[][];
  /** [B][T] targets, ending with <eos>; <pad> (0) where the row has ended. */
  readonly target: readonly number[][];
}

const padTo = (row: number[], n: number) => [...row, ...new Array<number>(n - row.length).fill(0)];

/** Packs examples into a Batch using the task's vocabularies. */
export function toBatch(task: Task, examples: readonly Example[]): Batch {
  const src = examples.map((e) => task.source.encode(e.source));
  const tgt = examples.map((e) => task.target.encode(e.target));
  const S = Math.max(1, ...src.map((r) => r.length));
  const T = Math.max(...tgt.map((r) => r.length)) + 1;
  return {
    examples,
    source: src.map((r) => padTo(r, S)),
    sourceLengths: src.map((r) => r.length),
    decoderInput: tgt.map((r) => padTo([1, ...r], T)),
    target: tgt.map((r) => padTo([...r, 2], T)),
  };
}

/** `size` examples, each of a size drawn uniformly from `sizes` (one number fixes it). */
export function sampleBatch(task: Task, rng: Rng, size: number, sizes: number | readonly [number, number]): Batch {
  const [lo, hi] = typeof sizes === 'number' ? [sizes, sizes] : sizes;
  const examples = Array.from({ length: size }, () => task.sample(rng, lo + Math.floor(rng() * (hi - lo + 1))));
  return toBatch(task, examples);
}
