import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, importSeq2Seq, Trainer } from '~engine/index.ts';
import { type DecodeSettings, defaultDecodeSettings } from '~lib/decoding/run.ts';
import type { FromWorker, LabSettings } from '~components/widgets/lab/protocol.ts';
import { EVAL_SEED, LabSession, labSizes, trainerConfig, twinAttention } from '~components/widgets/lab/session.ts';

const small: LabSettings = {
  task: 'reverse',
  attention: 'bahdanau',
  embed: 6,
  hidden: 6,
  minLen: 3,
  maxLen: 4,
  lr: 0.02,
  batch: 8,
  seed: 3,
  compare: false,
  stopAt: 0,
};

/** Decoding settings with beam width k (the lab's default method is beam search, α = 0). */
const beamOf = (width: number): DecodeSettings => ({ ...defaultDecodeSettings, method: 'beam', width });

/** A session whose replies land in an array. */
function session(settings: LabSettings = small) {
  const out: FromWorker[] = [];
  const s = new LabSession((m) => out.push(structuredClone(m)));
  s.handle({ type: 'configure', settings });
  return {
    s,
    out,
    of: <T extends FromWorker['type']>(t: T) => out.filter((m): m is Extract<FromWorker, { type: T }> => m.type === t),
  };
}

const losses = (out: FromWorker[]) => out.flatMap((m) => (m.type === 'progress' ? m.losses : []));
const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
};

