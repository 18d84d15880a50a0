import { describe, expect, it } from 'vitest';
import translate from '../../public/snapshots/translate-attention.json?raw';
import { sampleDecode } from '../../src/engine/models/decode-sample.ts';
import { beamSearch, EOS_ID, forcedDecode } from '../../src/engine/models/decode-search.ts';
import { seq2seqStepModel } from '../../src/engine/models/seq2seq-decode.ts';
import { importSeq2Seq } from '../../src/engine/models/seq2seq-io.ts';
import { mulberry32 } from '../../src/engine/random.ts';
import { translateTask } from '../../src/engine/tasks/index.ts';
import { beamFixes, beamTooShort, easy } from '../../src/lib/decoding-presets.ts';

const task = translateTask();
const { model } = importSeq2Seq(translate, { sourceVocab: task.source.size, targetVocab: task.target.size });
const stepModel = (words: readonly string[]) => seq2seqStepModel(model, task.source.encode(words));
const greedy = (words: readonly string[]) =>
  task.target.decode(
    forcedDecode(stepModel(words), [], words.length + 4)
      .steps.map((s) => s.token)
      .filter((t) => t !== EOS_ID),
  );
const beam = (words: readonly string[], width: number, alpha: number) =>
  beamSearch(stepModel(words), { width, maxLength: words.length + 4, alpha }).hypotheses[0];

describe('decoding the pretrained translator', () => {
  it('a search over 40 sampled five-phrase sentences finds inputs where greedy and beam (width 3) disagree', () => {
    const rng = mulberry32(5);
    let disagree = 0;
    for (let k = 0; k < 40; k++) {
      const { source } = task.sample(rng, 5);
      if (greedy(source).join(' ') !== task.target.decode(beam(source, 3, 0)?.ids ?? []).join(' ')) disagree++;
    }
    expect(disagree).toBeGreaterThan(0);
  });

  it('preset "beam repairs a colour": greedy says "fleur verte", beam (width 3) says "fleur bleue" as the grammar does', () => {
    const words = beamFixes.input.split(' ');
    const b = beam(words, 3, 0);
    expect(greedy(words).join(' ')).toContain('fleur verte');
    expect(task.target.decode(b?.ids ?? [])).toEqual(task.solve(words));
  });

  it('preset "beam cuts it short": beam with α = 0 returns fewer words than greedy, α = 1 returns greedy\'s output', () => {
    const words = beamTooShort.input.split(' ');
    const g = greedy(words);
    expect(beam(words, 3, 0)?.ids.length).toBeLessThan(g.length - 4);
    expect(task.target.decode(beam(words, 3, 1)?.ids ?? [])).toEqual(g);
  });

  it('preset "an easy sentence": greedy, beam and samples at T = 1 all give the grammar\'s translation', () => {
    const words = easy.input.split(' ');
    const truth = task.solve(words);
    expect(greedy(words)).toEqual(truth);
    expect(task.target.decode(beam(words, 3, 0)?.ids ?? [])).toEqual(truth);
    for (const seed of [1, 2, 3]) {
      const s = sampleDecode(stepModel(words), { temperature: 1, seed, maxLength: 12 });
      expect(task.target.decode(s.steps.map((x) => x.token).filter((t) => t !== EOS_ID))).toEqual(truth);
    }
  });
});
