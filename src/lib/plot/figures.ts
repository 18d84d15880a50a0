import type { ScaleOptions } from '@observablehq/plot';
import { heatColour } from '../colour/diverging.ts';
import { seriesColours, unitDashes, unitSymbols } from '../colour/palette.ts';
import { m } from '../i18n/messages.ts';
import type { HeatCell } from './heatmap.ts';
import { chartDocument, Plot } from './lazy.ts';
import type { SeriesRow, TrajectoryPoint } from './series.ts';

/**
 * Chart builders for PlotFigure's `draw(width)`. Text and axes take
 * currentColor, so a theme switch restyles them without a redraw; nothing
 * animates (Plot draws static SVG), which keeps reduced-motion readers safe.
 */
const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;

/**
 * Lines of gate (or state) values over time, one per unit, with the current step marked. The axis labels and
 * the units' legend names are the caller's words (catalog messages, in the page's language).
 */
export function linesOverTime(
  rows: readonly SeriesRow[],
  opts: {
    width: number;
    height?: number;
    step?: number;
    yDomain?: [number, number];
    xLabel: string;
    yLabel: string;
    /** A unit's name in the legend, e.g. "unit 1". */
    unitName: (unit: number) => string;
  },
): SVGSVGElement | HTMLElement {
  const steps = rows.map((r) => r.step);
  const series = [...new Set(rows.map((r) => r.series))];
  const units = [...new Set(rows.map((r) => r.unit))];
  const unitName = (r: SeriesRow) => opts.unitName(r.unit);
  // Colour says which series (z, r, h), dash and dot shape which unit: no two lines differ by colour alone.
  return Plot.plot({
    width: opts.width,
    height: opts.height ?? 200,
    style,
    x: { label: opts.xLabel, ticks: [...new Set(steps)], tickFormat: 'd' },
    y: { domain: opts.yDomain ?? [0, 1], label: opts.yLabel, grid: true },
    color: { legend: true, domain: series, range: seriesColours(series.length) },
    symbol: { legend: units.length > 1, domain: units.map((u) => opts.unitName(u)), range: [...unitSymbols] },
    marks: [
      opts.step === undefined ? null : Plot.ruleX([opts.step], { stroke: 'currentColor', strokeOpacity: 0.35 }),
      ...units.map((u, k) =>
        Plot.lineY(
          rows.filter((r) => r.unit === u),
          {
            x: 'step',
            y: 'value',
            stroke: 'series',
            z: 'series',
            strokeWidth: 2,
            strokeDasharray: unitDashes[k % unitDashes.length],
          },
        ),
      ),
      // The tip names its channels in the page's language (Plot would show the field names "step", "value",
      // "series" and "symbol"); the unit's name ("unit 1") needs no label before it.
      Plot.dot(rows, {
        x: { value: 'step', label: opts.xLabel },
        y: { value: 'value', label: opts.yLabel },
        fill: { value: 'series', label: m.part_lines_tip_series() },
        symbol: { value: unitName, label: '' },
        r: 3,
        tip: true,
      }),
    ],
  });
}

/** A 2-D state trajectory (two units of h), points numbered by step. */
export function trajectoryPlot(
  points: readonly TrajectoryPoint[],
  opts: { width: number; height?: number; xLabel?: string; yLabel?: string; domain?: [number, number] },
): SVGSVGElement | HTMLElement {
  const domain = opts.domain ?? [-1, 1];
  return Plot.plot({
    width: opts.width,
    height: opts.height ?? Math.min(opts.width, 260),
    style,
    x: { domain, label: opts.xLabel ?? 'h[1]', grid: true },
    y: { domain, label: opts.yLabel ?? 'h[2]', grid: true },
    marks: [
      Plot.line(points, { x: 'x', y: 'y', stroke: 'currentColor', strokeOpacity: 0.5, marker: 'arrow' }),
      Plot.dot(points, { x: 'x', y: 'y', fill: 'currentColor', r: 3 }),
      Plot.text(points, { x: 'x', y: 'y', text: (d: TrajectoryPoint) => `t=${d.step}`, dy: -9 }),
    ],
  });
}

/**
 * A labelled heatmap on the site's diverging blue–orange scale (zero in the middle). The fills are
 * translucent (heatColour): a zero cell shows the page's background in either theme, with a faint outline,
 * and the numbers keep the theme's own text colour, WCAG AA on every cell (tests/lib/colour/diverging.test.ts).
 */
export function heatmapPlot(
  cells: readonly HeatCell[],
  opts: { width: number; domain: [number, number]; cellSize?: number; label?: string },
): SVGSVGElement | HTMLElement {
  // Keep the matrix's own order (Plot would sort ordinal labels alphabetically: "." before "car").
  const rowOrder = [...new Set(cells.map((c) => c.row))];
  const colOrder = [...new Set(cells.map((c) => c.col))];
  const rows = rowOrder.length;
  const size = opts.cellSize ?? 36;
  const diverging = opts.domain[0] < 0;
  const color = {
    type: diverging ? 'diverging' : 'linear',
    domain: opts.domain,
    interpolate: (t: number) => heatColour(t, diverging),
    label: opts.label,
  } as const;
  // The key first: while PlotFigure probes the height (before Plot has loaded), it counts too.
  const ramp = colorRamp(color);
  const chart = Plot.plot({
    width: opts.width,
    height: Math.max(80, rows * size + 40),
    style,
    padding: 0.05,
    x: { label: null, axis: 'top', domain: colOrder },
    y: { label: null, domain: rowOrder },
    color,
    marks: [
      // The tip names its channels in the page's language (Plot would show the field names "col", "row", "value").
      Plot.cell(cells, {
        x: { value: 'col', label: m.part_heatmap_tip_column() },
        y: { value: 'row', label: m.part_heatmap_tip_row() },
        fill: { value: 'value', label: opts.label ?? m.part_heatmap_tip_value() },
        stroke: 'currentColor',
        strokeOpacity: 0.15,
        tip: true,
      }),
      Plot.text(cells, { x: 'col', y: 'row', text: (d: HeatCell) => d.value.toFixed(2), fill: 'currentColor' }),
    ],
  });
  const figure = chartDocument().createElement('figure');
  figure.className = 'heatmap-figure';
  figure.append(ramp, chart);
  return figure;
}

const ramps = new Map<string, Element>();

/**
 * The colour key of a heatmap, drawn once per scale and cloned afterwards.
 * Plot draws a continuous legend on a canvas and encodes it with toDataURL;
 * redrawn on every edit, that PNG encoding was the largest single cost of a
 * multi-head widget update (four heatmaps) in the browser profile.
 */
function colorRamp(color: ScaleOptions): Element {
  const key = JSON.stringify(color);
  let ramp = ramps.get(key);
  if (ramp === undefined) {
    ramp = Plot.legend({ color, style }) as Element;
    // Only a drawn key is kept (a height probe's stand-in legend draws nothing).
    if (ramp) ramps.set(key, ramp);
  }
  return ramp?.cloneNode(true) as Element;
}
