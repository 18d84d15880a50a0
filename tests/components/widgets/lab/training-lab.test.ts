import { readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { defaultDecodeSettings } from '~lib/decoding/run.ts';
import { decodeState, encodeState } from '~lib/url/state.ts';
import { downsample } from '~components/widgets/lab/plots.ts';
import { type FromWorker, parseMessage, type ToWorker, toWorkerSchema } from '~components/widgets/lab/protocol.ts';
import { LabSession } from '~components/widgets/lab/session.ts';
import { labSnapshots, snapshotUrl } from '~components/widgets/lab/snapshots.ts';
import { checkInput, joinTokens, tokenize } from '~components/widgets/lab/tokens.ts';
import { defaultSettings, type LabPort, LabState, labFields } from '~components/widgets/lab/training-lab.svelte.ts';

/** A port that records what the page sends and lets the test play the worker. */
function fakePort() {
  const sent: ToWorker[] = [];
  let handler: (data: unknown) => void = () => {};
  const port: LabPort = {
    post: (m) => sent.push(m),
    listen: (h) => {
      handler = h;
    },
    close: () => {},
  };
  return { port, sent, reply: (m: FromWorker | unknown) => handler(m) };
}

/**
 * A port to a real LabSession (the worker's side, run here) that records what the page sends and holds the
 * session's replies until the test delivers them: the test sees the page between asking and the answer.
 */
function sessionPort() {
  const sent: ToWorker[] = [];
  const held: FromWorker[] = [];
  let handler: (data: unknown) => void = () => {};
  const session = new LabSession((m) => held.push(structuredClone(m)));
  const port: LabPort = {
    post: (m) => {
      sent.push(m);
      session.handle(structuredClone(m));
    },
    listen: (h) => {
      handler = h;
    },
    close: () => {},
  };
  const deliver = () => {
    for (const m of held.splice(0)) handler(m);
  };
  const aheadHeld = () => held.filter((m) => m.type === 'decoded-ahead').length;
  return { port, sent, held, deliver, aheadHeld };
}

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
};

const progress = (step: number, losses: number[], twinLosses: number[] = []): FromWorker => ({
  type: 'progress',
  step,
  running: true,
  losses,
  twinLosses,
  trainedBefore: 0,
  stepsPerSecond: 12.5,
  paramCount: 14493,
  twinAttention: twinLosses.length > 0 ? 'none' : null,
});

