import { describe, expect, it } from 'vitest';
import { heatmapPlot, linesOverTime } from '~lib/plot/figures.ts';
import { LEGEND_HEIGHT, loadPlot, Plot, plotLoaded, probeHeight } from '~lib/plot/lazy.ts';

// One file, in order: the probes run before Observable Plot is loaded, the last test loads it.
describe('plot-lazy before Observable Plot has loaded', () => {
  const rows = [
    { step: 1, value: 0.2, series: 'z', unit: 1 },
    { step: 2, value: 0.7, series: 'z', unit: 1 },
  ];

  it('probeHeight(draw, width) reports the height a builder asks Plot for, plus its swatch legend', () => {
    expect(plotLoaded()).toBe(false);
    const h = probeHeight(
      (w) =>
        linesOverTime(rows as never, {
          width: w,
          height: 180,
          xLabel: 'step t',
          yLabel: 'value',
          unitName: (u) => `unit ${u}`,
        }),
      640,
    );
    expect(h).toBe(180 + LEGEND_HEIGHT.swatches);
  });

  it('probeHeight counts a heatmap colour ramp drawn before the chart', () => {
    const cells = [
      { row: 'a', col: 'x', i: 0, j: 0, value: 0.1 },
      { row: 'b', col: 'x', i: 1, j: 0, value: 0.9 },
    ];
    const h = probeHeight((w) => heatmapPlot(cells, { width: w, domain: [0, 1], cellSize: 30 }), 300);
    expect(h).toBe(Math.max(80, 2 * 30 + 40) + LEGEND_HEIGHT.ramp);
  });

  it('probeHeight gives undefined for a draw that never reaches Plot.plot or throws something else', () => {
    expect(probeHeight(() => ({}) as HTMLElement, 640)).toBeUndefined();
    expect(
      probeHeight(() => {
        throw new Error('boom');
      }, 640),
    ).toBeUndefined();
  });

  it('Plot.* outside a probe throws a message naming the function and PlotFigure', () => {
    expect(() => Plot.lineY([], {})).toThrow(/Plot\.lineY.*PlotFigure/);
  });

  it('loadPlot() resolves with the real module; Plot.* then forwards to it and probes still answer', async () => {
    const m = await loadPlot();
    expect(plotLoaded()).toBe(true);
    expect(Plot.lineY).toBe(m.lineY);
    expect(probeHeight(() => Plot.plot({ height: 99 }), 640)).toBe(99);
  });
});
