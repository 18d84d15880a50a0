import { describe, expect, it } from 'vitest';
import { valueAndGrad } from '~engine/autodiff/index.ts';
import { StateDictError } from '~engine/models/params.ts';
import type { Seq2Seq } from '~engine/models/seq2seq.ts';
import { beamDecode, greedyDecode } from '~engine/models/seq2seq-decode.ts';
import { exportSeq2Seq, importSeq2Seq } from '~engine/models/seq2seq-io.ts';
import { type AttentionKind, initSeq2Seq, type Seq2SeqConfig, seq2seqShapes } from '~engine/models/seq2seq-params.ts';
import { mulberry32 } from '~engine/random.ts';
import { reverseTask, sampleBatch, toBatch } from '~engine/tasks/index.ts';
import { Tensor } from '~engine/tensor.ts';
import { teacherForced } from '~engine/train/seq2seq-loss.ts';

const task = reverseTask();
const KINDS: AttentionKind[] = ['bahdanau', 'luong-dot', 'luong-general', 'luong-concat', 'none'];
const base = { sourceVocab: task.source.size, targetVocab: task.target.size, embed: 4, hidden: 3 };
const make = (attention: AttentionKind, encoder: 'gru' | 'lstm' = 'gru'): Seq2Seq => {
  const config: Seq2SeqConfig = { ...base, encoder, attention };
  return { config, params: initSeq2Seq(config, mulberry32(1)) };
};
const bits = (m: Seq2Seq) =>
  Object.entries(m.params).map(([k, t]) => [k, Array.from(new Uint32Array(t.values().buffer.slice(0)))]);

describe('seq2seq', () => {
  for (const kind of KINDS) {
    for (const encoder of ['gru', 'lstm'] as const) {
      it(`teacherForced(${kind}, ${encoder} encoder): finite loss, logits [T·B, V], α rows sum to 1 and ignore padding`, () => {
        const m = make(kind, encoder);
        const batch = toBatch(task, [task.sample(mulberry32(2), 4), task.sample(mulberry32(3), 2)]);
        const out = teacherForced(m, batch);
        expect(Number.isFinite(out.loss.at())).toBe(true);
        expect(out.logits.shape).toEqual([2 * 5, task.target.size]);
        expect(out.alphas).toHaveLength(kind === 'none' ? 0 : 5);
        for (const a of out.alphas) {
          expect(a.shape).toEqual([2, 4]);
          expect(a.at(0, 0) + a.at(0, 1) + a.at(0, 2) + a.at(0, 3)).toBeCloseTo(1, 6);
          expect([a.at(1, 2), a.at(1, 3)]).toEqual([0, 0]);
        }
      });
    }
  }

  it('a padded row gets the same loss terms as the same row alone (the mask hides the padding)', () => {
    const m = make('bahdanau');
    const short = task.sample(mulberry32(5), 2);
    const alone = teacherForced(m, toBatch(task, [short])).logits.toArray();
    const padded = teacherForced(m, toBatch(task, [task.sample(mulberry32(6), 4), short])).logits;
    const V = task.target.size;
    for (let i = 0; i < 3; i++) {
      const row = padded.toArray().slice((i * 2 + 1) * V, (i * 2 + 2) * V);
      row.forEach((v, k) => {
        expect(v).toBeCloseTo(alone[i * V + k] ?? Number.NaN, 5);
      });
    }
  });

  it('the loss gradient agrees with a central difference along a random direction (float32, 2%)', () => {
    const m = make('luong-general');
    const batch = sampleBatch(task, mulberry32(8), 3, 3);
    const { grads } = valueAndGrad((p) => teacherForced(m, batch, p), m.params);
    const rng = mulberry32(9);
    const dir = Object.fromEntries(
      Object.entries(m.params).map(([k, t]) => [k, Float32Array.from(t.values(), () => rng() - 0.5)]),
    );
    const shifted = (eps: number) => {
      const params = Object.fromEntries(
        Object.entries(m.params).map(([k, t]) => [
          k,
          new Tensor(
            t.shape,
            t.values().map((v, i) => v + eps * (dir[k]?.[i] ?? 0)),
          ),
        ]),
      );
      return teacherForced({ config: m.config, params }, batch).loss.at();
    };
    const eps = 1e-2;
    const fd = (shifted(eps) - shifted(-eps)) / (2 * eps);
    let analytic = 0;
    for (const [k, g] of Object.entries(grads)) {
      g.values().forEach((v, i) => {
        analytic += v * (dir[k]?.[i] ?? 0);
      });
    }
    expect(Math.abs(fd - analytic)).toBeLessThan(0.02 * Math.abs(analytic) + 1e-3);
  });

  it('beamDecode with width 1 equals greedyDecode, and returns one α row per output step', () => {
    const m = make('bahdanau');
    const src = task.source.encode(['3', '1', '4']);
    const greedy = greedyDecode(m, [src], 5)[0];
    const beam = beamDecode(m, src, 1, 5);
    expect(beam.ids).toEqual(greedy?.ids);
    expect(beam.logProb).toBeCloseTo(greedy?.logProb ?? 0, 4);
    expect(beam.alphas.length).toBeGreaterThanOrEqual(beam.ids.length);
  });

  it('beamDecode with width 4 finds a sequence at least as likely as greedy', () => {
    const m = make('luong-concat');
    const src = task.source.encode(['9', '2', '6', '5']);
    const greedy = greedyDecode(m, [src], 6)[0];
    expect(beamDecode(m, src, 4, 6).logProb).toBeGreaterThanOrEqual((greedy?.logProb ?? 0) - 1e-9);
  });

  it('luong-dot refuses a decoder size other than 2·hidden', () => {
    expect(() => seq2seqShapes({ ...base, encoder: 'gru', attention: 'luong-dot', decoderHidden: 5 })).toThrow(
      /2·hidden/,
    );
  });
});

