import { seriesColours } from '~lib/colour/palette.ts';
import { m } from '~lib/i18n/messages.ts';
import { Plot } from '~lib/plot/lazy.ts';
import type { Measurement } from '~components/state/models/encoder-bottleneck.svelte.ts';

const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;

/** float32 keeps about 7 digits: a change of c smaller than this (relative to ‖c‖) cannot be seen at all. */
export const float32Resolution = 2 ** -23;

/** ‖c‖·2⁻²³: below this line a Δ is rounding, not signal. */
export function floorOf(c: readonly number[]): number {
  return Math.hypot(...c) * float32Resolution;
}

/** Δ_j against j on a log axis, zeros (changes float32 cannot see) left out, with the float32 floor dashed. */
export function deltaPlot(run: Measurement, width: number): SVGSVGElement | HTMLElement {
  const points = run.delta.map((d, k) => ({ j: k + 1, d })).filter((p) => p.d > 0);
  const floor = floorOf(run.c);
  return Plot.plot({
    width,
    height: 230,
    style,
    marginLeft: 52,
    x: {
      label: m.widget_encoder_bottleneck_axis_position(),
      domain: [0.5, run.n + 0.5],
      ticks: run.n <= 16 ? run.n : 8,
      tickFormat: 'd',
    },
    y: {
      type: 'log',
      label: m.widget_encoder_bottleneck_axis_change(),
      grid: true,
      domain: [Math.min(floor / 2, ...points.map((p) => p.d)), 2],
      tickFormat: '.0e',
    },
    marks: [
      Plot.ruleY([floor], { stroke: 'currentColor', strokeDasharray: '4 3', strokeOpacity: 0.6 }),
      Plot.ruleX(points, { x: 'j', y1: floor / 2, y2: 'd', className: 'delta-stem', strokeWidth: 2 }),
      Plot.dot(points, { x: 'j', y: 'd', className: 'delta-dot', r: 3.5, tip: true }),
    ],
  });
}

/** Δ_j against j for several lengths at once: each line is one input length n. */
export function overlayPlot(ms: readonly Measurement[], width: number): SVGSVGElement | HTMLElement {
  const rows = ms
    .flatMap((run) => run.delta.map((d, k) => ({ n: `n = ${run.n}`, j: k + 1, d })))
    .filter((r) => r.d > 0);
  return Plot.plot({
    width,
    height: 230,
    style,
    marginLeft: 52,
    x: { label: m.widget_encoder_bottleneck_axis_position(), tickFormat: 'd' },
    y: { type: 'log', label: m.widget_encoder_bottleneck_axis_change(), grid: true, tickFormat: '.0e' },
    color: { legend: true, domain: ms.map((run) => `n = ${run.n}`), range: seriesColours(ms.length) },
    marks: [
      Plot.line(rows, { x: 'j', y: 'd', stroke: 'n', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'j', y: 'd', fill: 'n', r: 2.5, tip: true }),
    ],
  });
}
