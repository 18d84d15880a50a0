import { describe, expect, it } from 'vitest';
import { sampleDecode } from '~engine/models/decode-sample.ts';
import { beamSearch, EOS_ID, forcedDecode } from '~engine/models/decode-search.ts';
import { seq2seqStepModel } from '~engine/models/seq2seq-decode.ts';
import { importSeq2Seq } from '~engine/models/seq2seq-io.ts';
import { mulberry32 } from '~engine/random.ts';
import { translateTask } from '~engine/tasks/index.ts';
import { beamFixes, beamTooShort, easy } from '~lib/decoding/presets.ts';
import translate from '../../public/snapshots/translate-attention.json?raw';

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

/**
 * What the decoding chapter's prose reads off its widgets, checked against the committed weights, so that a
 * retrained snapshot cannot leave the text describing outputs the page no longer shows. The decodes use the
 * widgets' length limit (the correct translation's length + 4).
 */
describe("the decoding chapter's sentences about the translator", () => {
  const words = beamFixes.input.split(' ');
  const maxLength = task.solve(words).length + 4;
  const draw = (temperature: number, seed: number) => {
    const s = sampleDecode(stepModel(words), { temperature, seed, maxLength });
    return {
      logProb: s.logProb,
      text: task.target.decode(s.steps.map((x) => x.token).filter((t) => t !== EOS_ID)).join(' '),
    };
  };
  const correct = task.solve(words).join(' ');

  it('T = 1, seeds 1–5: four sentences, the correct one twice (−1.22), colour dropped (−2.79), voit → aime too (−2.42), fleur rouge (−3.59)', () => {
    const s = [1, 2, 3, 4, 5].map((seed) => draw(1, seed));
    expect(new Set(s.map((x) => x.text)).size).toBe(4);
    const at = (logProb: number) => s.filter((x) => Math.abs(x.logProb - logProb) < 0.005);
    expect(at(-1.222).map((x) => x.text)).toEqual([correct, correct]);
    expect(at(-2.787)[0]?.text).toBe(correct.replace('fleur bleue voit', 'fleur voit'));
    expect(at(-2.417)[0]?.text).toBe(correct.replace('fleur bleue voit', 'fleur aime'));
    expect(at(-3.593)[0]?.text).toBe(correct.replace('fleur bleue', 'fleur rouge'));
  });

  it("T = 0.3: only the two likeliest sentences, greedy's 'fleur verte' three times out of five", () => {
    const s = [1, 2, 3, 4, 5].map((seed) => draw(0.3, seed).text);
    expect(new Set(s).size).toBe(2);
    expect(s.filter((x) => x === greedy(words).join(' '))).toHaveLength(3);
    expect(greedy(words).join(' ')).toContain('fleur verte');
  });

  it("T = 2: one of the five repeats 'blanc' three times, at log p ≈ −39", () => {
    const hit = [1, 2, 3, 4, 5].map((seed) => draw(2, seed)).filter((x) => x.text.includes('blanc blanc blanc'));
    expect(hit).toHaveLength(1);
    expect(Math.round(hit[0]?.logProb ?? 0)).toBe(-39);
  });

  it("exposure bias: forcing 'le' gives 'le grand livre rouge … la petit chien rouge' at log p ≈ −14 (free: −0.004); 'la grande maison' stays local", () => {
    const e = easy.input.split(' ');
    const m = stepModel(e);
    const text = (d: ReturnType<typeof forcedDecode>) =>
      task.target.decode(d.steps.map((x) => x.token).filter((t) => t !== EOS_ID)).join(' ');
    const max = task.solve(e).length + 4;
    const free = forcedDecode(m, [], max);
    expect(free.logProb.toFixed(3)).toBe('-0.004');
    const le = forcedDecode(m, task.target.encode(['le']), max);
    expect(text(le)).toMatch(/^le grand livre rouge .*la petit chien rouge/);
    expect(Math.round(le.logProb)).toBe(-14);
    const house = forcedDecode(m, task.target.encode(['la', 'grande', 'maison']), max);
    expect(text(house)).toBe('la grande maison rouge voit le petit chien');
  });
});
