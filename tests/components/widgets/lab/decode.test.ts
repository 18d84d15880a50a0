import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  beamSearch,
  EOS_ID,
  forcedDecode,
  importSeq2Seq,
  sampleDecode,
  seq2seqStepModel,
  taskByName,
} from '~engine/index.ts';
import { beamFixes } from '~lib/decoding/presets.ts';
import { type DecodeSettings, defaultDecodeSettings } from '~lib/decoding/run.ts';
import type { FromWorker, ToWorker } from '~components/widgets/lab/protocol.ts';
import { LabSession } from '~components/widgets/lab/session.ts';
import { defaultSettings, LabState } from '~components/widgets/lab/training-lab.svelte.ts';
import { close } from '../../../engine/tolerance.ts';

/**
 * The lab decodes its trained model with the decoding chapter's controls. Each case loads a committed snapshot
 * into a LabSession (as the worker does) and checks what it would post against the engine run directly on the
 * same file in Node, and against teacher-forced scoring of each output, a second path through the model.
 */
function loaded(snapshot: string) {
  const text = readFileSync(`public/snapshots/${snapshot}.json`, 'utf8');
  const out: FromWorker[] = [];
  const s = new LabSession((m) => out.push(structuredClone(m)));
  // The page always configures first (with its defaults); the import then replaces the settings with the file's.
  s.handle({ type: 'configure', settings: defaultSettings });
  s.handle({ type: 'import', text, origin: 'test' });
  const imported = out.find((m) => m.type === 'imported');
  if (imported?.type !== 'imported') throw new Error(`${snapshot} did not load: ${JSON.stringify(out.at(-1))}`);
  const task = taskByName(imported.settings.task);
  const { model } = importSeq2Seq(text, { sourceVocab: task.source.size, targetVocab: task.target.size });
  const find = (settings: DecodeSettings) => {
    s.handle({ type: 'find-disagreement', settings } satisfies ToWorker);
    const d = out.findLast((m) => m.type === 'disagreement');
    if (d?.type !== 'disagreement') throw new Error('no search result');
    return d;
  };
  const decode = (source: string[], settings: DecodeSettings) => {
    s.handle({ type: 'decode', source, settings } satisfies ToWorker);
    const d = out.findLast((m) => m.type === 'decoded');
    if (d?.type !== 'decoded') throw new Error('no decode');
    return d;
  };
  const stepModel = (source: readonly string[]) => seq2seqStepModel(model, task.source.encode(source));
  /** Σ log p of `tokens` then <eos>, teacher-forced through the model. */
  const score = (source: readonly string[], tokens: readonly string[]) =>
    forcedDecode(stepModel(source), [...task.target.encode(tokens), EOS_ID], 0).logProb;
  return { decode, find, stepModel, score, task, out };
}

const beam3: DecodeSettings = { ...defaultDecodeSettings, method: 'beam', width: 3, alpha: 0 };

describe('the lab decodes with the chapter controls', () => {
  const translate = loaded('translate-attention');
  const words = beamFixes.input.split(' ');

  it('beam (width 3) on the lab-loaded translator: greedy says "fleur verte", beam the grammar\'s "fleur bleue", as in the chapter', () => {
    const d = translate.decode(words, beam3);
    expect(d.greedy.tokens.join(' ')).toContain('fleur verte');
    expect(d.chosen.method).toBe('beam');
    expect(d.chosen.tokens).toEqual(translate.task.solve(words));
    expect(close(d.chosen.logProb, translate.score(words, d.chosen.tokens))).toBe(true);
    const n = d.chosen.tokens.length + 1;
    expect(close(d.chosen.perplexity, Math.exp(-d.chosen.logProb / n))).toBe(true);
    // Greedy's output is less likely than beam's: that is why beam keeps the runner-up.
    expect(d.greedy.logProb).toBeLessThan(d.chosen.logProb);
  });

  it("beam's tree as posted: the engine's beamSearch node for node, each Σ log p its path's teacher-forced score", () => {
    const d = translate.decode(words, beam3);
    const tree = d.chosen.beam?.tree ?? [];
    const maxLength = translate.task.solve(words).length + 3;
    const ref = beamSearch(translate.stepModel(words), { width: 3, maxLength, alpha: 0 });
    expect(tree.length).toBe(ref.tree.length);
    expect(d.chosen.beam?.steps).toBe(ref.steps);
    expect(d.chosen.beam?.best).toBe(ref.hypotheses[0]?.node);
    tree.forEach((node, k) => {
      const r = ref.tree[k];
      expect([node.parent, node.step, node.token, node.status]).toEqual([r?.parent, r?.step, r?.token, r?.status]);
      expect(node.logProb).toBe(r?.logProb);
    });
    const names = d.chosen.beam?.words ?? [];
    for (const node of tree.filter((x) => x.status !== 'pruned' || x.step < 3)) {
      const path: number[] = [];
      for (let k = node.id; k >= 0; k = tree[k]?.parent ?? -1) path.unshift(tree[k]?.token ?? -1);
      const forced = forcedDecode(translate.stepModel(words), path, 0).logProb;
      expect(close(node.logProb, forced), `${path.map((t) => names[t]).join(' ')}`).toBe(true);
      expect(node.score).toBe(node.logProb);
    }
  });

  it('α = 1 ranks by log p per word: the scores posted are Σ log p / |y|', () => {
    const d = translate.decode(words, { ...beam3, alpha: 1 });
    for (const node of d.chosen.beam?.tree ?? [])
      expect(close(node.score, node.logProb / (node.step + 1), { rtol: 1e-12, atol: 0 })).toBe(true);
  });

  it("sampling: five draws equal the engine's sampleDecode for seeds s … s + 4, each with its teacher-forced log p", () => {
    const settings: DecodeSettings = { ...defaultDecodeSettings, method: 'sample', temperature: 1, seed: 1 };
    const d = translate.decode(words, settings);
    const samples = d.chosen.samples ?? [];
    expect(samples.map((x) => x.seed)).toEqual([1, 2, 3, 4, 5]);
    samples.forEach((x) => {
      const ref = sampleDecode(translate.stepModel(words), {
        temperature: 1,
        seed: x.seed,
        maxLength: translate.task.solve(words).length + 3,
      });
      const ids = ref.steps.map((st) => st.token).filter((t) => t !== EOS_ID);
      expect(x.tokens).toEqual(translate.task.target.decode(ids));
      expect(close(x.logProb, translate.score(words, x.tokens))).toBe(true);
    });
    expect(new Set(samples.map((x) => x.tokens.join(' '))).size).toBeGreaterThan(1);
    expect(d.chosen.tokens).toEqual(samples[0]?.tokens);
    // The same seed again gives the same draws.
    expect(translate.decode(words, settings).chosen.samples).toEqual(samples);
  });

  it('sampling at T = 0 and with top-k 1 gives greedy’s output for every seed', () => {
    for (const patch of [{ temperature: 0 }, { temperature: 1, topK: 1 }]) {
      const d = translate.decode(words, { ...defaultDecodeSettings, method: 'sample', seed: 7, ...patch });
      for (const x of d.chosen.samples ?? []) expect(x.tokens).toEqual(d.greedy.tokens);
    }
  });

  it('greedy as the method posts the greedy output itself, with no tree and no samples', () => {
    const d = translate.decode(words, { ...defaultDecodeSettings, method: 'greedy' });
    expect(d.chosen.tokens).toEqual(d.greedy.tokens);
    expect(d.chosen.logProb).toBe(d.greedy.logProb);
    expect([d.chosen.beam, d.chosen.samples]).toEqual([null, null]);
  });

  it('the lab-loaded Transformer decodes by beam search too: its tree ends in the reversed digits', () => {
    const t = loaded('reverse8-transformer');
    const digits = [...'31415926'];
    const d = t.decode(digits, beam3);
    expect(d.chosen.tokens).toEqual([...digits].reverse());
    expect(close(d.chosen.logProb, t.score(digits, d.chosen.tokens))).toBe(true);
    expect(d.chosen.beam?.tree.some((n) => n.status === 'pruned')).toBe(true);
  });
});

