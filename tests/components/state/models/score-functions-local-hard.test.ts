import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '~lib/url/state.ts';
import { drawHard, HardAttentionState, hardFields } from '~components/state/models/hard-attention.svelte.ts';
import { LocalAttentionState, localFields } from '~components/state/models/local-attention.svelte.ts';
import { ScoresState, scoreFields } from '~components/state/models/score-functions.svelte.ts';
import { draws64, local64, luong64, mismatch, softmax64, weighted64 } from '../../../reference/float64/index.ts';

describe('ScoresState', () => {
  it('dot, general and concat scores and weights equal float64 Luong scores', () => {
    const s = new ScoresState();
    const { dot, general, concat } = s.result.byKind;
    const H = s.sources as number[][];
    const want = {
      dot: luong64('dot', s.target, H),
      general: luong64('general', s.target, H, s.general),
      concat: luong64('concat', s.target, H, s.concatW, s.concatV),
    };
    expect(mismatch(dot.scores, want.dot)).toBe('');
    expect(mismatch(general.scores, want.general)).toBe('');
    expect(mismatch(concat.scores, want.concat)).toBe('');
    expect(mismatch(concat.alpha, softmax64(want.concat))).toBe('');
  });

  it('the three weightings differ on the default example', () => {
    const { dot, general, concat } = new ScoresState().result.byKind;
    const gap = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - (b[i] ?? 0))));
    expect(gap(dot.alpha, general.alpha)).toBeGreaterThan(0.05);
    expect(gap(dot.alpha, concat.alpha)).toBeGreaterThan(0.05);
    expect(gap(general.alpha, concat.alpha)).toBeGreaterThan(0.05);
  });

  it('setIdentity() makes general weights identical to dot weights, bit for bit', () => {
    const s = new ScoresState();
    s.setIdentity();
    expect(s.generalIsIdentity).toBe(true);
    expect(s.result.byKind.general.alpha).toEqual(s.result.byKind.dot.alpha);
    expect(s.result.byKind.general.scores).toEqual(s.result.byKind.dot.scores);
  });

  it('equal encoder states get equal weights under every score', () => {
    const s = new ScoresState();
    for (let k = 0; k < 3; k++) s.setSource(1, k, s.sources[0]?.[k] ?? 0);
    for (const kind of ['dot', 'general', 'concat'] as const) {
      const a = s.result.byKind[kind].alpha;
      expect(a[0]).toBe(a[1]);
    }
  });

  it('snapshot round-trips through the URL form; setters refuse NaN', () => {
    const s = new ScoresState();
    s.setTarget(0, 2);
    s.setConcatV(1, Number.NaN);
    s.scaleTarget(2);
    const back = decodeState(scoreFields, encodeState(scoreFields, s.snapshot()));
    const t = new ScoresState();
    t.restore(back.state);
    expect(t.snapshot()).toEqual(s.snapshot());
    expect(t.target[0]).toBe(4);
    t.reset();
    expect(t.snapshot()).toEqual(new ScoresState().snapshot());
  });
});

describe('LocalAttentionState', () => {
  it('local weights equal the float64 window softmax and are exactly 0 outside [p − D, p + D]', () => {
    const s = new LocalAttentionState();
    for (const [p, D, g] of [
      [5, 1, false],
      [2, 2, true],
      [8, 0, false],
      [4, 3, true],
    ] as const) {
      s.setCenter(p);
      s.setHalfWidth(D);
      s.setGaussian(g);
      const e = luong64('dot', s.target, s.sources);
      expect(mismatch(s.result.scores, e)).toBe('');
      const want = local64(e, p - 1, D, g);
      expect(mismatch(s.result.local.alpha, want)).toBe('');
      s.result.local.alpha.forEach((a, j) => {
        if (Math.abs(j + 1 - p) > D) expect(a).toBe(0);
      });
      expect(mismatch(s.result.local.context, weighted64(want, s.sources))).toBe('');
    }
  });

  it('global weights are the softmax over every position; D ≥ m − 1 without Gaussian equals global', () => {
    const s = new LocalAttentionState();
    expect(mismatch(s.result.global.alpha, softmax64(s.result.scores))).toBe('');
    s.setCenter(4);
    s.setHalfWidth(7);
    expect(mismatch(s.result.local.alpha, s.result.global.alpha)).toBe('');
  });

  it('snapshot round-trips; center and width are clamped', () => {
    const s = new LocalAttentionState();
    s.setCenter(40);
    s.setHalfWidth(-3);
    s.setGaussian(true);
    expect([s.p, s.D]).toEqual([8, 0]);
    const back = decodeState(localFields, encodeState(localFields, s.snapshot()));
    const t = new LocalAttentionState();
    t.restore(back.state);
    expect(t.snapshot()).toEqual(s.snapshot());
  });
});

describe('drawHard(e, H, seed, K)', () => {
  const e = [1.2, 0.7, -0.05, -0.9];
  const H = [
    [1, 0],
    [0, 1],
    [-1, 0.5],
    [0.5, -1],
  ];

  it('draws the same positions as a float64 inverse-CDF sampler on mulberry32(seed)', () => {
    const got = drawHard(e, H, 42, 400);
    expect(got.positions).toEqual(draws64(softmax64(e), 42, 400));
    expect(mismatch(got.alpha, softmax64(e))).toBe('');
    expect(mismatch(got.soft, weighted64(softmax64(e), H))).toBe('');
  });

  it('is reproducible for a seed and differs for another seed', () => {
    expect(drawHard(e, H, 7, 50).positions).toEqual(drawHard(e, H, 7, 50).positions);
    expect(drawHard(e, H, 8, 50).positions).not.toEqual(drawHard(e, H, 7, 50).positions);
  });

  it('the histogram approaches α as K grows, and the spread approaches its expectation', () => {
    const few = drawHard(e, H, 42, 20);
    const many = drawHard(e, H, 42, 5000);
    expect(many.gap.at(-1)).toBeLessThan(0.02);
    expect(many.gap.at(-1)).toBeLessThan(few.gap.at(-1) ?? 0);
    expect(Math.abs(many.spread - many.expectedSpread)).toBeLessThan(0.05 * many.expectedSpread);
  });
});

describe('HardAttentionState', () => {
  it('drawAgain moves to the next seed; the snapshot round-trips', () => {
    const s = new HardAttentionState();
    const first = s.result.positions;
    s.drawAgain();
    expect(s.seed).not.toBe(42);
    expect(s.result.positions).not.toEqual(first);
    s.setDraws(1e9);
    expect(s.K).toBe(5000);
    const back = decodeState(hardFields, encodeState(hardFields, s.snapshot()));
    const t = new HardAttentionState();
    t.restore(back.state);
    expect(t.result.positions).toEqual(s.result.positions);
  });
});
