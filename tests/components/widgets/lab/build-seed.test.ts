import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSeed, readSeed } from '~components/widgets/lab/build-seed.ts';
import { PretrainedState, pretrainedSeed } from '~components/widgets/lab/pretrained-alignment.svelte.ts';
import type { ToWorker } from '~components/widgets/lab/protocol.ts';
import { type DecodedView, LabState, seededReplies } from '~components/widgets/lab/training-lab.svelte.ts';

const files = (url: string) => Promise.resolve(readFileSync(`public${url}`, 'utf8'));

describe('buildSeed (the build: Node)', () => {
  it('computes the value at build time and its text reads back equal, non-finite numbers included', () => {
    const value = { logProbs: [-0.5, Number.NEGATIVE_INFINITY], nan: Number.NaN, big: Number.POSITIVE_INFINITY };
    const seed = buildSeed('s1', () => value);
    expect(seed.value).toBe(value);
    expect(readSeed(seed.text)).toEqual(value);
  });

  it('a computation that throws gives no seed (the widget then computes in the browser as before)', () => {
    expect(buildSeed('s1', () => JSON.parse('{'))).toEqual({ value: undefined, text: undefined });
    expect(readSeed('{')).toBeUndefined();
    expect(readSeed(undefined)).toBeUndefined();
  });

  it("pretrainedSeed shows the numbers PretrainedState's own decode shows, without the build's op times", async () => {
    const seed = buildSeed('s1', ({ snapshotFile }) => pretrainedSeed(snapshotFile('reverse8-attention'), undefined));
    const p = new PretrainedState();
    await p.load({ snapshot: 'reverse8-attention', count: 1, sizes: [8, 8] }, files);
    const read = readSeed<typeof seed.value>(seed.text);
    expect(read?.input).toBe(p.input);
    expect(read?.view?.calls).toEqual([]);
    expect({ ...read?.view, calls: [] }).toEqual({ ...p.view, calls: [] });
    expect(read?.facts).toMatchObject({ name: 'reverse8-attention', task: 'reverse', attention: 'bahdanau' });
  });
});

describe('PretrainedState after a seeded start', () => {
  it('an input the reader gives while the weights are still loading is the one decoded when they arrive', async () => {
    const p = new PretrainedState();
    const loading = p.load({ snapshot: 'reverse8-attention', count: 1, sizes: [8, 8] }, files);
    void p.setInput('1234');
    await loading;
    expect(p.view?.source.join('')).toBe('1234');
    expect(p.view?.expected.join('')).toBe('4321');
    expect(p.input).toBe('1234');
  });
});

describe('the training lab with the build run (labReplies, connectLater)', () => {
  it("the build's replies make a fresh LabState ready with the worker's numbers, and survive being read back", () => {
    const seed = buildSeed('s1', ({ labReplies }) => labReplies(new LabState()));
    const replies = seededReplies(readSeed(seed.text));
    expect(replies.map((r) => r.type)).toEqual(['backend', 'progress', 'evaluation', 'decoded']);
    const lab = new LabState();
    for (const r of replies) lab.receive(r);
    expect(lab.renderer).not.toBe('');
    expect(lab.latest?.step).toBe(0);
    expect(lab.latest?.model.overall.sequence).toBeGreaterThanOrEqual(0);
    expect((lab.decoded as DecodedView).source.join('')).toBe('31415926');
    expect(seededReplies([{ type: 'nonsense' }])).toEqual([]);
  });

  it('connectLater starts no worker until a command, then connects keeping what the page shows and sends it', () => {
    const lab = new LabState();
    for (const r of seededReplies(readSeed(buildSeed('s1', ({ labReplies }) => labReplies(new LabState())).text)))
      lab.receive(r);
    const sent: string[] = [];
    let started = 0;
    lab.connectLater(() => {
      started++;
      return { post: (m) => sent.push(m.type), listen: () => {}, close: () => {} };
    });
    expect(started).toBe(0);
    lab.start();
    expect(started).toBe(1);
    expect(sent).toEqual(['language', 'backend', 'configure', 'decode', 'start']);
    expect(lab.latest?.step).toBe(0);
    expect(lab.decoded).toBeDefined();
  });

  it('wake() connects a waiting lab once; disconnect() before it leaves no worker to start', () => {
    let started = 0;
    const start = () => {
      started++;
      return { post: () => {}, listen: () => {}, close: () => {} };
    };
    const lab = new LabState();
    lab.connectLater(start);
    lab.wake();
    lab.wake();
    expect(started).toBe(1);
    const idle = new LabState();
    idle.connectLater(start);
    idle.disconnect();
    idle.wake();
    expect(started).toBe(1);
  });

  it("restore (a challenge's Set up) while the worker waits starts it from the new settings, dropping the build's run", () => {
    const lab = new LabState();
    for (const r of seededReplies(readSeed(buildSeed('s1', ({ labReplies }) => labReplies(new LabState())).text)))
      lab.receive(r);
    const sent: ToWorker[] = [];
    lab.connectLater(() => ({ post: (m) => sent.push(m), listen: () => {}, close: () => {} }));
    lab.restore({ ...lab.snapshot(), H: 32 });
    expect(lab.latest).toBeUndefined();
    expect(lab.decoded).toBeUndefined();
    const configured = sent.filter((m) => m.type === 'configure');
    expect(configured.at(-1)).toMatchObject({ settings: { hidden: 32 } });
  });
});
