import { describe, expect, it } from 'vitest';
import { sampleDecode, samplingDistribution } from '~engine/models/decode-sample.ts';
import { EOS_ID, forcedDecode, logSoftmax } from '~engine/models/decode-search.ts';
import { decoderStep, encode, initialState, type Seq2Seq } from '~engine/models/seq2seq.ts';
import { seq2seqStepModel } from '~engine/models/seq2seq-decode.ts';
import { initSeq2Seq, type Seq2SeqConfig } from '~engine/models/seq2seq-params.ts';
import { mulberry32 } from '~engine/random.ts';
import { reverseTask, toBatch } from '~engine/tasks/index.ts';
import { teacherForced } from '~engine/train/seq2seq-loss.ts';
import { toyLogProbs, toyModel } from './decode-toy.ts';
import { addN, matmulN, nd, softmaxN } from './grad-reference.ts';
import { close } from './tolerance.ts';

const task = reverseTask();
const config: Seq2SeqConfig = {
  sourceVocab: task.source.size,
  targetVocab: task.target.size,
  embed: 4,
  hidden: 3,
  encoder: 'gru',
  attention: 'bahdanau',
};
const m: Seq2Seq = { config, params: initSeq2Seq(config, mulberry32(3)) };

/** Pearson's χ² of observed counts against expected probabilities (cells with p = 0 must be empty). */
function chiSquare(counts: readonly number[], p: readonly number[], n: number): number {
  let x = 0;
  p.forEach((pk, k) => {
    if (pk === 0) expect(counts[k]).toBe(0);
    else x += ((counts[k] ?? 0) - n * pk) ** 2 / (n * pk);
  });
  return x;
}

/** Upper 0.1 % points of χ² (significance level 0.001), by degrees of freedom (standard tables). */
const CHI2_999: Readonly<Record<number, number>> = { 1: 10.828, 2: 13.816, 3: 16.266, 4: 18.467, 5: 20.515 };

describe('samplingDistribution', () => {
  const lp = logSoftmax([2, 1, 0.5, 0, -1, -3]);
  it('samplingDistribution at T = 1 with no cut is softmax itself; at T = 0 it is one-hot on the argmax', () => {
    samplingDistribution(lp, { temperature: 1 }).forEach((q, k) => {
      expect(close(q, Math.exp(lp[k] as number), { rtol: 1e-12, atol: 1e-15 })).toBe(true);
    });
    expect(samplingDistribution(lp, { temperature: 0 })).toEqual([1, 0, 0, 0, 0, 0]);
  });

  it('samplingDistribution(T) is softmax(log p / T) in float64; top-k and top-p keep the likeliest and renormalise', () => {
    const T = 0.5;
    const ref = (() => {
      const e = lp.map((v) => Math.exp(v / T));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    })();
    samplingDistribution(lp, { temperature: T }).forEach((q, k) => {
      expect(close(q, ref[k] as number, { rtol: 1e-12, atol: 1e-15 })).toBe(true);
    });
    const top2 = samplingDistribution(lp, { temperature: T, topK: 2 });
    expect(top2.slice(2).every((q) => q === 0)).toBe(true);
    expect(top2[0]).toBeCloseTo((ref[0] as number) / ((ref[0] as number) + (ref[1] as number)), 12);
    // ref ≈ [0.84, 0.11, 0.04, …]: p = 0.9 needs the first two tokens, p = 0.5 only the first.
    expect(samplingDistribution(lp, { temperature: T, topP: 0.9 }).filter((q) => q > 0)).toHaveLength(2);
    expect(samplingDistribution(lp, { temperature: T, topP: 0.5 })).toEqual([1, 0, 0, 0, 0, 0]);
  });

  it('samplingDistribution refuses NaN, negative or infinite temperatures and top-p outside (0, 1]', () => {
    for (const temperature of [Number.NaN, -1, Number.POSITIVE_INFINITY])
      expect(() => samplingDistribution(lp, { temperature })).toThrow(/temperature/);
    expect(() => samplingDistribution(lp, { temperature: 1, topP: 0 })).toThrow(/top-p/);
  });
});

