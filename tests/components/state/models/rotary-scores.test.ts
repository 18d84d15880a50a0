import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '~lib/url/state.ts';
import {
  RotaryScoresState,
  rotaryFields,
  rotaryKey,
  rotaryQuery,
  rotaryShifts,
} from '~components/state/models/rotary-scores.svelte.ts';
import { expectAllClose, TOLERANCE } from '../../../engine/tolerance.ts';
import { dot64, plus, rotate64, sinusoid64 } from '../../../reference/float64/index.ts';

/** Float64: the rotary score of q at i and k at j, and the score with PE added instead. */
function reference(q: readonly number[], k: readonly number[], i: number, j: number) {
  const [pi, pj] = [sinusoid64(1, q.length, i)[0] as number[], sinusoid64(1, k.length, j)[0] as number[]];
  return {
    qRot: rotate64(q, i),
    kRot: rotate64(k, j),
    rotary: dot64(rotate64(q, i), rotate64(k, j)),
    added: dot64(plus([[...q]], [pi])[0] as number[], plus([[...k]], [pj])[0] as number[]),
  };
}

describe('RotaryScoresState', () => {
  it('(R(i) q)·(R(j) k) and q·R(j − i) k equal the float64 rotation of each pair, at i = 2, j = 5 and i = 30, j = 4', () => {
    const s = new RotaryScoresState();
    for (const [i, j] of [
      [2, 5],
      [30, 4],
    ] as const) {
      s.setI(i);
      s.setJ(j);
      const ref = reference(rotaryQuery, rotaryKey, i, j);
      const r = s.result;
      expect(r.error).toBe('');
      r.qRot.forEach((x, c) => {
        expectAllClose(x, ref.qRot[c] as number, TOLERANCE.widget, `R(${i}) q [${c}]`);
      });
      r.kRot.forEach((x, c) => {
        expectAllClose(x, ref.kRot[c] as number, TOLERANCE.widget, `R(${j}) k [${c}]`);
      });
      expectAllClose(r.score, ref.rotary, TOLERANCE.widget, `score at ${i}, ${j}`);
      expectAllClose(r.fromOffset, ref.rotary, TOLERANCE.widget, `q · R(${j - i}) k`);
    }
  });

  it('the shift table: the rotary column is one value, the added-PE column is the float64 score and varies', () => {
    const s = new RotaryScoresState();
    s.set('q', 2, 1.4);
    const q = [...s.query];
    const rows = s.result.shifts;
    expect(rows.map((r) => r.s)).toEqual(Array.from({ length: rotaryShifts }, (_, k) => k));
    for (const r of rows) {
      const ref = reference(q, rotaryKey, 2 + r.s, 5 + r.s);
      expectAllClose(r.rotary, ref.rotary, TOLERANCE.widget, `rotary at s = ${r.s}`);
      expectAllClose(r.added, ref.added, TOLERANCE.widget, `added at s = ${r.s}`);
      expectAllClose(r.rotary, rows[0]?.rotary ?? Number.NaN, TOLERANCE.widget, `rotary at s = ${r.s} against s = 0`);
    }
    const added = rows.map((r) => r.added);
    expect(Math.max(...added) - Math.min(...added)).toBeGreaterThan(0.1);
  });

  it('positions outside 0 … 40 and non-integers are refused; snapshot → URL → restore keeps everything', () => {
    const a = new RotaryScoresState();
    a.setI(41);
    a.setJ(2.5);
    expect([a.i, a.j]).toEqual([2, 5]);
    a.setI(7);
    a.set('k', 0, -0.75);
    const b = new RotaryScoresState();
    b.restore(decodeState(rotaryFields, encodeState(rotaryFields, a.snapshot())).state);
    expect(b.snapshot()).toEqual(a.snapshot());
    b.reset();
    expect(b.snapshot()).toEqual({ i: 2, j: 5, q: [...rotaryQuery], k: [...rotaryKey] });
  });
});
