import { describe, expect, it } from 'vitest';
import type { Seq2Seq } from '~engine/models/seq2seq.ts';
import { greedyDecode, seq2seqStepModel } from '~engine/models/seq2seq-decode.ts';
import { exportSeq2Seq, importSeq2Seq } from '~engine/models/seq2seq-io.ts';
import { countParams, initSeq2Seq, type Seq2SeqConfig } from '~engine/models/seq2seq-params.ts';
import { loadTransformerLayer } from '~engine/models/transformer-layer.ts';
import { mulberry32 } from '~engine/random.ts';
import { reverseTask, toBatch } from '~engine/tasks/index.ts';
import { teacherForced } from '~engine/train/seq2seq-loss.ts';
import { Trainer } from '~engine/train/trainer.ts';

/*
 * The lab's Transformer encoder–decoder: PyTorch-named parameters, causal
 * masking (the decoder never reads ahead), padding invariance, greedy
 * decoding agreeing with teacher forcing, weights files, and a few
 * training steps lowering the loss. No timing here: speed is in the
 * report and scripts/train-snapshots.ts.
 */
const task = reverseTask();
const config: Seq2SeqConfig = {
  sourceVocab: task.source.size,
  targetVocab: task.target.size,
  embed: 8,
  hidden: 4,
  encoder: 'gru',
  attention: 'transformer',
  heads: 2,
  layers: 2,
  ffn: 16,
  normFirst: true,
  activation: 'relu',
};
const model: Seq2Seq = { config, params: initSeq2Seq(config, mulberry32(5)) };
const rowsOf = (v: Float32Array, cols: number) =>
  Array.from({ length: v.length / cols }, (_, r) => Array.from(v.subarray(r * cols, (r + 1) * cols)));

describe('Transformer seq2seq', () => {
  it('initSeq2Seq(transformer) names layers as nn.TransformerEncoderLayer/DecoderLayer, loadable by loadTransformerLayer', () => {
    const dict = Object.fromEntries(
      Object.entries(model.params).map(([k, t]) => [k, rowsOf(t.values(), t.shape[t.rank - 1] as number)]),
    );
    const flat = (k: string) => (model.params[k]?.rank === 1 ? (dict[k] as number[][]).flat() : dict[k]);
    const sd = Object.fromEntries(Object.keys(dict).map((k) => [k, flat(k) as number[] | number[][]]));
    expect(Object.keys(loadTransformerLayer(sd, 'decoder', 'decoder.layers.1.'))).toContain(
      'decoder.layers.1.multihead_attn.in_proj_weight',
    );
    expect(model.params['encoder.layers.0.norm1.weight']?.toArray()).toEqual(new Array(8).fill(1));
    expect(model.params['encoder.layers.0.self_attn.in_proj_bias']?.toArray()).toEqual(new Array(24).fill(0));
    expect(countParams(config)).toBe(Object.values(model.params).reduce((n, t) => n + t.size, 0));
  });

  it('teacherForced(transformer): row i of the logits equals a step model fed only y_<i (the causal mask hides the future)', () => {
    const example = task.sample(mulberry32(2), 5);
    const batch = toBatch(task, [example]);
    const forced = teacherForced(model, batch);
    const V = task.target.size;
    const logits = rowsOf(forced.logits.values(), V);
    const step = seq2seqStepModel(model, batch.source[0] as number[]);
    let state = step.initial();
    let previous: number | undefined;
    for (let i = 0; i < 3; i++) {
      const out = step.step([state], [previous]);
      const row = logits[i] as number[];
      const max = Math.max(...row);
      const lse = max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
      (out.logProbs[0] as number[]).forEach((lp, k) => {
        expect(lp).toBeCloseTo((row[k] as number) - lse, 5);
      });
      state = out.states[0];
      previous = batch.decoderInput[0]?.[i + 1];
    }
  });

  it('teacherForced(transformer) gives a padded row the same loss terms as the row alone, and α rows sum to 1 with 0 on padding', () => {
    const long = task.sample(mulberry32(3), 6);
    const short = task.sample(mulberry32(4), 3);
    const both = teacherForced(model, toBatch(task, [long, short]));
    const alone = teacherForced(model, toBatch(task, [short]));
    const V = task.target.size;
    const T = (both.logits.shape[0] as number) / 2;
    const a = rowsOf(both.logits.values(), V).slice(T, T + 4);
    const b = rowsOf(alone.logits.values(), V);
    a.forEach((row, i) => {
      row.forEach((v, k) => {
        expect(v).toBeCloseTo((b[i] as number[])[k] as number, 5);
      });
    });
    for (const alpha of both.alphas) {
      const r = Array.from(alpha.values());
      const total = (from: number) => r.slice(from, from + 3).reduce((x, y) => x + y, 0);
      expect(total(6)).toBeCloseTo(1, 6);
      expect(total(9)).toBe(0);
    }
  });

  it('greedyDecode(transformer) emits the argmax of the forced logits for its own prefix, with α over the source', () => {
    const source = task.source.encode(['3', '1', '4']);
    const [decoded] = greedyDecode(model, [source], 4);
    expect(decoded?.alphas.length).toBeGreaterThan(0);
    expect(decoded?.alphas[0]).toHaveLength(3);
    const step = seq2seqStepModel(model, source);
    const first = step.step([step.initial()], [undefined]).logProbs[0] as number[];
    const best = first.indexOf(Math.max(...first));
    expect(best === 2 ? [] : [best]).toEqual(decoded?.ids.slice(0, best === 2 ? 0 : 1));
  });

  it('exportSeq2Seq → importSeq2Seq keeps a Transformer bit for bit and refuses heads that do not divide embed', () => {
    const text = exportSeq2Seq(model, { note: 'test' });
    const back = importSeq2Seq(text).model;
    for (const [k, t] of Object.entries(model.params)) expect(back.params[k]?.toArray()).toEqual(t.toArray());
    expect(() => importSeq2Seq(text.replace('"heads":2', '"heads":3'))).toThrow(
      'config.heads must divide config.embed',
    );
  });

  it('Trainer(transformer) lowers the loss on 3-digit reversal within 30 steps (and never skips a step)', () => {
    const trainer = new Trainer({
      task: 'reverse',
      sizes: 3,
      batchSize: 16,
      seed: 1,
      clip: 5,
      model: { ...config, sourceVocab: undefined, targetVocab: undefined } as never,
      optimizer: { kind: 'adam', lr: 0.01 },
    });
    for (let s = 0; s < 30; s++) trainer.stepOnce();
    const h = trainer.history;
    const mean = (xs: readonly { loss: number }[]) => xs.reduce((a, r) => a + r.loss, 0) / xs.length;
    expect(h.some((r) => r.skipped)).toBe(false);
    expect(mean(h.slice(-5))).toBeLessThan(0.85 * mean(h.slice(0, 5)));
  });
});