describe('sampleDecode', () => {
  it('sampleDecode with the same seed gives the same output; other seeds give others', () => {
    const model = seq2seqStepModel(m, task.source.encode(['1', '2', '3']));
    const a = sampleDecode(model, { temperature: 1.5, seed: 42, maxLength: 8 });
    const b = sampleDecode(model, { temperature: 1.5, seed: 42, maxLength: 8 });
    expect(b.steps.map((s) => s.token)).toEqual(a.steps.map((s) => s.token));
    expect(b.logProb).toBe(a.logProb);
    const outputs = new Set(
      Array.from({ length: 20 }, (_, s) =>
        sampleDecode(model, { temperature: 1.5, seed: s, maxLength: 8 })
          .steps.map((x) => x.token)
          .join(','),
      ),
    );
    expect(outputs.size).toBeGreaterThan(5);
  });

  it('sampleDecode with T → 0 (1e-6 and 0) equals greedy decoding for every seed', () => {
    for (const digits of [
      ['1', '2', '3'],
      ['9', '9'],
      ['4', '0', '7', '1'],
    ]) {
      const model = seq2seqStepModel(m, task.source.encode(digits));
      const greedy = forcedDecode(model, [], 8).steps.map((s) => s.token);
      for (const seed of [0, 1, 2, 3, 4])
        for (const temperature of [1e-6, 0])
          expect(sampleDecode(model, { temperature, seed, maxLength: 8 }).steps.map((s) => s.token)).toEqual(greedy);
    }
  });

  // A deterministic seed range, so the test cannot flake; the level says how rarely a correct sampler would fail it.
  for (const rule of [{ temperature: 1 }, { temperature: 0.7, topP: 0.95 }, { temperature: 2, topK: 4 }]) {
    it(`sampleDecode's first tokens over 20 000 seeds match samplingDistribution (χ² test at significance 0.001, ${JSON.stringify(rule)})`, () => {
      const V = 6;
      const model = toyModel(9, V, 1.5);
      const q = samplingDistribution(toyLogProbs(9, V, [], 1.5), rule);
      const n = 20_000;
      const counts = new Array<number>(V).fill(0);
      for (let seed = 0; seed < n; seed++) {
        const t = sampleDecode(model, { ...rule, seed, maxLength: 1 }).steps[0]?.token as number;
        counts[t] = (counts[t] ?? 0) + 1;
      }
      const df = q.filter((x) => x > 0).length - 1;
      expect(chiSquare(counts, q, n)).toBeLessThan(CHI2_999[df] as number);
    });
  }

  it("sampleDecode's second tokens given the first match q(· | y₁) (χ² at 0.001): the rng carries across steps", () => {
    const V = 4;
    const model = toyModel(21, V, 1);
    const n = 20_000;
    const counts = new Array<number>(V).fill(0);
    let given = 0;
    for (let seed = 0; seed < n; seed++) {
      const s = sampleDecode(model, { temperature: 1, seed, maxLength: 2 }).steps;
      if (s[0]?.token !== 0 || s[1] === undefined) continue;
      given++;
      counts[s[1].token] = (counts[s[1].token] ?? 0) + 1;
    }
    const q = toyLogProbs(21, V, [0], 1).map(Math.exp);
    expect(given).toBeGreaterThan(1000);
    expect(chiSquare(counts, q, given)).toBeLessThan(CHI2_999[V - 1] as number);
  });
});

describe('decoder step as a language model', () => {
  it('seq2seqStepModel: per-step softmax equals a float64 readout of the same features (widget tolerance)', () => {
    const src = task.source.encode(['2', '7', '1']);
    const enc = encode(m, [src]);
    const step = decoderStep(enc, initialState(enc), [1]);
    const W = m.params['decoder.out.weight'];
    const b = m.params['decoder.out.bias'];
    if (W === undefined || b === undefined) throw new Error('readout weights missing');
    const f = step.features;
    const logits = addN(
      matmulN(nd([...f.shape], f.values()), nd([...W.shape], W.values()), false, true),
      nd([1, b.shape[0] as number], b.values()),
    );
    const ref = softmaxN(logits, 1).data;
    const got = seq2seqStepModel(m, src).step([seq2seqStepModel(m, src).initial()], [undefined]).logProbs[0] ?? [];
    got.forEach((lp, k) => {
      expect(close(Math.exp(lp), ref[k] as number)).toBe(true);
    });
  });

  it("forcedDecode's Σ log p of a whole output equals the training loss's teacher-forced cross-entropy × N", () => {
    const source = ['6', '3', '9', '1'];
    const target = task.solve(source);
    const ids = task.target.encode(target);
    const r = forcedDecode(seq2seqStepModel(m, task.source.encode(source)), [...ids, EOS_ID], 0);
    const batch = toBatch(task, [{ source, target }]);
    const loss = teacherForced(m, batch).loss.at();
    expect(r.steps).toHaveLength(ids.length + 1);
    expect(close(-r.logProb / r.steps.length, loss)).toBe(true);
    expect(close(r.perplexity, Math.exp(loss))).toBe(true);
  });
});
