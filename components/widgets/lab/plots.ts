/**
 * The training lab's charts (Observable Plot, for PlotFigure's draw(width)):
 * loss and accuracy over steps, accuracy by input length for the model and
 * its twin, and an attention map with source tokens across and output
 * tokens down. Text takes currentColor so a theme switch needs no redraw.
 */

import { heatColour } from '~lib/colour/diverging.ts';
import { m } from '~lib/i18n/messages.ts';
import { Plot } from '~lib/plot/lazy.ts';

const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;

/**
 * Colours of the model and its twin (Plot's observable10 blue and yellow, readable on both themes).
 * The charts draw no Plot legend (its swatches need Plot's own <style>, which the CSP drops); SeriesKey shows it.
 */
export const seriesColors = ['#4269d0', '#efb118'] as const;

/** The colour scale of a chart whose series are `names` (model first). */
const seriesScale = (names: readonly string[]) => ({ domain: [...names], range: [...seriesColors] });

/** One point of a curve. */
export interface CurvePoint {
  readonly step: number;
  readonly value: number;
  readonly series: string;
}

/** At most `max` points: means over equal buckets of steps (the last point kept exact). */
export function downsample(values: readonly number[], max: number, firstStep = 1): { step: number; value: number }[] {
  const n = values.length;
  if (n <= max) return values.map((value, i) => ({ step: firstStep + i, value }));
  const out: { step: number; value: number }[] = [];
  const size = n / max;
  for (let b = 0; b < max; b++) {
    const lo = Math.floor(b * size);
    const hi = Math.min(n, Math.floor((b + 1) * size));
    let s = 0;
    for (let i = lo; i < hi; i++) s += values[i] as number;
    out.push({ step: firstStep + hi - 1, value: s / Math.max(1, hi - lo) });
  }
  return out;
}

/** Loss per step on a log axis (cross-entropy falls over orders of magnitude). */
export function lossPlot(
  points: readonly CurvePoint[],
  names: readonly string[],
  width: number,
): SVGSVGElement | HTMLElement {
  const finite = points.filter((p) => Number.isFinite(p.value) && p.value > 0);
  return Plot.plot({
    width,
    height: 220,
    style,
    marginLeft: 48,
    x: { label: m.widget_lab_axis_training_step(), grid: true, tickFormat: 'd' },
    y: { type: 'log', label: m.widget_lab_axis_loss(), grid: true, tickFormat: '~g' },
    color: seriesScale(names),
    marks: [Plot.lineY(finite, { x: 'step', y: 'value', stroke: 'series', z: 'series', strokeWidth: 1.6 })],
  });
}

/** Exact-sequence accuracy at each evaluation, 0–100 %. */
export function accuracyPlot(
  points: readonly CurvePoint[],
  names: readonly string[],
  width: number,
): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width,
    height: 220,
    style,
    marginLeft: 48,
    x: { label: m.widget_lab_axis_training_step(), grid: true, tickFormat: 'd' },
    y: { domain: [0, 100], label: m.widget_lab_axis_exact(), grid: true },
    color: seriesScale(names),
    marks: [
      Plot.lineY(points, {
        x: 'step',
        y: (d: CurvePoint) => 100 * d.value,
        stroke: 'series',
        z: 'series',
        strokeWidth: 1.6,
      }),
      Plot.dot(points, { x: 'step', y: (d: CurvePoint) => 100 * d.value, fill: 'series', r: 2 }),
    ],
  });
}

/** One bar of accuracy by input size. */
export interface SizePoint {
  readonly size: number;
  readonly value: number;
  readonly series: string;
}