describe('LabSession', () => {
  it('labSizes(settings) orders the range, caps phrases at 6 and ignores sizes for dates', () => {
    expect(labSizes({ ...small, minLen: 9, maxLen: 2 })).toEqual([2, 9]);
    expect(labSizes({ ...small, task: 'translate', minLen: 2, maxLen: 12 })).toEqual([2, 6]);
    expect(labSizes({ ...small, task: 'dates' })).toEqual([1, 1]);
    expect(twinAttention('luong-dot')).toBe('none');
    expect(twinAttention('none')).toBe('bahdanau');
  });

  it('step messages give the same losses as a bare engine Trainer with the same config', () => {
    const { s, out } = session();
    for (let k = 0; k < 4; k++) s.handle({ type: 'step' });
    const bare = new Trainer(trainerConfig(small));
    const want = Array.from({ length: 4 }, () => bare.stepOnce().loss);
    expect(losses(out)).toEqual(want);
  });

  it('compare mode trains the twin on the same batches with attention "none" only', () => {
    const { s, of } = session({ ...small, compare: true });
    s.handle({ type: 'step' });
    s.handle({ type: 'step' });
    const twin = new Trainer(trainerConfig(small, 'none'));
    const want = [twin.stepOnce().loss, twin.stepOnce().loss];
    expect(of('progress').flatMap((m) => m.twinLosses)).toEqual(want);
    expect(of('progress').at(-1)?.twinAttention).toBe('none');
    expect(of('evaluation').at(-1)?.twin).not.toBeNull();
  });

  it('evaluations carry each model’s own training seconds: they grow with steps, the twin’s are null without one, reset zeroes them', () => {
    const alone = session();
    alone.s.handle({ type: 'step' });
    expect(alone.of('evaluation').at(-1)?.twinSeconds).toBeNull();
    const { s, of } = session({ ...small, compare: true });
    const first = of('evaluation').at(-1);
    expect([first?.seconds, first?.twinSeconds]).toEqual([0, 0]);
    s.handle({ type: 'step' });
    const one = of('evaluation').at(-1);
    s.handle({ type: 'step' });
    const two = of('evaluation').at(-1);
    expect(one?.seconds).toBeGreaterThan(0);
    expect(one?.twinSeconds).toBeGreaterThan(0);
    expect(two?.seconds).toBeGreaterThan(one?.seconds ?? Number.POSITIVE_INFINITY);
    expect(two?.twinSeconds).toBeGreaterThan(one?.twinSeconds ?? Number.POSITIVE_INFINITY);
    s.handle({ type: 'reset' });
    const reset = of('evaluation').at(-1);
    expect([reset?.step, reset?.seconds, reset?.twinSeconds]).toEqual([0, 0, 0]);
  });

  it('start, pause and start again give the exact loss sequence of an uninterrupted run', async () => {
    // 100 steps take several 40 ms chunks, so a pause after the first chunk lands mid-run (12 steps fitted in one).
    const a = session({ ...small, stopAt: 100 });
    a.s.handle({ type: 'start' });
    await until(() => !a.s.running);
    const b = session({ ...small, stopAt: 100 });
    b.s.handle({ type: 'start' });
    await until(() => (b.s.trainer?.step ?? 0) > 0);
    b.s.handle({ type: 'pause' });
    const pausedAt = b.s.trainer?.step ?? -1;
    b.s.handle({ type: 'start' });
    await until(() => !b.s.running);
    expect(pausedAt).toBeGreaterThan(0);
    expect(pausedAt).toBeLessThan(100);
    expect(losses(a.out)).toHaveLength(100);
    expect(losses(b.out)).toEqual(losses(a.out));
  });

  it('evaluation reports the engine evaluate() of the current model by size and by output position, on EVAL_SEED', () => {
    const { s, of } = session();
    s.handle({ type: 'step' });
    const ev = of('evaluation').at(-1);
    const bare = new Trainer(trainerConfig(small));
    bare.stepOnce();
    const count = Math.max(8, Math.ceil(120 / 2));
    const want = evaluate(bare.model, bare.task, { sizes: [3, 4], count, seed: EVAL_SEED });
    expect(ev?.model.bySize.map((b) => b.accuracy)).toEqual(want.bySize.map((b) => b.accuracy));
    // Reversals of 3 and 4 digits: positions 1–3 are in every answer, position 4 only in the 4-digit ones.
    expect(ev?.model.byPosition).toEqual(want.byPosition);
    expect(ev?.model.byPosition.map((p) => p.count)).toEqual([2 * count, 2 * count, 2 * count, count]);
  });

  it('export then import round-trips the weights bit for bit', () => {
    const { s, of } = session();
    s.handle({ type: 'step' });
    s.handle({ type: 'export', id: 1 });
    const text = of('exported')[0]?.text ?? '';
    s.handle({ type: 'configure', settings: { ...small, seed: 9 } });
    s.handle({ type: 'import', text, origin: 'test' });
    s.handle({ type: 'export', id: 2 });
    expect(text.length).toBeGreaterThan(1000);
    expect(of('exported')[1]?.text === text).toBe(true);
    expect(of('imported')[0]?.settings).toMatchObject({ task: 'reverse', embed: 6, hidden: 6, compare: false });
  });

  it('a bad weights file is refused with a clear error and the model keeps decoding as before', () => {
    const { s, of } = session();
    s.handle({ type: 'step' });
    s.handle({ type: 'decode', source: ['1', '2', '3'], settings: beamOf(2) });
    const before = of('decoded').at(-1);
    s.handle({ type: 'export', id: 1 });
    const good = JSON.parse(of('exported')[0]?.text ?? '{}');
    const wrongShape = structuredClone(good);
    wrongShape.state_dict['decoder.out.bias'] = [0, 1];
    const missing = structuredClone(good);
    delete missing.state_dict['decoder.init.bias'];
    for (const text of ['not json', JSON.stringify(wrongShape), JSON.stringify(missing), ' '.repeat(9 * 1024 * 1024)]) {
      s.handle({ type: 'import', text, origin: '“bad.json”' });
    }
    const errors = of('error').map((e) => e.message);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(
      /^Could not load “bad.json”: weights file is not JSON.*The current model is unchanged\.$/,
    );
    expect(errors[1]).toMatch(/decoder\.out\.bias/);
    expect(errors[2]).toMatch(/decoder\.init\.bias/);
    expect(errors[3]).toMatch(/MB; the limit is/);
    s.handle({ type: 'decode', source: ['1', '2', '3'], settings: beamOf(2) });
    const after = of('decoded').at(-1);
    expect(after?.greedy).toEqual(before?.greedy);
    expect(after?.step).toBe(1);
  });

  it('importing the committed reverse8-attention snapshot reverses 8 digits', () => {
    const { s, of } = session();
    const text = readFileSync('public/snapshots/reverse8-attention.json', 'utf8');
    s.handle({ type: 'import', text, origin: 'snapshot' });
    s.handle({ type: 'decode', source: [...'31415926'], settings: beamOf(3) });
    const d = of('decoded').at(-1);
    expect(d?.greedy.tokens.join('')).toBe('62951413');
    expect(d?.chosen.tokens.join('')).toBe('62951413');
    expect(d?.expected.join('')).toBe('62951413');
    expect(of('imported')[0]?.settings).toMatchObject({ embed: 16, hidden: 16, minLen: 8, maxLen: 8 });
    expect(importSeq2Seq(text).model.config.gruVariant).toBe('pytorch');
  });

  it('after importing reverse8-attention, progress, evaluation and decode count its 400 steps, and training adds to them', () => {
    const { s, out, of } = session();
    s.handle({
      type: 'import',
      text: readFileSync('public/snapshots/reverse8-attention.json', 'utf8'),
      origin: 'snapshot',
    });
    s.handle({ type: 'decode', source: [...'31415926'], settings: beamOf(1) });
    expect(of('progress').at(-1)).toMatchObject({ step: 400, trainedBefore: 400 });
    expect(of('evaluation').at(-1)?.step).toBe(400);
    expect(of('decoded').at(-1)?.step).toBe(400);
    const before = out.length;
    s.handle({ type: 'step' });
    const after = out.slice(before);
    expect(after.find((m) => m.type === 'progress')).toMatchObject({ step: 401, trainedBefore: 400 });
    expect(after.find((m) => m.type === 'evaluation')?.step).toBe(401);
    s.handle({ type: 'export', id: 1 });
    expect(JSON.parse(of('exported')[0]?.text ?? '{}').meta.steps).toBe(401);
    s.handle({ type: 'reset' });
    expect(of('progress').at(-1)).toMatchObject({ step: 0, trainedBefore: 0 });
  });

  it('after a decode the page asked for, the beam widths beside it are decoded ahead, each as a decode of that width answers', async () => {
    const { s, of } = session();
    s.handle({ type: 'decode', source: [...'3141'], settings: beamOf(3) });
    expect(of('decoded-ahead')).toEqual([]); // after the answer, each in a task of its own
    await until(() => of('decoded-ahead').length === 2);
    const ahead = of('decoded-ahead');
    expect(ahead.map((m) => m.chosen.settings.width)).toEqual([2, 4]);
    for (const a of ahead) {
      expect(a).toMatchObject({ step: 0, source: [...'3141'] });
      s.handle({ type: 'decode', source: [...'3141'], settings: beamOf(a.chosen.settings.width) });
      expect(of('decoded').at(-1)?.chosen).toEqual(a.chosen);
    }
  });

  it('decodes ahead are dropped when another message comes in first, and not made for greedy decoding', async () => {
    const { s, of } = session();
    s.handle({ type: 'decode', source: [...'3141'], settings: beamOf(1) });
    s.handle({ type: 'language', tag: 'en' });
    s.handle({ type: 'decode', source: [...'3141'], settings: { ...beamOf(3), method: 'greedy' } });
    await new Promise((r) => setTimeout(r, 20));
    expect(of('decoded-ahead')).toEqual([]);
    expect(of('decoded')).toHaveLength(2);
  });

  it('a decode the page shows already (shownAt this step) is taken without an answer; at another step it is answered', () => {
    const { s, of } = session();
    s.handle({ type: 'decode', source: [...'3141'], settings: beamOf(2), shownAt: 0 });
    expect(of('decoded')).toHaveLength(0);
    s.handle({ type: 'step' });
    const afterStep = of('decoded').length;
    s.handle({ type: 'decode', source: [...'3141'], settings: beamOf(3), shownAt: 0 });
    expect(of('decoded')).toHaveLength(afterStep + 1);
    expect(of('decoded').at(-1)).toMatchObject({ step: 1, chosen: { settings: { width: 3 } } });
  });

  it('a decode request with tokens outside the vocabulary gets an error naming them', () => {
    const { s, of } = session();
    s.handle({ type: 'decode', source: ['1', 'x', '<eos>'], settings: beamOf(1) });
    expect(of('error').at(-1)?.message).toBe('not in the reverse vocabulary: x <eos>');
  });
});
