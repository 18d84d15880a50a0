import { describe, expect, it } from 'vitest';
import { mulberry32, randomMatrix, seedFrom } from '~lib/random/seeds.ts';
import { GridCursor } from '~components/state/kit/grid-cursor.svelte.ts';
import { WeightsState } from '~components/state/kit/weights.svelte.ts';

const specs = [
  {
    symbol: 'W',
    label: 'W',
    initial: [
      [1, 2],
      [3, 4],
    ],
  },
  { symbol: 'b', label: 'b', initial: [[0], [0]] },
];
const presets = [{ id: 'big', label: 'big bias', values: { b: [[5], [5]] } }];

describe('WeightsState', () => {
  it('set(symbol, i, j, v) changes one entry and refuses NaN, Infinity and bad positions', () => {
    const w = new WeightsState(specs);
    expect(w.set('W', 0, 1, -0.5)).toBe(true);
    expect(w.get('W')).toEqual([
      [1, -0.5],
      [3, 4],
    ]);
    expect(w.set('W', 0, 1, Number.NaN)).toBe(false);
    expect(w.set('W', 0, 1, Number.POSITIVE_INFINITY)).toBe(false);
    expect(w.set('W', 5, 0, 1)).toBe(false);
    expect(w.get('W')[0]).toEqual([1, -0.5]);
  });
  it('applyPreset(id) starts from the initial values and overlays the preset; reset() restores', () => {
    const w = new WeightsState(specs, presets);
    w.set('W', 0, 0, 9);
    expect(w.applyPreset('big')).toBe(true);
    expect(w.preset).toBe('big');
    expect(w.get('b')).toEqual([[5], [5]]);
    expect(w.get('W')[0]).toEqual([1, 2]);
    expect(w.applyPreset('nope')).toBe(false);
    w.reset();
    expect(w.get('b')).toEqual([[0], [0]]);
  });
  it('randomize(seed) is reproducible: the same seed gives the same weights', () => {
    const a = new WeightsState(specs);
    const b = new WeightsState(specs);
    a.randomize(42);
    b.randomize(42);
    expect(a.values).toEqual(b.values);
    expect(a.seed).toBe(b.seed);
    expect(a.seed).not.toBe(42);
  });
  it('assign(values) skips matrices of the wrong shape', () => {
    const w = new WeightsState(specs);
    w.assign({ W: [[1]], b: [[7], [8]] });
    expect(w.get('W')).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(w.get('b')).toEqual([[7], [8]]);
  });
});

describe('random', () => {
  it('randomMatrix(seed, r, c) is deterministic, in range and rounded', () => {
    const m = randomMatrix(7, 3, 2, 0.5);
    expect(m).toEqual(randomMatrix(7, 3, 2, 0.5));
    for (const v of m.flat()) {
      expect(Math.abs(v)).toBeLessThanOrEqual(0.5);
      expect(Math.round(v * 100) / 100).toBe(v);
    }
  });
  it('mulberry32(1) starts with the reference sequence and seedFrom(text) is stable', () => {
    expect(mulberry32(1)()).toBeCloseTo(0.6270739405881613, 15);
    expect(seedFrom('gru')).toBe(seedFrom('gru'));
    expect(seedFrom('gru')).not.toBe(seedFrom('lstm'));
  });
});

describe('GridCursor', () => {
  it('move(key) moves the active cell; startEdit + commit returns the typed value', () => {
    const c = new GridCursor(2, 2);
    c.move('ArrowRight');
    c.move('ArrowDown');
    expect(c.active).toEqual([1, 1]);
    c.startEdit(0.5, '3');
    c.setDraft('3.25');
    expect(c.commit(0.5)).toEqual({ ok: true, value: 3.25 });
    expect(c.editing).toBe(false);
  });
  it('commit() refuses NaN and Infinity with a message naming the kept value, and stays editing', () => {
    const c = new GridCursor(1, 1);
    for (const bad of ['NaN', 'Infinity', 'abc', '']) {
      c.startEdit(0.5);
      c.setDraft(bad);
      expect(c.commit(0.5).ok, bad).toBe(false);
      expect(c.message, bad).toMatch(/Keeping 0\.500/);
      expect(c.editing).toBe(true);
    }
    c.cancel();
    expect(c.message).toBe('');
  });
  it('resize(r, c) keeps the active cell inside the new shape', () => {
    const c = new GridCursor(3, 3);
    c.select(2, 2);
    c.resize(2, 1);
    expect(c.active).toEqual([1, 0]);
  });
});
