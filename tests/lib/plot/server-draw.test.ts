import { describe, expect, it } from 'vitest';
import { heatmapPlot, linesOverTime } from '~lib/plot/figures.ts';
import { chartSignature, drawOnServer, Plot, plotLoaded, SIGNATURE_ATTRIBUTE } from '~lib/plot/lazy.ts';
import { parseColour } from '~lib/plot/server-canvas.ts';

const rows = [
  { step: 1, value: 0.2, series: 'z', unit: 1 },
  { step: 2, value: 0.7, series: 'z', unit: 1 },
];
const lines = (values: readonly number[]) => (w: number) =>
  linesOverTime(
    rows.map((r, k) => ({ ...r, value: values[k] ?? 0 })),
    { width: w, height: 180, xLabel: 'step t', yLabel: 'value', unitName: (u) => `unit ${u}` },
  );

describe('drawOnServer: charts drawn into the HTML at build time', () => {
  it('drawOnServer(draw, width) gives the chart as HTML, stamped with its signature, without loading Plot in the page', () => {
    const html = drawOnServer(lines([0.2, 0.7]), 561) ?? '';
    expect(html).toMatch(/^<(svg|figure)\b/);
    expect(html).toContain(`${SIGNATURE_ATTRIBUTE}="${chartSignature(lines([0.2, 0.7]), 561)}"`);
    expect(html).toContain('aria-hidden="true"');
    expect(html).not.toContain('<style');
    expect(plotLoaded()).toBe(false);
    expect(() => Plot.lineY([], {})).toThrow(/PlotFigure/);
  });

  it('a heatmap draws on the server with its colour ramp as a PNG data URL', () => {
    const cells = [
      { row: 'a', col: 'x', i: 0, j: 0, value: -0.5 },
      { row: 'b', col: 'x', i: 1, j: 0, value: 0.9 },
    ];
    const html = drawOnServer((w) => heatmapPlot(cells, { width: w, domain: [-1, 1] }), 330) ?? '';
    expect(html).toMatch(/^<figure [^>]*class="heatmap-figure"/);
    expect(html).toMatch(/href="data:image\/png;base64,[A-Za-z0-9+/]+=*"/);
    expect(html).toContain('>0.90<');
  });

  it('ids are prefixed per server chart, references with them', () => {
    const draw = (w: number) =>
      Plot.plot({
        width: w,
        height: 100,
        marks: [
          Plot.line(
            [
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ],
            { x: 'x', y: 'y', marker: 'arrow' },
          ),
        ],
      });
    const a = drawOnServer(draw, 300) ?? '';
    const b = drawOnServer(draw, 300) ?? '';
    const ids = (html: string) => [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(a).length).toBeGreaterThan(0);
    expect(ids(a).filter((id) => ids(b).includes(id))).toEqual([]);
    for (const id of ids(a)) expect(a).toContain(`url(#${id})`);
  });

  it('chartSignature(draw, width) changes with a value, a function applied to the rows, and not with noise', () => {
    const base = chartSignature(lines([0.2, 0.7]), 561);
    expect(base).toBeDefined();
    expect(chartSignature(lines([0.2, 0.7 + 1e-12]), 561)).toBe(base);
    expect(chartSignature(lines([0.2, 0.71]), 561)).not.toBe(base);
    const focused = (focus: number) => (w: number) =>
      Plot.plot({
        width: w,
        marks: [
          Plot.barY(rows, { x: 'step', y: 'value', fillOpacity: (_d: unknown, i: number) => (i === focus ? 1 : 0.5) }),
        ],
      });
    expect(chartSignature(focused(0), 561)).not.toBe(chartSignature(focused(1), 561));
    expect(chartSignature(() => ({}) as HTMLElement, 561)).toBeUndefined();
  });

  it('parseColour reads the colours the site’s ramps use', () => {
    expect(parseColour('rgb(47 127 216 / 0.5)')).toEqual([47, 127, 216, 128]);
    expect(parseColour('rgba(1, 2, 3, 0.25)')).toEqual([1, 2, 3, 64]);
    expect(parseColour('#ff8000')).toEqual([255, 128, 0, 255]);
    expect(() => parseColour('hsl(0 0% 0%)')).toThrow(/colour/);
  });
});
