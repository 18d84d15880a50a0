/**
 * A search for an input on which the lab's model decodes differently by
 * greedy decoding and by beam search (the decoding chapter's presets are
 * such inputs for the pretrained translator). Trained models agree on the
 * sizes they were trained on, so the search starts one size longer and
 * works down; examples are drawn from a fixed seed, so a search repeats.
 */
import { beamDecode, greedyDecode, mulberry32, type Seq2Seq, type Task } from '~engine/index.ts';
import type { DecodeSettings } from '~lib/decoding/run.ts';

/** Examples tried per size, and sizes tried (the longest first). */
const PER_SIZE = 20;
const SIZES = 3;
/** Examples come from this seed. */
export const DISAGREE_SEED = 4242;

/** What a search found: the first input where the two differ (null: none), its size and how many were tried. */
export interface Disagreement {
  readonly source: string[] | null;
  readonly size: number;
  readonly tried: number;
}

/** Tries examples of sizes hi + 1, hi, hi − 1 (within [lo, cap]) until greedy and beam (width, α) differ. */
export function findDisagreement(
  model: Seq2Seq,
  task: Task,
  sizes: readonly [number, number],
  cap: number,
  decode: Pick<DecodeSettings, 'width' | 'alpha'>,
): Disagreement {
  const [lo, hi] = sizes;
  const rng = mulberry32(DISAGREE_SEED);
  let tried = 0;
  let size = lo;
  for (let s = Math.min(hi + 1, cap); s >= Math.max(lo, hi + 1 - SIZES + 1); s--) {
    size = s;
    for (let k = 0; k < PER_SIZE; k++) {
      const example = task.sample(rng, s);
      const ids = task.source.encode(example.source);
      const maxLength = example.target.length + 3;
      tried++;
      const greedy = greedyDecode(model, [ids], maxLength)[0]?.ids ?? [];
      const beam = beamDecode(model, ids, decode.width, maxLength, decode.alpha).ids;
      if (greedy.join(',') !== beam.join(',')) return { source: [...example.source], size: s, tried };
    }
  }
  return { source: null, size, tried };
}
