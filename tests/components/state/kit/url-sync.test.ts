import { afterEach, describe, expect, it, vi } from 'vitest';
import { intField, numberField, toBase64Url } from '~lib/url/state.ts';
import { type HashHost, UrlSync } from '~components/state/kit/url-sync.svelte.ts';

const fields = { t: intField(0, 0, 5), tau: numberField(1, 0.1, 5) };

function memoryHash(initial = ''): HashHost & { hash: string; writes: number } {
  return {
    hash: initial,
    writes: 0,
    get() {
      return this.hash;
    },
    replace(h: string) {
      this.hash = h;
      this.writes += 1;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('UrlSync', () => {
  it('read() returns the saved state from the hash and write() debounces one replace', () => {
    vi.useFakeTimers();
    const host = memoryHash(`#w-other=x&w-a=${toBase64Url('{"t":2}')}`);
    const sync = new UrlSync('a', fields, { host, delayMs: 100 });
    expect(sync.read()).toEqual({ t: 2, tau: 1 });
    sync.write({ t: 3, tau: 1 });
    sync.write({ t: 4, tau: 2 });
    expect(host.writes).toBe(0);
    vi.advanceTimersByTime(100);
    expect(host.writes).toBe(1);
    const again = new UrlSync('a', fields, { host });
    expect(again.read()).toEqual({ t: 4, tau: 2 });
    expect(host.hash.startsWith('#w-other=x&')).toBe(true);
  });
  it('read() keeps a widget’s own `view` field when the widget has no view tabs (performance-results’ chart choice)', () => {
    const own = { view: intField(0, 0, 3) };
    const host = memoryHash(`#w-a=${toBase64Url('{"view":2}')}`);
    const sync = new UrlSync('a', own, { host });
    expect(sync.read()).toEqual({ view: 2 });
    expect(sync.messages).toEqual([]);
  });
  it('read() of a broken field shows a message and uses that field’s default only', () => {
    const host = memoryHash(`#w-a=${toBase64Url('{"t":-3,"tau":2.5}')}`);
    const sync = new UrlSync('a', fields, { host });
    expect(sync.read()).toEqual({ t: 0, tau: 2.5 });
    expect(sync.messages).toHaveLength(1);
    sync.dismiss();
    expect(sync.messages).toEqual([]);
  });
  it('messagesWith() appends the widget’s own problems after the link’s, skipping empty ones', () => {
    const host = memoryHash(`#w-a=${toBase64Url('{"t":-3}')}`);
    const sync = new UrlSync('a', fields, { host });
    sync.read();
    const link = sync.messages;
    expect(sync.messagesWith('', undefined)).toBe(link);
    expect(sync.messagesWith('overflow', '')).toEqual([...link, 'overflow']);
    sync.dismiss();
    expect(sync.messagesWith('overflow')).toEqual(['overflow']);
  });
  it('write() before read() does nothing, so defaults never overwrite a shared link', () => {
    const host = memoryHash('#w-a=abc');
    const sync = new UrlSync('a', fields, { host });
    sync.write({ t: 0, tau: 1 });
    sync.flush();
    expect(host.hash).toBe('#w-a=abc');
  });
  it('write(defaults) removes the widget’s parameter from the hash', () => {
    const host = memoryHash(`#w-a=${toBase64Url('{"t":2}')}`);
    const sync = new UrlSync('a', fields, { host });
    sync.read();
    sync.write({ t: 0, tau: 1 });
    sync.flush();
    expect(host.hash).toBe('');
  });
});