describe('exportSeq2Seq / importSeq2Seq', () => {
  it('export → import round-trips every weight bit for bit (−0 included) and keeps config and meta', () => {
    const m = make('luong-concat', 'lstm');
    const first = m.params['decoder.out.bias'] as Tensor;
    const withNegZero = {
      ...m.params,
      'decoder.out.bias': new Tensor(
        first.shape,
        Float32Array.from(first.values(), (v, i) => (i === 0 ? -0 : v)),
      ),
    };
    const model = { config: m.config, params: withNegZero };
    const { model: back, meta } = importSeq2Seq(exportSeq2Seq(model, { steps: 3 }));
    expect(bits(back)).toEqual(bits(model));
    expect(back.config).toEqual(model.config);
    expect(meta).toEqual({ steps: 3 });
  });

  it('the exported state_dict uses PyTorch names and nested-array shapes', () => {
    const dict = JSON.parse(exportSeq2Seq(make('bahdanau'))).state_dict;
    expect(dict['encoder.rnn.weight_ih_l0_reverse']).toHaveLength(9);
    expect(dict['encoder.rnn.weight_ih_l0_reverse'][0]).toHaveLength(4);
    expect(dict['decoder.attention.v.weight']).toHaveLength(1);
  });

  const good = exportSeq2Seq(make('bahdanau'));
  const edit = (f: (o: { config: Record<string, unknown>; state_dict: Record<string, unknown[]> }) => void) => {
    const o = JSON.parse(good);
    f(o);
    return JSON.stringify(o);
  };
  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"format": ', /not JSON/],
    ['another format', JSON.stringify({ format: 'x' }), /format/],
    [
      'a missing key',
      edit((o) => {
        delete o.state_dict['decoder.out.bias'];
      }),
      /missing parameter.*decoder\.out\.bias/,
    ],
    [
      'a wrong shape',
      edit((o) => {
        o.state_dict['decoder.out.bias'] = [1, 2];
      }),
      /decoder\.out\.bias has shape \[2\], expected \[13\]/,
    ],
    [
      'an extra key',
      edit((o) => {
        o.state_dict['decoder.extra'] = [1];
      }),
      /unexpected parameters: decoder\.extra/,
    ],
    [
      'a string weight',
      edit((o) => {
        o.state_dict['decoder.out.bias']?.splice(0, 1, 'x');
      }),
      /NaN/,
    ],
    [
      'a bad config',
      edit((o) => {
        o.config.hidden = -1;
      }),
      /config\.hidden/,
    ],
    ['a huge file', `{"pad":"${'x'.repeat(9 * 1024 * 1024)}"}`, /limit/],
  ];
  for (const [what, text, message] of bad) {
    it(`importSeq2Seq refuses ${what} with a StateDictError naming the problem`, () => {
      let caught: unknown;
      try {
        importSeq2Seq(text);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(StateDictError);
      expect((caught as Error).message).toMatch(message);
    });
  }

  it('importSeq2Seq checks pinned config fields (e.g. the task vocabulary)', () => {
    expect(() => importSeq2Seq(good, { targetVocab: 40 })).toThrow(/targetVocab is 13, expected 40/);
  });
});
