import { describe, expect, it } from 'vitest';
import { isOverflow, moveCell, pxPerStep, scrubValue } from '~lib/ui/grid-nav.ts';

describe('moveCell', () => {
  it('moveCell(arrow) moves one cell and stops at the edges', () => {
    expect(moveCell('ArrowRight', [0, 0], 2, 3)).toEqual([0, 1]);
    expect(moveCell('ArrowDown', [1, 2], 2, 3)).toEqual([1, 2]);
    expect(moveCell('ArrowLeft', [0, 0], 2, 3)).toEqual([0, 0]);
  });
  it('moveCell(Home/End) goes to the row ends, with Ctrl to the corners', () => {
    expect(moveCell('End', [1, 0], 2, 3)).toEqual([1, 2]);
    expect(moveCell('Home', [1, 2], 2, 3, true)).toEqual([0, 0]);
    expect(moveCell('End', [0, 0], 2, 3, true)).toEqual([1, 2]);
    expect(moveCell('PageDown', [0, 1], 2, 3)).toEqual([1, 1]);
  });
  it('moveCell(other key) returns undefined', () => {
    expect(moveCell('a', [0, 0], 2, 2)).toBeUndefined();
  });
});

describe('scrubValue', () => {
  it('scrubValue(start, dx, step) adds whole steps per pxPerStep pixels without float noise', () => {
    expect(scrubValue(0.1, 2 * pxPerStep, 0.1)).toBe(0.3);
    expect(scrubValue(1, -pxPerStep * 3.9, 0.5)).toBe(-0.5);
    expect(scrubValue(1, pxPerStep - 1, 0.1)).toBe(1);
  });
});

describe('isOverflow', () => {
  it('isOverflow(x) marks non-finite and huge values only', () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, 2e6, -1e6].map(isOverflow)).toEqual([true, true, true, true]);
    expect([0, 999_999, -3.5].map(isOverflow)).toEqual([false, false, false]);
  });
});
