import { Plot } from '~lib/plot/lazy.ts';

const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;

/** α beside the share of draws at each position. */
export function histogramBars(alpha: readonly number[], frequency: readonly number[], K: number, width: number) {
  const sample = `share of ${K} draws`;
  const rows = [
    ...alpha.map((a, s) => ({ what: 'α (soft weight)', s: s + 1, v: a })),
    ...frequency.map((f, s) => ({ what: sample, s: s + 1, v: f })),
  ];
  return Plot.plot({
    width,
    height: 210,
    style,
    x: { label: 'source position s', domain: [0.5, alpha.length + 0.5], ticks: alpha.length, tickFormat: 'd' },
    y: { domain: [0, 1], label: 'probability', grid: true },
    color: { domain: ['α (soft weight)', sample], range: ['#7570b3', '#d95f02'], legend: true },
    marks: [
      Plot.rectY(rows, {
        x1: (d: { s: number; what: string }) => d.s - (d.what === sample ? 0 : 0.4),
        x2: (d: { s: number; what: string }) => d.s + (d.what === sample ? 0.4 : 0),
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
    x: { type: 'log', label: 'draws so far k', grid: true },
    y: { type: 'log', label: 'max |share − α|', grid: true, tickFormat: '.2~f' },
    marks: [Plot.line(rows, { x: 'k', y: 'g', stroke: 'currentColor', strokeWidth: 1.5 })],
  });
}