describe('the lab finds an input where greedy and beam differ', () => {
  it('on the translator (trained on 1–4 phrases) it finds a five-phrase input where the two outputs differ in Node too', () => {
    const t = loaded('translate-attention');
    const found = t.find(beam3);
    expect(found.size).toBe(5);
    expect(found.source).not.toBeNull();
    const source = found.source ?? [];
    const maxLength = t.task.solve(source).length + 3;
    const greedy = forcedDecode(t.stepModel(source), [], maxLength)
      .steps.map((x) => x.token)
      .filter((x) => x !== EOS_ID);
    const beam = beamSearch(t.stepModel(source), { width: 3, maxLength, alpha: 0 }).hypotheses[0]?.ids;
    expect(beam).not.toEqual(greedy);
  });

  it('with width 1 beam is greedy, so nothing is found after 3 sizes × 20 examples', () => {
    const t = loaded('translate-attention');
    expect(t.find({ ...beam3, width: 1 })).toEqual({ type: 'disagreement', source: null, size: 3, tried: 60 });
  });

  it('LabState: a found input becomes the input (decoded with beam); none found says so', () => {
    const sent: ToWorker[] = [];
    let reply: (m: unknown) => void = () => {};
    const lab = new LabState();
    lab.connect({ post: (m) => sent.push(m), listen: (h) => (reply = h), close: () => {} });
    lab.setDecoding({ method: 'sample' });
    lab.findDisagreement();
    expect(sent.at(-1)).toEqual({ type: 'find-disagreement', settings: { ...defaultDecodeSettings, method: 'beam' } });
    expect(lab.searching).toBe(true);
    reply({ type: 'disagreement', source: [...'123456789'], size: 9, tried: 4 });
    expect(lab.searching).toBe(false);
    expect(lab.input).toBe('1 2 3 4 5 6 7 8 9');
    expect(sent.at(-1)).toMatchObject({ type: 'decode', source: [...'123456789'], settings: { method: 'beam' } });
    expect(lab.disagreeNote).toBe('Example 4 (9 digits): greedy and beam disagree.');
    reply({ type: 'disagreement', source: null, size: 8, tried: 60 });
    expect(lab.disagreeNote).toBe('Greedy and beam agree on all 60 examples tried, down to 8 digits.');
  });
});

describe('LabState.setDecoding', () => {
  it('sends the input again with the new settings, and refuses an invalid one without sending', () => {
    const sent: ToWorker[] = [];
    const lab = new LabState();
    lab.connect({ post: (m) => sent.push(m), listen: () => {}, close: () => {} });
    lab.setDecoding({ method: 'sample', temperature: 0.5, topP: 0.9 });
    expect(sent.at(-1)).toEqual({
      type: 'decode',
      source: [...'31415926'],
      settings: { ...defaultDecodeSettings, method: 'sample', temperature: 0.5, topP: 0.9 },
    });
    const count = sent.length;
    lab.setDecoding({ topP: 0 });
    lab.setDecoding({ width: 9 });
    expect(sent.length).toBe(count);
    expect(lab.decoding.topP).toBe(0.9);
  });
});
