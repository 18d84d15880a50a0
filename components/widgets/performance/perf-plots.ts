import { m } from '~lib/i18n/messages.ts';
import { Plot } from '~lib/plot/lazy.ts';
import type { LatencySummary, RatioRow, WeightSummary } from './results.ts';

/** Chart builders for the Performance page; text takes currentColor so both themes read. */
const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;
const backendRange = ['#2f7fd8', '#d9822b'];
/** The legend's words for a row's backend id. */
const backendName = (b: RatioRow['backend']) =>
  b === 'CPU' ? m.part_backend_cpu() : m.widget_performance_results_backend_webgl2();

/**
 * A chart with one 22 px row per name down the y axis (what all three charts are). With `dataNames` the names are
 * data (page paths, widget ids): their tick labels carry translate="no".
 */
function rowChart(
  names: readonly string[],
  width: number,
  marginLeft: number,
  options: Omit<NonNullable<Parameters<typeof Plot.plot>[0]>, 'y'>,
  dataNames = false,
): SVGSVGElement | HTMLElement {
  const chart = Plot.plot({
    width,
    height: 40 + names.length * 22,
    marginLeft,
    style,
    y: { domain: [...names], label: null },
    ...options,
  });
  if (dataNames) {
    for (const ticks of chart.querySelectorAll('[aria-label="y-axis tick label"]'))
      ticks.setAttribute('translate', 'no');
  }
  return chart;
}

/**
 * Stepwise ÷ fastest TensorFlow.js per workload, log scale, with the parity line at 1. The left margin holds the
 * longest name ("multi-head n=1024", cut off at 112 px on a phone); the bottom one puts the axis label below the
 * tick labels instead of on them (a narrow chart's label reaches back over the "1"); ticks read 0.2, not 200m; the
 * inset keeps the smallest and largest ratios off the tick marks and the edge.
 */
export function ratioPlot(rows: readonly RatioRow[], width: number): SVGSVGElement | HTMLElement {
  const labels = [...new Set(rows.map((r) => r.label))];
  const backends = { domain: [backendName('CPU'), backendName('WebGL2 (software)')], range: backendRange };
  const named = rows.map((r) => ({ ...r, backend: backendName(r.backend) }));
  return rowChart(labels, width, 124, {
    marginBottom: 40,
    x: { type: 'log', label: m.widget_performance_results_ratio_axis(), grid: true, tickFormat: '~g', inset: 8 },
    color: { ...backends, legend: true },
    symbol: { domain: backends.domain, range: ['circle', 'triangle'] },
    marks: [
      Plot.ruleX([1], { stroke: 'currentColor', strokeOpacity: 0.6 }),
      Plot.dot(named, {
        x: 'ratio',
        y: 'label',
        stroke: 'backend',
        symbol: 'backend',
        r: 4,
        strokeWidth: 2,
        tip: true,
      }),
    ],
  });
}

/**
 * Gzipped JS each page fetched before its widgets were ready (its initial JS in runs that did not record it),
 * with the 150 KB budget (targets.jsKB). A wider left margin: embed pages' names run to 24 characters.
 */
export function weightPlot(rows: readonly WeightSummary[], width: number, budgetKB = 150): SVGSVGElement | HTMLElement {
  const data = rows.map((r) => ({ page: r.page, kb: (r.readyJs ?? r.initialJs) / 1024 }));
  const pages = data.map((d) => d.page);
  const options = {
    x: { label: m.widget_performance_results_weight_axis(), grid: true },
    marks: [
      Plot.barX(data, { x: 'kb', y: 'page', fill: '#2f7fd8', fillOpacity: 0.8 }),
      Plot.ruleX([budgetKB], { stroke: '#c0392b', strokeWidth: 2 }),
      Plot.ruleX([0], { stroke: 'currentColor' }),
    ],
  };
  return rowChart(pages, width, 175, options, true);
}

/** Input-to-paint p50 and p95 per widget, with one 16 ms frame marked. */
export function latencyPlot(rows: readonly LatencySummary[], width: number, frameMs = 16): SVGSVGElement | HTMLElement {
  const ok = rows.filter((r) => r.paintP50 !== null && r.paintP95 !== null);
  const widgets = ok.map((r) => r.widget);
  const data = ok.flatMap((r) => [
    { widget: r.widget, stat: 'p50', ms: r.paintP50 as number },
    { widget: r.widget, stat: 'p95', ms: r.paintP95 as number },
  ]);
  const options = {
    x: { type: 'log' as const, label: m.widget_performance_results_latency_axis(), grid: true },
    color: { domain: ['p50', 'p95'], range: ['#2f7fd8', '#d9822b'], legend: true },
    marks: [
      Plot.ruleX([frameMs], { stroke: '#c0392b', strokeWidth: 2 }),
      Plot.ruleY(ok, { y: 'widget', x1: 'paintP50', x2: 'paintP95', stroke: 'currentColor', strokeOpacity: 0.4 }),
      Plot.dot(data, { x: 'ms', y: 'widget', fill: 'stat', r: 4, tip: true }),
    ],
  };
  return rowChart(widgets, width, 140, options, true);
}