describe('LabState', () => {
  it("connect(port) sends the page's language, the backend, the settings and the default input to decode", () => {
    const { port, sent } = fakePort();
    new LabState().connect(port);
    expect(sent.map((m) => m.type)).toEqual(['language', 'backend', 'configure', 'decode']);
    expect(sent[0]).toEqual({ type: 'language', tag: 'en' });
    expect(sent[2]).toEqual({ type: 'configure', settings: defaultSettings });
    expect(sent[3]).toEqual({ type: 'decode', source: [...'31415926'], settings: defaultDecodeSettings });
  });

  it('receive(progress) appends the losses in order and a step-0 report clears them', () => {
    const { port, reply } = fakePort();
    const lab = new LabState();
    lab.connect(port);
    reply(progress(2, [2.5, 2.4], [2.6, 2.55]));
    reply(progress(3, [2.3], [2.5]));
    expect(lab.loss).toEqual([2.5, 2.4, 2.3]);
    expect(lab.twinLoss).toEqual([2.6, 2.55, 2.5]);
    expect(lab.step).toBe(3);
    expect(lab.stepsPerSecond).toBe(12.5);
    expect(lab.twinAttention).toBe('none');
    reply(progress(0, []));
    expect(lab.loss).toEqual([]);
  });

  it('a malformed worker message is ignored with a console warning', () => {
    const { port, reply } = fakePort();
    const lab = new LabState();
    lab.connect(port);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    reply({ type: 'progress', step: 'three' });
    reply({ type: 'launch-missiles' });
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/training lab page: ignored a malformed message/);
    warn.mockRestore();
    expect(lab.step).toBe(0);
  });

  it('set(key, value) validates, stores and reconfigures; an invalid value is refused with a message', () => {
    const { port, sent } = fakePort();
    const lab = new LabState();
    lab.connect(port);
    lab.set('hidden', 24);
    expect(lab.settings.hidden).toBe(24);
    expect(sent.at(-2)).toEqual({ type: 'configure', settings: { ...defaultSettings, hidden: 24 } });
    const before = sent.length;
    lab.set('lr', Number.NaN);
    lab.set('batch', 0);
    expect(sent.length).toBe(before);
    expect(lab.errors).toHaveLength(2);
    expect(lab.errors[1]).toMatch(/^batch: /);
  });

  it('set("task", …) switches the input to that task’s default example', () => {
    const { port, sent } = fakePort();
    const lab = new LabState();
    lab.connect(port);
    lab.set('task', 'translate');
    expect(lab.input).toBe('the big red car sees the small dog');
    expect(sent.at(-1)).toEqual({
      type: 'decode',
      source: 'the big red car sees the small dog'.split(' '),
      settings: defaultDecodeSettings,
    });
  });

  it('setInput(text) with a character outside the task says which and sends nothing', () => {
    const { port, sent } = fakePort();
    const lab = new LabState();
    lab.connect(port);
    const before = sent.length;
    lab.setInput('12a4b');
    expect(lab.inputError).toBe('The reverse digits task has no characters “a”, “b”.');
    expect(sent.length).toBe(before);
  });

  it('exportWeights() resolves with the text the worker sends for its id', async () => {
    const { port, sent, reply } = fakePort();
    const lab = new LabState();
    lab.connect(port);
    const p = lab.exportWeights();
    const m = sent.at(-1) as Extract<ToWorker, { type: 'export' }>;
    reply({ type: 'exported', id: m.id, text: '{"format":"x"}' });
    await expect(p).resolves.toBe('{"format":"x"}');
  });

  it('receive(imported) adopts the file’s settings and says what was loaded', () => {
    const { port, reply } = fakePort();
    const lab = new LabState();
    lab.connect(port);
    const settings = { ...defaultSettings, minLen: 8, maxLen: 8, compare: false };
    reply({
      type: 'imported',
      origin: 'pretrained “reverse8-attention”',
      settings,
      meta: { about: 'reverse 8 digits', steps: 400 },
    });
    expect(lab.settings).toEqual(settings);
    expect(lab.notice).toMatch(/^Loaded pretrained “reverse8-attention” \(reverse 8 digits\), trained for 400 steps\./);
  });

  it('receive(imported) then progress: the step counts the file’s steps, the loss curve only those trained here', () => {
    const { port, reply } = fakePort();
    const lab = new LabState();
    lab.connect(port);
    reply({
      type: 'imported',
      origin: 'pretrained “reverse8-attention”',
      settings: { ...defaultSettings, minLen: 8, maxLen: 8, compare: false },
      meta: { name: 'reverse8-attention', about: 'reverse 8 digits', steps: 400, trainer: { batchSize: 32 } },
    });
    expect(lab.loaded).toEqual({
      origin: 'pretrained “reverse8-attention”',
      about: 'reverse 8 digits',
      steps: 400,
      batch: 32,
      snapshot: 'reverse8-attention',
    });
    reply({ ...progress(400, []), trainedBefore: 400 });
    expect([lab.step, lab.trainedBefore, lab.stepsHere, lab.loss]).toEqual([400, 400, 0, []]);
    reply({ ...progress(402, [0.01, 0.02]), trainedBefore: 400 });
    expect([lab.step, lab.stepsHere, lab.loss]).toEqual([402, 2, [0.01, 0.02]]);
    lab.reset();
    expect(lab.loaded).toBeUndefined();
  });

  it('receive(evaluation): reach is the first evaluation at ≥ 95% with the seconds the worker sent, per model', () => {
    const { port, reply } = fakePort();
    const lab = new LabState();
    lab.connect(port);
    const acc = (sequence: number) => ({
      overall: { token: sequence, sequence, count: 100 },
      bySize: [{ size: 8, accuracy: { token: sequence, sequence, count: 100 } }],
      byPosition: [],
    });
    const ev = (step: number, model: number, twin: number, seconds: number) =>
      reply({ type: 'evaluation', step, model: acc(model), twin: acc(twin), seconds, twinSeconds: seconds / 4 });
    ev(25, 0.3, 0.5, 2);
    expect(lab.reach).toEqual({ model: undefined, twin: undefined });
    ev(50, 0.96, 0.94, 4.2);
    ev(75, 0.9, 0.95, 6);
    expect(lab.reach).toEqual({ model: { step: 50, seconds: 4.2 }, twin: { step: 75, seconds: 1.5 } });
  });

  it('a beam-width step to a width decoded ahead shows its run at once, not busy, and the worker does not send it again', async () => {
    const w = sessionPort();
    const lab = new LabState();
    lab.connect(w.port);
    expect(lab.decodePending).toBe(true);
    w.deliver();
    expect(lab.decoded?.chosen.settings.width).toBe(3);
    expect(lab.decodePending).toBe(false);
    await until(() => w.aheadHeld() === 2);
    w.deliver();
    lab.setDecoding({ width: 4 });
    expect(lab.decoded?.chosen.settings.width).toBe(4);
    expect(lab.decodePending).toBe(false);
    expect(w.sent.at(-1)).toMatchObject({ type: 'decode', shownAt: 0 });
    expect(w.held.filter((m) => m.type === 'decoded')).toEqual([]);
    // The run shown is the one a decode of width 4 answers.
    const fresh = sessionPort();
    new LabState().connect(fresh.port);
    fresh.port.post({ type: 'decode', source: [...'31415926'], settings: { ...defaultDecodeSettings, width: 4 } });
    const answer = fresh.held.findLast((m) => m.type === 'decoded');
    expect(answer?.type === 'decoded' ? answer.chosen : undefined).toEqual(lab.decoded?.chosen);
  });

  it('a width not decoded ahead leaves the widget busy until the answer; any other command forgets the runs ahead', async () => {
    const w = sessionPort();
    const lab = new LabState();
    lab.connect(w.port);
    w.deliver();
    lab.setDecoding({ width: 6 });
    expect(lab.decodePending).toBe(true);
    expect(lab.decoded?.chosen.settings.width).toBe(3);
    w.deliver();
    expect(lab.decodePending).toBe(false);
    expect(lab.decoded?.chosen.settings.width).toBe(6);
    await until(() => w.aheadHeld() === 2);
    w.deliver();
    lab.stepOnce();
    w.deliver();
    lab.setDecoding({ width: 5 });
    expect(w.sent.at(-1)).not.toHaveProperty('shownAt');
    expect(lab.decodePending).toBe(true);
    w.deliver();
    expect(lab.decoded).toMatchObject({ step: 1, chosen: { settings: { width: 5 } } });
    expect(lab.decodePending).toBe(false);
  });

  it('snapshot() → URL → restore() keeps every setting, the input, every decoding control and the backend', () => {
    const a = new LabState();
    a.set('attention', 'luong-general');
    a.set('maxLen', 12);
    a.setInput('9876');
    a.setDecoding({ method: 'sample', width: 5, alpha: 0.7, temperature: 0.4, topK: 3, topP: 0.85, seed: 42 });
    const code = encodeState(labFields, a.snapshot());
    const b = new LabState();
    b.restore(decodeState(labFields, code).state);
    expect(b.snapshot()).toEqual(a.snapshot());
    expect(b.settings.attention).toBe('luong-general');
    expect(b.input).toBe('9876');
    expect(b.decoding).toEqual({
      method: 'sample',
      width: 5,
      alpha: 0.7,
      temperature: 0.4,
      topK: 3,
      topP: 0.85,
      seed: 42,
    });
  });
});

