import { describe, expect, it } from 'vitest';
import { beamSearch, EOS_ID, forcedDecode, lengthNorm, pathTo, type StepModel } from '~engine/models/decode-search.ts';
import type { Seq2Seq } from '~engine/models/seq2seq.ts';
import { greedyDecode, seq2seqStepModel } from '~engine/models/seq2seq-decode.ts';
import { initSeq2Seq, type Seq2SeqConfig } from '~engine/models/seq2seq-params.ts';
import { mulberry32 } from '~engine/random.ts';
import { reverseTask } from '~engine/tasks/index.ts';
import { enumerate, toyModel, toyScore } from './decode-toy.ts';

/** The same beam rule written naively: every extension of every live prefix, each scored from scratch. */
function naiveBeam(
  score: (t: readonly number[]) => number,
  V: number,
  width: number,
  maxLength: number,
  alpha: number,
) {
  let live: number[][] = [[]];
  const finished: { tokens: number[]; score: number }[] = [];
  let bestFinished = Number.NEGATIVE_INFINITY;
  for (let step = 0; step < maxLength && live.length > 0; step++) {
    const candidates = live.flatMap((p) =>
      Array.from({ length: V }, (_, k) => ({ tokens: [...p, k], logProb: score([...p, k]) })),
    );
    candidates.sort((a, b) => b.logProb - a.logProb);
    const next: { tokens: number[]; logProb: number }[] = [];
    for (const c of candidates.slice(0, width)) {
      if (c.tokens[c.tokens.length - 1] === EOS_ID) {
        const s = c.logProb / lengthNorm(c.tokens.length, alpha);
        finished.push({ tokens: c.tokens, score: s });
        bestFinished = Math.max(bestFinished, s);
      } else next.push(c);
    }
    live = next.filter((c) => c.logProb / lengthNorm(maxLength, alpha) > bestFinished).map((c) => c.tokens);
  }
  finished.sort((a, b) => b.score - a.score);
  return finished[0];
}

const task = reverseTask();
const tiny = (attention: 'bahdanau' | 'none'): Seq2Seq => {
  const config: Seq2SeqConfig = {
    sourceVocab: task.source.size,
    targetVocab: task.target.size,
    embed: 4,
    hidden: 3,
    encoder: 'gru',
    attention,
  };
  return { config, params: initSeq2Seq(config, mulberry32(7)) };
};
const strip = (tokens: readonly number[]) => tokens.filter((t) => t !== EOS_ID);

