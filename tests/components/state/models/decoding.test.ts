import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { EOS_ID, seq2seqStepModel, taskByName } from '~engine/index.ts';
import { type DecodeSettings, defaultDecodeSettings, runDecode } from '~lib/decoding/run.ts';
import { type DecodeCompute, type DecodeRequest, decodeView } from '~components/state/models/decoding.compute.ts';
import { DecodingState } from '~components/state/models/decoding.svelte.ts';
import { readSnapshot } from '~components/widgets/lab/pretrained-compute.ts';

const text = readFileSync('public/snapshots/translate-attention.json', 'utf8');
const translator = readSnapshot('translate-attention', text);

/**
 * A worker stand-in: the same decodeView, answered only when the test says so (in any order), so the state's
 * handling of answers that arrive late or out of order can be read.
 */
function heldCompute() {
  const asked: { request: DecodeRequest; answer: () => void }[] = [];
  const compute: DecodeCompute = {
    load: async () => {},
    decode: (_name, request) =>
      new Promise((resolve) => asked.push({ request, answer: () => resolve(decodeView(translator, request)) })),
  };
  return { compute, asked };
}

/**
 * A state whose weights arrived through a stubbed fetch, decoding through `compute`: greedy unless told (with beam
 * search the state also asks for the widths beside the reader's, see the test of that).
 */
async function loaded(compute: DecodeCompute, method: DecodeSettings['method'] = 'greedy'): Promise<DecodingState> {
  vi.stubGlobal('fetch', async () => new Response(text));
  const s = new DecodingState(() => compute);
  await s.load({
    snapshot: 'translate-attention',
    input: 'the red car',
    settings: { ...defaultDecodeSettings, method },
  });
  vi.unstubAllGlobals();
  return s;
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('DecodingState with a worker (decodes off the page’s thread)', () => {
  it('shows the worker’s view of the input, the same as decoding here', async () => {
    const { compute, asked } = heldCompute();
    const s = await loaded(compute);
    expect(s.view, 'nothing shown before the worker answers').toBeUndefined();
    expect(asked.map((a) => a.request.input)).toEqual(['the red car']);
    asked[0]?.answer();
    await settle();
    const here = decodeView(translator, asked[0]?.request as DecodeRequest);
    expect('view' in here && s.view).toEqual('view' in here ? here.view : undefined);
    expect(s.view?.output.join(' ')).toBe('la voiture rouge');
  });

  it('drops an older answer that arrives after a newer one', async () => {
    const { compute, asked } = heldCompute();
    const s = await loaded(compute);
    s.setInput('the big dog');
    await settle();
    expect(asked.map((a) => a.request.input)).toEqual(['the red car', 'the big dog']);
    asked[1]?.answer();
    await settle();
    asked[0]?.answer();
    await settle();
    expect(s.view?.source.join(' '), 'the newer input stays').toBe('the big dog');
  });

  it('asks the worker once per task of edits, before any timer could run (an answer must not wait for a frame)', async () => {
    const { compute, asked } = heldCompute();
    const s = await loaded(compute);
    let timerRan = false;
    setTimeout(() => {
      timerRan = true;
    }, 0);
    s.setInput('the big dog');
    s.setSettings({ method: 'beam', width: 2 });
    await Promise.resolve();
    expect(timerRan, 'still within the edits’ task').toBe(false);
    expect(
      asked.map((a) => [a.request.input, a.request.settings.width]),
      'one request, with both edits',
    ).toEqual([
      ['the red car', defaultDecodeSettings.width],
      ['the big dog', 2],
    ]);
    s.setInput('the small cat');
    s.flush();
    await settle();
    expect(
      asked.map((a) => a.request.input),
      'flush asks at once, and the queued request is not made again',
    ).toEqual(['the red car', 'the big dog', 'the small cat']);
  });

  it('is pending from an edit until its answer is shown, through older answers arriving first', async () => {
    const { compute, asked } = heldCompute();
    const s = await loaded(compute);
    expect(s.pending, 'the first decode is on its way').toBe(true);
    asked[0]?.answer();
    await settle();
    expect(s.pending).toBe(false);
    s.setPrefix([5]);
    expect(s.pending, 'at once, in the edit’s task (aria-busy before the next frame)').toBe(true);
    await settle();
    s.setInput('the big dog');
    await settle();
    asked[1]?.answer();
    await settle();
    expect(s.pending, 'an older edit’s answer is not the latest').toBe(true);
    asked[2]?.answer();
    await settle();
    expect(s.pending).toBe(false);
    expect(s.view?.source.join(' ')).toBe('the big dog');
  });

  it('decodes the beam widths beside the shown one ahead: a width step shows at once, the same as asking', async () => {
    const { compute, asked } = heldCompute();
    const s = await loaded(compute, 'beam');
    asked[0]?.answer(); // width 3, the default
    await settle();
    expect(
      asked.slice(1).map((a) => a.request.settings.width),
      'widths 2 and 4 asked once width 3 is shown',
    ).toEqual([2, 4]);
    for (const a of asked.slice(1)) a.answer();
    await settle();
    s.setSettings({ width: 4 });
    await Promise.resolve();
    expect(s.pending, 'no wait for the worker').toBe(false);
    expect(s.view?.run.beam, 'width 4’s tree').toBeDefined();
    const here = decodeView(translator, { input: 'the red car', settings: s.settings, prefix: [] });
    expect('view' in here && s.view).toEqual('view' in here ? here.view : undefined);
    await settle();
    expect(
      asked.slice(3).map((a) => a.request.settings.width),
      'then the widths beside 4',
    ).toEqual([3, 5]);
    for (const a of asked.slice(3)) a.answer();
    await settle();
    s.setSettings({ width: 3 });
    await Promise.resolve();
    expect(s.pending, 'back to width 3: decoded ahead again').toBe(false);
    s.setSettings({ width: 6 });
    await Promise.resolve();
    expect(s.pending, 'width 6 was not decoded ahead: the worker is asked').toBe(true);
  });

  it('an input typed while the weights load is the one decoded', async () => {
    const { compute, asked } = heldCompute();
    vi.stubGlobal('fetch', async () => new Response(text));
    const s = new DecodingState(() => compute);
    const loading = s.load({ snapshot: 'translate-attention' });
    s.setInput('the small cat');
    await loading;
    vi.unstubAllGlobals();
    expect(asked.map((a) => a.request.input)).toEqual(['the small cat']);
  });

  it('says why an input was refused, from the worker', async () => {
    const { compute, asked } = heldCompute();
    const s = await loaded(compute);
    asked[0]?.answer();
    s.setInput('the zebra');
    await settle();
    asked[1]?.answer();
    await settle();
    expect(s.inputError).not.toBe('');
    expect(s.view?.source.join(' '), 'the last good decode stays on screen').toBe('the red car');
  });
});

describe('decodeView', () => {
  it('greedy with nothing forced decodes once: its run is what a separate greedy decode gives, its tokens the free run’s', () => {
    const settings = { ...defaultDecodeSettings, method: 'greedy' } as const;
    const outcome = decodeView(translator, { input: 'the big red car sees the small dog', settings, prefix: [] });
    if (!('view' in outcome)) throw new Error(outcome.inputError);
    const { view } = outcome;
    const model = seq2seqStepModel(translator.model, taskByName(translator.task).source.encode(view.source));
    expect(view.run).toEqual(runDecode(model, settings, view.maxLength));
    expect(view.run.ids).toEqual(view.free.steps.map((s) => s.token).filter((t) => t !== EOS_ID));
    expect(view.output.length, 'a sentence came out').toBeGreaterThan(3);
  });
});
