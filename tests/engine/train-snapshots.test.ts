import { describe, expect, it } from 'vitest';
import { greedyDecode } from '~engine/models/seq2seq-decode.ts';
import { importSeq2Seq } from '~engine/models/seq2seq-io.ts';
import { reverseTask, translateTask } from '~engine/tasks/index.ts';
import { evaluate } from '~engine/train/evaluate.ts';
import { trainerConfig } from '~components/widgets/lab/config.ts';
import reverse8 from '../../public/snapshots/reverse8-attention.json?raw';
import reverse8Transformer from '../../public/snapshots/reverse8-transformer.json?raw';
import translate from '../../public/snapshots/translate-attention.json?raw';

/* The committed snapshots load with today's importer and still do their task (guards against format drift). */
describe('public/snapshots', () => {
  it('reverse8-attention.json reverses fresh 8-digit strings (≥ 95% exact on 50)', () => {
    const { model, meta } = importSeq2Seq(reverse8, { targetVocab: reverseTask().target.size });
    expect(meta.name).toBe('reverse8-attention');
    const ev = evaluate(model, reverseTask(), { sizes: [8], count: 50, seed: 4242 });
    expect(ev.overall.sequence).toBeGreaterThanOrEqual(0.95);
  });

  it('translate-attention.json turns "the big white car" into "la grande voiture blanche" and looks at "white" for "blanche"', () => {
    const task = translateTask();
    const { model } = importSeq2Seq(translate, { sourceVocab: task.source.size, targetVocab: task.target.size });
    const source = 'the big white car'.split(' ');
    const [out] = greedyDecode(model, [task.source.encode(source)], 6);
    expect(task.target.decode(out?.ids ?? [])).toEqual(['la', 'grande', 'voiture', 'blanche']);
    const row = out?.alphas[3] ?? [];
    expect(row.indexOf(Math.max(...row))).toBe(2);
  });

  it('reverse8-transformer.json: ≥ 95% exact on 400 fresh 8-digit strings, made with the lab’s own config for its settings', () => {
    const { model, meta } = importSeq2Seq(reverse8Transformer, { targetVocab: reverseTask().target.size });
    expect(meta.name).toBe('reverse8-transformer');
    // 400, not 50: it stopped at the first probe past 95% (≈ 97.5–98.7% on 400 for five seeds), so 50 is too noisy.
    const ev = evaluate(model, reverseTask(), { sizes: [8], count: 400, seed: 4242 });
    expect(ev.overall.sequence).toBeGreaterThanOrEqual(0.95);
    // What the lab trains with these settings is exactly what the script trained, so the lab can get there too.
    const lab = trainerConfig({
      task: 'reverse',
      attention: 'transformer',
      embed: 16,
      hidden: 16,
      minLen: 8,
      maxLen: 8,
      lr: 0.003,
      batch: 32,
      seed: 1,
      compare: true,
      stopAt: 0,
    });
    expect(JSON.parse(JSON.stringify(lab))).toEqual(meta.trainer);
  });

  it('reverse8-transformer.json: its cross-attention on 3 1 4 1 5 9 2 6 is anti-diagonal, as Bahdanau’s is', () => {
    const task = reverseTask();
    const { model } = importSeq2Seq(reverse8Transformer, { targetVocab: task.target.size });
    const source = '3 1 4 1 5 9 2 6'.split(' ');
    const [out] = greedyDecode(model, [task.source.encode(source)], 10);
    expect(task.target.decode(out?.ids ?? [])).toEqual([...source].reverse());
    const peaks = (out?.alphas ?? []).slice(0, 8).map((row) => row.indexOf(Math.max(...row)));
    expect(peaks).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
  });
});
