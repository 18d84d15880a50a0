import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '~lib/url/state.ts';
import {
  defaultTokens,
  type HeadPattern,
  inProjection,
  outProjection,
  promisedArgmax,
  width,
} from '~components/state/data/multi-head-weights.ts';
import { MultiHeadState, multiHeadFields, multiHeadPresets } from '~components/state/models/multi-head.svelte.ts';
import { expectAllClose } from '../../../engine/tolerance.ts';

type M = number[][];
const argmax = (r: readonly number[]) => r.indexOf(Math.max(...r));

/** Independent float64 multi-head attention (zero biases). */
function reference(X: M, patterns: readonly HeadPattern[], on: readonly boolean[], seed = 1) {
  const Win = inProjection(patterns, seed);
  const WO = outProjection(on);
  const proj = (rows: M) => X.map((x) => rows.map((w) => w.reduce((s, v, p) => s + v * (x[p] as number), 0)));
  const [Q, K, V] = [proj(Win.slice(0, width)), proj(Win.slice(width, 2 * width)), proj(Win.slice(2 * width))];
  const dh = width / patterns.length;
  const concat: M = X.map(() => []);
  patterns.forEach((_, h) => {
    const cols = (m: M) => m.map((r) => r.slice(h * dh, (h + 1) * dh));
    const [q, k, v] = [cols(Q), cols(K), cols(V)];
    q.forEach((qi, i) => {
      const s = k.map((kj) => kj.reduce((a, x, p) => a + x * (qi[p] as number), 0) / Math.sqrt(dh));
      const m = Math.max(...s);
      const e = s.map((x) => Math.exp(x - m));
      const z = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < dh; c++)
        (concat[i] as number[]).push(e.reduce((a, x, j) => a + (x / z) * ((v[j] as number[])[c] as number), 0));
    });
  });
  return concat.map((c) => WO.map((w) => w.reduce((a, x, p) => a + x * (c[p] as number), 0)));
}

describe('MultiHeadState', () => {
  it('every preset gives each head its promised argmax per row, and out equals float64', () => {
    const s = new MultiHeadState();
    for (const p of multiHeadPresets) {
      s.applyPreset(p.id);
      p.patterns.forEach((pattern, h) => {
        const want = promisedArgmax(pattern, 6);
        if (want) expect(s.result.heads[h]?.Ap.map(argmax), `${p.id} head ${h + 1}`).toEqual(want);
      });
      expectAllClose(
        s.result.out,
        reference(
          defaultTokens(),
          p.patterns,
          p.patterns.map(() => true),
        ),
      );
    }
  });
  it('setOn(h, false) zeroes head h’s columns of W_O and of out, leaving the others', () => {
    const s = new MultiHeadState();
    const before = s.result.out.map((r) => [...r]);
    s.setOn(0, false);
    expect(s.W_O[0]?.[0]).toBe(0);
    expect(s.W_O[4]?.[4]).toBe(1);
    for (let i = 0; i < 6; i++) {
      expect(s.result.out[i]?.slice(0, 4)).toEqual([0, 0, 0, 0]);
      expect(s.result.out[i]?.slice(4)).toEqual(before[i]?.slice(4));
    }
  });
  it('setHeads(8) keeps only patterns one dimension can express; setPattern refuses position patterns there', () => {
    const s = new MultiHeadState();
    s.setHeads(8);
    expect(s.headDim).toBe(1);
    expect(s.patterns.every((p) => p === 'keyword' || p === 'random')).toBe(true);
    s.setPattern(0, 'previous');
    expect(s.patterns[0]).not.toBe('previous');
    s.setHeads(3);
    expect(s.heads).toBe(8);
  });
  it('each head’s weight rows A (traced as A′) sum to 1', () => {
    const s = new MultiHeadState();
    for (const head of s.result.heads)
      for (const row of head.Ap) expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-6);
  });
  it('snapshot → URL → restore reproduces the result; a head count of 3 is refused with a message', () => {
    const s = new MultiHeadState();
    s.applyPreset('four');
    s.setOn(2, false);
    s.setInput(1, 2, 0);
    const t = new MultiHeadState();
    t.restore(decodeState(multiHeadFields, encodeState(multiHeadFields, s.snapshot())).state);
    expect(t.result.out).toEqual(s.result.out);
    const bad = decodeState(multiHeadFields, btoa(JSON.stringify({ p: ['same', 'same', 'same'] })).replace(/=+$/, ''));
    expect(bad.messages.join()).toContain('“p” was invalid');
    expect(bad.state.p).toEqual(['previous', 'keyword']);
  });
});