describe('lab helpers', () => {
  it('parseMessage(toWorkerSchema, …) passes valid commands and drops malformed ones with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const settings = defaultDecodeSettings;
    expect(parseMessage(toWorkerSchema, { type: 'decode', source: ['1', '2'], settings }, 'worker')).toEqual({
      type: 'decode',
      source: ['1', '2'],
      settings,
    });
    expect(parseMessage(toWorkerSchema, { type: 'decode', source: '12', settings }, 'worker')).toBeUndefined();
    expect(
      parseMessage(toWorkerSchema, { type: 'configure', settings: { ...defaultSettings, lr: 5 } }, 'worker'),
    ).toBeUndefined();
    expect(parseMessage(toWorkerSchema, null, 'worker')).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(3);
    expect(String(warn.mock.calls[0]?.[0])).toBe(
      'training lab worker: ignored a malformed message (source: Invalid type: Expected Array but received "12")',
    );
    warn.mockRestore();
  });

  it('tokenize splits digits and characters per character and words per word', () => {
    expect(tokenize('reverse', ' 3 1 4,1 ')).toEqual(['3', '1', '4', '1']);
    expect(tokenize('dates', '1/2')).toEqual(['1', '/', '2']);
    expect(tokenize('translate', ' The red  car ')).toEqual(['the', 'red', 'car']);
    expect(joinTokens('reverse', ['1', '2'])).toBe('1 2');
    expect(checkInput('translate', 'the purple car')).toEqual({
      ok: false,
      message: 'The English → French task has no words “purple”.',
    });
    expect(checkInput('reverse', '')).toEqual({ ok: false, message: 'Type an input to decode.' });
  });

  it('downsample(values, max) averages equal buckets and keeps short series as they are', () => {
    expect(downsample([1, 2, 3], 5)).toEqual([
      { step: 1, value: 1 },
      { step: 2, value: 2 },
      { step: 3, value: 3 },
    ]);
    const values = Array.from({ length: 10 }, (_, i) => i);
    const ref: { step: number; value: number }[] = [];
    for (let b = 0; b < 4; b++) {
      const lo = Math.floor((b * 10) / 4);
      const hi = Math.floor(((b + 1) * 10) / 4);
      let s = 0;
      for (let i = lo; i < hi; i++) s += values[i] ?? 0;
      ref.push({ step: hi, value: s / (hi - lo) });
    }
    expect(downsample(values, 4)).toEqual(ref);
  });

  it('labSnapshots lists exactly the JSON files in public/snapshots', () => {
    const files = readdirSync('public/snapshots')
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(labSnapshots.map((s) => s.name).sort()).toEqual(files);
    expect(snapshotUrl('reverse8-none', '/')).toBe('/snapshots/reverse8-none.json');
  });
});
