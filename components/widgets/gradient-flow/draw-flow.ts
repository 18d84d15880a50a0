import type { Markish } from '@observablehq/plot';
import { m } from '~lib/i18n/messages.ts';
import { Plot } from '~lib/plot/lazy.ts';
import type { FlowPoint } from '~components/state/models/gradient-flow.compute.ts';
import { clampForLog, LOG_CEILING, LOG_FLOOR } from '~components/state/models/gradient-flow.svelte.ts';

/** The curves the chart can draw: key into FlowPoint, CSS class (colour, dash) and legend name (a message). */
export const flowSeries = [
  { key: 'rnn', className: 'gf-rnn', name: m.widget_gradient_flow_series_rnn },
  { key: 'lstmCell', className: 'gf-lstm', name: m.widget_gradient_flow_series_lstm_cell },
  { key: 'rnnClipped', className: 'gf-clip', name: m.widget_gradient_flow_series_rnn_clipped },
] as const;

/** Which series are on: the clipped curve only when clipping is on. */
export function seriesShown(clip: number) {
  return flowSeries.filter((s) => s.key !== 'rnnClipped' || clip > 0);
}

/**
 * ‖∂h_T/∂h_t‖ against t on a log axis. Values outside [1e-30, 1e30] (0 after
 * underflow, ∞ after overflow) are pinned to the edge and drawn hollow, so a
 * line never silently vanishes.
 */
export function drawFlow(points: readonly FlowPoint[], clip: number, width: number): SVGSVGElement | HTMLElement {
  const shown = seriesShown(clip);
  const values = points.flatMap((p) => shown.map((s) => clampForLog(p[s.key])));
  const lo = Math.min(1e-3, ...values) / 3;
  const hi = Math.max(10, ...values) * 3;
  const domain: [number, number] = [Math.max(LOG_FLOOR, lo), Math.min(LOG_CEILING, hi)];
  // No line at θ: θ bounds the whole parameter gradient's norm, not any one ‖∂h_T/∂h_t‖.
  const marks: Markish[] = [Plot.ruleY([1], { stroke: 'currentColor', strokeOpacity: 0.4 })];
  for (const s of shown) {
    const rows = points.map((p) => ({ t: p.t, v: clampForLog(p[s.key]), pinned: clampForLog(p[s.key]) !== p[s.key] }));
    marks.push(Plot.lineY(rows, { x: 't', y: 'v', className: s.className, strokeWidth: 2 }));
    const pinned = rows.filter((r) => r.pinned);
    if (pinned.length > 0)
      marks.push(Plot.dot(pinned, { x: 't', y: 'v', className: `${s.className} gf-pinned`, r: 3 }));
  }
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 56,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    x: { label: m.widget_gradient_flow_axis_step(), domain: [0, points.length - 1] },
    y: {
      type: 'log',
      domain,
      label: m.widget_gradient_flow_axis_norm(),
      grid: true,
      ticks: 6,
      tickFormat: (v: number) => tick(v),
    },
    marks,
  });
}

/** Log ticks as 1e-12, 1, 1e6 (Plot's default prints every digit). */
function tick(v: number): string {
  if (v >= 0.01 && v <= 1000) return String(v);
  return v.toExponential(0).replace('e+', 'e').replace('-', '−');
}
