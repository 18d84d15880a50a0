import { describe, expect, it } from 'vitest';
import reverse8 from '../../public/snapshots/reverse8-attention.json?raw';
import translate from '../../public/snapshots/translate-attention.json?raw';
import { greedyDecode } from '../../src/engine/models/seq2seq-decode.ts';
import { importSeq2Seq } from '../../src/engine/models/seq2seq-io.ts';
import { reverseTask, translateTask } from '../../src/engine/tasks/index.ts';
import { evaluate } from '../../src/engine/train/evaluate.ts';

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
});
