import { describe, expect, it } from 'vitest';
import { heatCells, symmetricDomain, unitDomain } from '~lib/plot/heatmap.ts';
import { lineKey, seriesRows, trajectory } from '~lib/plot/series.ts';
import { backendLabel, formatMs, summarizeCalls } from '~lib/ui/backend-summary.ts';

describe('summarizeCalls', () => {
  it('summarizeCalls(calls) totals time, counts ops and orders backends by use', () => {
    const s = summarizeCalls([
      { op: 'matmul', backend: 'webgl2', ms: 1 },
      { op: 'matmul', backend: 'webgl2', ms: 2 },
      { op: 'sigmoid', backend: 'cpu', ms: 0.5 },
    ]);
    expect(s.backends).toEqual(['webgl2', 'cpu']);
    expect(s.ms).toBe(3.5);
    expect(s.ops).toBe(3);
    expect(s.byOp).toContainEqual({ op: 'matmul', count: 2, backend: 'webgl2' });
  });
  it('formatMs(ms) says "< 0.1 ms" below the timer resolution', () => {
    expect(formatMs(0.01)).toBe('< 0.1 ms');
    expect(formatMs(1.234)).toBe('1.23 ms');
    expect(formatMs(42.4)).toBe('42 ms');
    expect(backendLabel('webgl2')).toBe('WebGL2');
  });
});

describe('plot adapters', () => {
  it('seriesRows(steps) gives one row per unit per step, 1-based, NaN for non-finite values', () => {
    const rows = seriesRows([{ z: [0.1, 0.2] }, { z: [0.3, Number.POSITIVE_INFINITY] }]);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toEqual({ step: 2, series: 'z', unit: 2, value: Number.NaN });
    expect(lineKey(rows[0] ?? rows[1] ?? ({} as never))).toBe('z[1]');
  });
  it('trajectory(states, 0, 1) pairs two units per step', () => {
    expect(
      trajectory(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        0,
        2,
      ),
    ).toEqual([
      { step: 1, x: 1, y: 3 },
      { step: 2, x: 4, y: 6 },
    ]);
  });
  it('heatCells(m, labels) is row-major with labels; symmetricDomain centres zero', () => {
    const cells = heatCells([[1, -2]], ['q1'], ['k1', 'k2']);
    expect(cells[1]).toEqual({ row: 'q1', col: 'k2', i: 0, j: 1, value: -2 });
    expect(symmetricDomain([1, -2])).toEqual([-2, 2]);
    expect(unitDomain([0.2, 0.5])).toEqual([0, 0.5]);
  });
});
