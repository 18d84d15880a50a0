/**
 * Toy step models for decoding tests: log-probabilities drawn from a seeded
 * generator keyed by the whole prefix, so every sequence over a small
 * vocabulary can be enumerated and scored from scratch.
 */
import { EOS_ID, logSoftmax, type StepModel } from '~engine/models/decode-search.ts';
import { mulberry32 } from '~engine/random.ts';

/** The toy's log p(· | prefix): logits uniform in [−scale, scale) from a seed hashed from the prefix. */
export function toyLogProbs(seed: number, vocab: number, prefix: readonly number[], scale = 3): number[] {
  let h = seed >>> 0;
  for (const t of prefix) h = Math.imul(h ^ (t + 1), 0x9e3779b1) >>> 0;
  const rng = mulberry32(h);
  return logSoftmax(Array.from({ length: vocab }, () => (rng() * 2 - 1) * scale));
}

/** A step model whose state is its prefix; no attention. */
export function toyModel(seed: number, vocab: number, scale = 3): StepModel<number[]> {
  return {
    vocab,
    initial: () => [],
    step(states, previous) {
      const next = states.map((s, r) => {
        const p = previous[r];
        return p === undefined ? [...s] : [...s, p];
      });
      return { logProbs: next.map((s) => toyLogProbs(seed, vocab, s, scale)), alphas: undefined, states: next };
    },
  };
}

/** Every finished output of at most maxLength tokens (<eos> last and nowhere else), with Σ log p scored from scratch. */
export function enumerate(
  score: (tokens: readonly number[]) => number,
  vocab: number,
  maxLength: number,
): { tokens: number[]; logProb: number }[] {
  const out: { tokens: number[]; logProb: number }[] = [];
  const grow = (prefix: number[]) => {
    if (prefix.length >= maxLength) return;
    for (let k = 0; k < vocab; k++) {
      const next = [...prefix, k];
      if (k === EOS_ID) out.push({ tokens: next, logProb: score(next) });
      else grow(next);
    }
  };
  grow([]);
  return out;
}

/** Σ log p of a whole token sequence under the toy, one prefix at a time (no search involved). */
export function toyScore(seed: number, vocab: number, scale = 3) {
  return (tokens: readonly number[]) =>
    tokens.reduce((s, t, i) => s + (toyLogProbs(seed, vocab, tokens.slice(0, i), scale)[t] as number), 0);
}
