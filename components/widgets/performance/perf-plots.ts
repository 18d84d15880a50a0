import { Plot } from '~lib/plot/lazy.ts';
import type { LatencySummary, RatioRow, WeightSummary } from './results.ts';

/** Chart builders for the Performance page; text takes currentColor so both themes read. */
const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;
const backendColors = { domain: ['CPU', 'WebGL2 (software)'], range: ['#2f7fd8', '#d9822b'] };

/** Stepwise ÷ fastest TensorFlow.js per workload, log scale, with the parity line at 1. */
export function ratioPlot(rows: readonly RatioRow[], width: number): SVGSVGElement | HTMLElement {
  const labels = [...new Set(rows.map((r) => r.label))];
  return Plot.plot({
    width,
    height: 40 + labels.length * 22,
    marginLeft: 112,
    style,
    x: { type: 'log', label: 'Stepwise ÷ fastest tfjs (< 1: Stepwise faster)', grid: true },
    y: { domain: labels, label: null },
    color: { ...backendColors, legend: true },
    symbol: { domain: backendColors.domain, range: ['circle', 'triangle'] },
    marks: [
      Plot.ruleX([1], { stroke: 'currentColor', strokeOpacity: 0.6 }),
      Plot.dot(rows, { x: 'ratio', y: 'label', stroke: 'backend', symbol: 'backend', r: 4, strokeWidth: 2, tip: true }),
    ],
  });
}

/** Gzipped JS needed to hydrate each page, with the 100 KB budget. */
export function weightPlot(rows: readonly WeightSummary[], width: number, budgetKB = 100): SVGSVGElement | HTMLElement {
  const data = rows.map((r) => ({ page: r.page, kb: r.initialJs / 1024 }));
  return Plot.plot({
    width,
    height: 40 + data.length * 22,
    marginLeft: 150,
    style,
    x: { label: 'initial JS, KB gzipped', grid: true },
    y: { domain: data.map((d) => d.page), label: null },
    marks: [
      Plot.barX(data, { x: 'kb', y: 'page', fill: '#2f7fd8', fillOpacity: 0.8 }),
      Plot.ruleX([budgetKB], { stroke: '#c0392b', strokeWidth: 2 }),
      Plot.ruleX([0], { stroke: 'currentColor' }),
    ],
  });
}

/** Input-to-paint p50 and p95 per widget, with one 16 ms frame marked. */
export function latencyPlot(rows: readonly LatencySummary[], width: number, frameMs = 16): SVGSVGElement | HTMLElement {
  const ok = rows.filter((r) => r.paintP50 !== null && r.paintP95 !== null);
  const data = ok.flatMap((r) => [
    { widget: r.widget, stat: 'p50', ms: r.paintP50 as number },
    { widget: r.widget, stat: 'p95', ms: r.paintP95 as number },
  ]);
  return Plot.plot({
    width,
    height: 40 + ok.length * 22,
    marginLeft: 140,
    style,
    x: { type: 'log', label: 'input → painted, ms (log)', grid: true },
    y: { domain: ok.map((r) => r.widget), label: null },
    color: { domain: ['p50', 'p95'], range: ['#2f7fd8', '#d9822b'], legend: true },
    marks: [
      Plot.ruleX([frameMs], { stroke: '#c0392b', strokeWidth: 2 }),
      Plot.ruleY(ok, { y: 'widget', x1: 'paintP50', x2: 'paintP95', stroke: 'currentColor', strokeOpacity: 0.4 }),
      Plot.dot(data, { x: 'ms', y: 'widget', fill: 'stat', r: 4, tip: true }),
    ],
  });
}
