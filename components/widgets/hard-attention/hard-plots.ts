import { m } from '~lib/i18n/messages.ts';
import { Plot } from '~lib/plot/lazy.ts';

const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;

/** α beside the share of draws at each position. */
export function histogramBars(alpha: readonly number[], frequency: readonly number[], K: number, width: number) {
  // `what` is the legend's words for the series; `drawn` says which bar of the pair it is.
  const soft = m.widget_hard_attention_series_soft();
  const sample = m.widget_hard_attention_series_share({ draws: K });
  const rows = [
    ...alpha.map((a, s) => ({ what: soft, drawn: false, s: s + 1, v: a })),
    ...frequency.map((f, s) => ({ what: sample, drawn: true, s: s + 1, v: f })),
  ];
  return Plot.plot({
    width,
    height: 210,
    style,
    x: {
      label: m.widget_hard_attention_axis_position(),
      domain: [0.5, alpha.length + 0.5],
      ticks: alpha.length,
      tickFormat: 'd',
    },
    y: { domain: [0, 1], label: m.widget_hard_attention_axis_probability(), grid: true },
    // The colour label is never drawn (swatch legends have no title): the tip names its row by it.
    color: {
      domain: [soft, sample],
      range: ['#7570b3', '#d95f02'],
      legend: true,
      label: m.widget_hard_attention_tip_what(),
    },
    marks: [
      Plot.rectY(rows, {
        x1: (d: { s: number; drawn: boolean }) => d.s - (d.drawn ? 0 : 0.4),
        x2: (d: { s: number; drawn: boolean }) => d.s + (d.drawn ? 0.4 : 0),
        y: 'v',
        fill: 'what',
        tip: true,
      }),
      Plot.ruleY([0]),
    ],
  });
}

/** After k draws, the largest gap between the histogram and α (log–log): it shrinks roughly like 1/√k. */
export function gapPlot(gap: readonly number[], width: number) {
  const rows = gap.map((g, k) => ({ k: k + 1, g })).filter((r) => r.g > 0);
  return Plot.plot({
    width,
    height: 210,
    style,
    marginLeft: 48,
    x: { type: 'log', label: m.widget_hard_attention_axis_draws(), grid: true },
    y: { type: 'log', label: m.widget_hard_attention_axis_gap(), grid: true, tickFormat: '.2~f' },
    marks: [Plot.line(rows, { x: 'k', y: 'g', stroke: 'currentColor', strokeWidth: 1.5 })],
  });
}
