import { describe, expect, it } from 'vitest';
import {
  dashes,
  fanWidths,
  gateOpening,
  offsetPolyline,
  pathData,
  scaleFor,
  strandOffsets,
  strokeFor,
  widthRange,
} from '~components/diagrams/geometry.ts';
import { covers } from '~components/state/kit/highlight.svelte.ts';

describe('strokeFor(value, scale)', () => {
  it('encodes the sign twice: colour end and dash (negative dashed, positive solid)', () => {
    expect(strokeFor(-0.5)).toMatchObject({ end: 'neg', dash: dashes.neg });
    expect(strokeFor(0.5)).toMatchObject({ end: 'pos', dash: dashes.none });
  });
  it('grows width and colour strength with |value| up to the scale, then stays', () => {
    const [a, b, c, d] = [0, 0.25, 1, 5].map((v) => strokeFor(v, 1));
    expect(a?.width).toBe(widthRange[0]);
    expect(a?.mix).toBe(25);
    expect(b?.width).toBeGreaterThan(a?.width ?? 0);
    expect(c?.width).toBe(widthRange[1]);
    expect(c?.mix).toBe(100);
    expect(d).toEqual(c);
    expect(strokeFor(-2, 4)).toEqual({ ...strokeFor(0.5, 1), end: 'neg', dash: dashes.neg });
  });
  it('draws NaN and ±∞ as a thin dotted, uncoloured wire', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(strokeFor(v)).toMatchObject({ finite: false, dash: dashes.bad, width: widthRange[0], mix: 0 });
    }
  });
});

describe('gateOpening(value)', () => {
  it('is the gate value clamped to [0, 1], closed for NaN', () => {
    expect([0.37, -0.2, 1.4, Number.NaN].map(gateOpening)).toEqual([0.37, 0, 1, 0]);
  });
});

describe('offsetPolyline(points, d)', () => {
  it('moves a straight wire sideways by d (left of travel)', () => {
    expect(
      offsetPolyline(
        [
          [0, 0],
          [10, 0],
        ],
        2,
      ),
    ).toEqual([
      [0, 2],
      [10, 2],
    ]);
  });
  it('keeps strands parallel through a right-angle bend (the mitre point is offset on both legs)', () => {
    const out = offsetPolyline(
      [
        [0, 0],
        [10, 0],
        [10, 10],
      ],
      -3,
    );
    expect(out[1]?.[0]).toBeCloseTo(13, 12);
    expect(out[1]?.[1]).toBeCloseTo(-3, 12);
    expect(out[2]?.[0]).toBeCloseTo(13, 12);
  });
  it('leaves a collinear middle point on the same offset line', () => {
    const out = offsetPolyline(
      [
        [0, 0],
        [5, 0],
        [10, 0],
      ],
      1,
    );
    expect(out.map((p) => p[1])).toEqual([1, 1, 1]);
  });
});

describe('strand layout', () => {
  it('centres n strands on the wire, gap apart', () => {
    expect(strandOffsets(1, 9)).toEqual([0]);
    expect(strandOffsets(2, 9)).toEqual([-4.5, 4.5]);
    expect(strandOffsets(3, 2)).toEqual([-2, 0, 2]);
  });
  it('writes path data rounded to 0.01', () => {
    expect(
      pathData([
        [0, 0],
        [1.23456, 2],
      ]),
    ).toBe('M0 0L1.23 2');
  });
  it('scaleFor takes the largest finite |value|, never below the floor', () => {
    expect(scaleFor([0.2, -3, Number.NaN])).toBe(3);
    expect(scaleFor([0.2])).toBe(1);
  });
  it('fanWidths grows with the weight and clamps to [0, 1]', () => {
    const [a, b, c] = fanWidths([0, 0.5, 2], 9);
    expect(a).toBe(0.6);
    expect(b).toBe(4.8);
    expect(c).toBe(9);
  });
});

describe('covers(lit, symbol, index)', () => {
  const lit = { symbol: 'r_t', index: '1,0', also: [{ symbol: 'r', index: '2,1' }] };
  it('lights the entry under its own name and under its other names', () => {
    expect(covers(lit, 'r_t', '1,0')).toBe(true);
    expect(covers(lit, 'r', '2,1')).toBe(true);
    expect(covers(lit, 'r', '2,0')).toBe(false);
    expect(covers(lit, 'r')).toBe(true);
    expect(covers(undefined, 'r')).toBe(false);
  });
});