/** Exact-sequence accuracy against input length, one line per model. */
export function bySizePlot(
  points: readonly SizePoint[],
  names: readonly string[],
  width: number,
  sizeLabel: string,
): SVGSVGElement | HTMLElement {
  const sizes = [...new Set(points.map((p) => p.size))].sort((a, b) => a - b);
  return Plot.plot({
    width,
    height: 220,
    style,
    marginLeft: 48,
    x: {
      label: sizeLabel,
      ticks: sizes,
      tickFormat: 'd',
      domain: sizes.length === 1 ? [(sizes[0] ?? 0) - 1, (sizes[0] ?? 0) + 1] : undefined,
    },
    y: { domain: [0, 100], label: m.widget_lab_axis_exact(), grid: true },
    color: seriesScale(names),
    marks: [
      Plot.lineY(points, {
        x: 'size',
        y: (d: SizePoint) => 100 * d.value,
        stroke: 'series',
        z: 'series',
        strokeWidth: 2,
      }),
      Plot.dot(points, { x: 'size', y: (d: SizePoint) => 100 * d.value, fill: 'series', r: 3.5, symbol: 'series' }),
    ],
  });
}

/** One α cell: output step i reads source position j with weight value. */
interface AlphaCell {
  readonly i: number;
  readonly j: number;
  readonly value: number;
}

/**
 * α as a heatmap: source tokens across the top, output tokens down the
 * side, 0 (the page's background, in either theme) to 1 (deep orange mixed
 * in as heatColour does; the numbers keep the theme's text colour). Positions, not tokens, key the
 * axes, so a repeated digit keeps its own column.
 */
export function alignmentPlot(
  source: readonly string[],
  output: readonly string[],
  alphas: readonly (readonly number[])[],
  width: number,
  highlight?: number,
): SVGSVGElement | HTMLElement {
  const cells: AlphaCell[] = alphas.flatMap((row, i) => row.map((value, j) => ({ i, j, value })));
  const lit = highlight !== undefined && highlight >= 0 && highlight < alphas.length ? highlight : undefined;
  const rows = alphas.length;
  const cols = source.length;
  const size = Math.max(14, Math.min(34, Math.floor((width - 60) / Math.max(1, cols))));
  const outLabel = (i: number) => output[i] ?? '⟨eos⟩';
  const chart = Plot.plot({
    width: Math.min(width, 60 + cols * size + 10),
    height: 50 + rows * size,
    style,
    marginLeft: 56,
    marginTop: 36,
    padding: 0.04,
    x: {
      domain: source.map((_, j) => j),
      axis: 'top',
      label: m.widget_lab_axis_source(),
      tickFormat: (j: number) => source[j] ?? '',
    },
    y: { domain: alphas.map((_, i) => i), label: m.widget_lab_axis_output(), tickFormat: (i: number) => outLabel(i) },
    // No Plot legend: its colour ramp is a canvas read back with toDataURL, which took most of
    // the main thread in the profile (the map redraws while training); AlignmentMap draws its own key.
    color: { type: 'linear', domain: [0, 1], interpolate: (t: number) => heatColour(t, false) },
    marks: [
      Plot.cell(cells, { x: 'j', y: 'i', fill: 'value', stroke: 'currentColor', strokeOpacity: 0.15 }),
      size >= 24
        ? Plot.text(cells, {
            x: 'j',
            y: 'i',
            text: (d: AlphaCell) => (d.value >= 0.005 ? d.value.toFixed(2).replace(/^0/, '') : ''),
            fill: 'currentColor',
            fontSize: 10,
          })
        : null,
      // The row a stepped search is at, outlined over the cells (one outline per cell keeps it on the bands).
      lit === undefined
        ? null
        : Plot.cell(
            source.map((_, j) => ({ i: lit, j })),
            { x: 'j', y: 'i', fill: 'none', stroke: 'var(--accent)', strokeWidth: 2.5 },
          ),
    ],
  });
  // The ticks are tokens of the model's vocabulary: data, not words to translate.
  for (const ticks of chart.querySelectorAll('[aria-label="x-axis tick label"], [aria-label="y-axis tick label"]')) {
    ticks.setAttribute('translate', 'no');
  }
  return chart;
}