describe('beamSearch', () => {
  for (const alpha of [0, 0.6, 1]) {
    it(`beamSearch with width ≥ every candidate finds the brute-force best output and score (V = 4, length ≤ 5, α = ${alpha})`, () => {
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        const V = 4;
        const all = enumerate(toyScore(seed, V), V, 5).map((o) => ({
          ...o,
          score: o.logProb / lengthNorm(o.tokens.length, alpha),
        }));
        all.sort((a, b) => b.score - a.score);
        const best = all[0];
        const r = beamSearch(toyModel(seed, V), { width: V ** 5, maxLength: 5, alpha });
        const top = r.hypotheses[0];
        expect(top?.ids).toEqual(strip(best?.tokens ?? []));
        expect(top?.score).toBeCloseTo(best?.score ?? 0, 12);
        expect(top?.logProb).toBeCloseTo(best?.logProb ?? 0, 12);
      }
    });
  }

  it('beamSearch(width 2 and 3) equals a naive beam that scores every extension from scratch (V = 5, length ≤ 6)', () => {
    for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
      for (const width of [2, 3]) {
        for (const alpha of [0, 0.7]) {
          const ref = naiveBeam(toyScore(seed, 5), 5, width, 6, alpha);
          const top = beamSearch(toyModel(seed, 5), { width, maxLength: 6, alpha }).hypotheses[0];
          expect(top?.ids, `seed ${seed}, width ${width}, α ${alpha}`).toEqual(strip(ref?.tokens ?? []));
          expect(top?.score).toBeCloseTo(ref?.score ?? 0, 12);
        }
      }
    }
  });

  it('beamSearch on a seq2seq model with width ≥ every candidate equals exhaustive enumeration through the model', () => {
    for (const attention of ['bahdanau', 'none'] as const) {
      const m = tiny(attention);
      const src = task.source.encode(['3', '1']);
      const scoreOf = (tokens: readonly number[]) => forcedDecode(seq2seqStepModel(m, src), tokens, 0).logProb;
      const V = task.target.size;
      const all = enumerate(scoreOf, V, 3).sort((a, b) => b.logProb - a.logProb);
      const top = beamSearch(seq2seqStepModel(m, src), { width: V ** 3, maxLength: 3 }).hypotheses[0];
      expect(top?.ids).toEqual(strip(all[0]?.tokens ?? []));
      expect(Math.abs((top?.logProb ?? 0) - (all[0]?.logProb ?? 0))).toBeLessThan(1e-5);
    }
  });

  it('beamSearch with width 1 equals greedy decoding, token for token', () => {
    const m = tiny('bahdanau');
    for (const digits of [['3', '1', '4'], ['9', '2', '6', '5'], ['7']]) {
      const src = task.source.encode(digits);
      const greedy = greedyDecode(m, [src], 6)[0];
      const beam = beamSearch(seq2seqStepModel(m, src), { width: 1, maxLength: 6 }).hypotheses[0];
      expect(beam?.ids).toEqual(greedy?.ids);
    }
  });

  it("beamSearch's tree: every node's Σ log p equals teacher-forced scoring of its path, statuses are consistent", () => {
    const m = tiny('bahdanau');
    const src = task.source.encode(['5', '8', '2']);
    const model = seq2seqStepModel(m, src);
    const r = beamSearch(model, { width: 3, maxLength: 5, alpha: 0.5 });
    for (const node of r.tree) {
      const path = pathTo(r.tree, node.id).map((n) => n.token);
      const forced = forcedDecode(model, path, 0);
      expect(Math.abs(node.logProb - forced.logProb)).toBeLessThan(1e-5 * (1 + Math.abs(forced.logProb)));
      expect(node.score).toBeCloseTo(node.logProb / lengthNorm(path.length, 0.5), 12);
      expect(node.alpha).toHaveLength(3);
    }
    for (let step = 0; step < r.steps; step++) {
      const atStep = r.tree.filter((n) => n.step === step);
      const chosen = atStep.filter((n) => n.status !== 'pruned');
      expect(chosen.length).toBeLessThanOrEqual(3);
      const worstChosen = Math.min(...chosen.map((n) => n.logProb));
      for (const n of atStep.filter((x) => x.status === 'pruned')) expect(n.logProb).toBeLessThanOrEqual(worstChosen);
    }
    const best = r.hypotheses[0];
    expect(r.tree[best?.node ?? 0]?.status).toBe(best?.finished ? 'finished' : 'kept');
  });

  it('beamSearch refuses width 0 and a negative α', () => {
    const m: StepModel<number[]> = toyModel(1, 4);
    expect(() => beamSearch(m, { width: 0, maxLength: 3 })).toThrow(/width/);
    expect(() => beamSearch(m, { width: 2, maxLength: 3, alpha: -1 })).toThrow(/α/);
  });
});

describe('forcedDecode', () => {
  it('forcedDecode with no prefix is greedy; its perplexity is exp(−Σ log p / N)', () => {
    const m = tiny('bahdanau');
    const src = task.source.encode(['4', '4', '1']);
    const free = forcedDecode(seq2seqStepModel(m, src), [], 6);
    expect(strip(free.steps.map((s) => s.token))).toEqual(greedyDecode(m, [src], 6)[0]?.ids);
    expect(free.perplexity).toBeCloseTo(Math.exp(-free.logProb / free.steps.length), 12);
    expect(free.steps.every((s) => !s.forced)).toBe(true);
  });

  it('forcedDecode keeps the given prefix, then continues from it', () => {
    const m = tiny('bahdanau');
    const src = task.source.encode(['4', '4', '1']);
    const r = forcedDecode(seq2seqStepModel(m, src), [5, 6], 6);
    expect(r.steps.slice(0, 2).map((s) => [s.token, s.forced])).toEqual([
      [5, true],
      [6, true],
    ]);
    expect(r.steps.slice(2).every((s) => !s.forced)).toBe(true);
  });
});
