import { describe, expect, it, vi } from 'vitest';
import { intField, numberField, readHashParam, toBase64Url, vectorField } from '~lib/url/state.ts';
import { UrlSync } from '~components/state/kit/url-sync.svelte.ts';
import { widgetById } from '~components/widgets/registry.ts';
import { EmbedController, memoryHash } from '../../src/elements/host.svelte.ts';
import { handleMessage, type OutboundMessage, parseMessage } from '../../src/elements/messages.ts';

const fields = { z: vectorField([2, 1, 0.1, -1]), t: numberField(1, 0.1, 5), s: intField(0, 0, 9) };

describe('parseMessage', () => {
  it('ignores data that is not a stepwise message (other libraries share postMessage)', () => {
    for (const data of [null, 'stepwise:set', 42, [], { type: 'reveal:slide' }, { method: 'next' }]) {
      expect(parseMessage(data, 'softmax', fields)).toEqual({ kind: 'ignore' });
    }
  });

  it('ignores a message addressed to another widget', () => {
    expect(parseMessage({ type: 'stepwise:reset', widget: 'lstm-cell' }, 'softmax', fields)).toEqual({
      kind: 'ignore',
    });
  });

  it('accepts set with valid fields and keeps only the fields it names', () => {
    const r = parseMessage({ type: 'stepwise:set', widget: 'softmax', state: { t: 2.5 } }, 'softmax', fields);
    expect(r).toEqual({ kind: 'message', message: { type: 'stepwise:set', widget: 'softmax', state: { t: 2.5 } } });
  });

  it('refuses set when any field fails its schema: out of range, wrong length, unknown key, NaN', () => {
    const bad = [{ t: 99 }, { z: [1, 2] }, { nope: 1 }, { t: Number.NaN }, { s: 1.5 }, { t: '2' }];
    for (const state of bad) {
      const r = parseMessage({ type: 'stepwise:set', state }, 'softmax', fields);
      expect(r.kind, JSON.stringify(state)).toBe('invalid');
    }
  });

  it('refuses unknown types, extra keys and a non-integer or huge step', () => {
    const bad = [
      { type: 'stepwise:eval', code: 'alert(1)' },
      { type: 'stepwise:reset', extra: true },
      { type: 'stepwise:step', by: 0.5 },
      { type: 'stepwise:step', by: 1e9 },
      { type: 'stepwise:set', state: 'e30' },
    ];
    for (const data of bad) expect(parseMessage(data, 'softmax', fields).kind, JSON.stringify(data)).toBe('invalid');
  });

  it('defaults step to one forward', () => {
    expect(parseMessage({ type: 'stepwise:step' }, 'x', fields)).toEqual({
      kind: 'message',
      message: { type: 'stepwise:step', by: 1 },
    });
  });
});

describe('EmbedController with handleMessage', () => {
  function mounted(initial = '') {
    const entry = widgetById('softmax');
    if (!entry) throw new Error('softmax not registered');
    const store = memoryHash(initial);
    const sent: OutboundMessage[] = [];
    const controller = new EmbedController(entry, store, (m) => sent.push(m));
    // What a widget's UrlSync does when it is constructed under the controller's context.
    controller.context().attach(new UrlSync('softmax', fields, { host: store }));
    controller.ready();
    return { controller, store, sent };
  }

  it('set merges the fields into the hash state, remounts, and reports the new state', () => {
    const { controller, store, sent } = mounted(`#w-softmax=${toBase64Url('{"t":2}')}`);
    const before = controller.generation;
    expect(handleMessage(controller, { type: 'stepwise:set', state: { z: [0, 0, 0, 1] } })).toBe(true);
    expect(controller.generation).toBe(before + 1);
    expect(controller.state()).toEqual({ z: [0, 0, 0, 1], t: 2, s: 0 });
    expect(readHashParam(store.get(), 'softmax')).toBe(toBase64Url('{"z":[0,0,0,1],"t":2}'));
    expect(sent.at(-1)).toMatchObject({ type: 'stepwise:state', widget: 'softmax', state: { t: 2 } });
  });

  it('a malformed message changes nothing and warns once', () => {
    const { controller, store, sent } = mounted(`#w-softmax=${toBase64Url('{"t":2}')}`);
    const hash = store.get();
    const warn = vi.fn();
    expect(handleMessage(controller, { type: 'stepwise:set', state: { t: 'hot' } }, warn)).toBe(false);
    expect(handleMessage(controller, { type: 'stepwise:set', state: { t: 3, bogus: 1 } }, warn)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0]?.[0]).toMatch(/ignored a message/);
    expect(store.get()).toBe(hash);
    expect(controller.generation).toBe(0);
    expect(sent.map((m) => m.type)).toEqual(['stepwise:ready']);
  });

  it('reset clears the widget state (other widgets’ hash params stay) and get answers with the state', () => {
    const { controller, store, sent } = mounted(`#w-other=abc&w-softmax=${toBase64Url('{"t":2}')}`);
    handleMessage(controller, { type: 'stepwise:reset' });
    expect(store.get()).toBe('#w-other=abc');
    expect(controller.state()).toEqual({ z: [2, 1, 0.1, -1], t: 1, s: 0 });
    handleMessage(controller, { type: 'stepwise:get' });
    expect(sent.at(-1)).toEqual({ type: 'stepwise:state', widget: 'softmax', state: controller.state(), code: '' });
  });

  it('drops a write from an unmounted generation (a debounced write arriving after a set)', () => {
    const { controller, store } = mounted();
    const stale = controller.context().host;
    handleMessage(controller, { type: 'stepwise:set', state: { t: 4 } });
    stale.replace(`#w-softmax=${toBase64Url('{"t":0.5}')}`);
    expect(controller.state()).toMatchObject({ t: 4 });
    expect(store.get()).toContain(toBase64Url('{"t":4}'));
  });

  it('step reports false for a widget without a stepper', () => {
    const { controller } = mounted();
    expect(handleMessage(controller, { type: 'stepwise:step', by: 1 })).toBe(false);
  });
});
