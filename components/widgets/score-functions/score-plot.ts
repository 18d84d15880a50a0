import { m } from '~lib/i18n/messages.ts';
import { Plot } from '~lib/plot/lazy.ts';

const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;
/** One colour per score function; readable on light and dark backgrounds. */
export const kindColours = ['#1b9e77', '#d95f02', '#7570b3'] as const;

/** Grouped bars: for each source position, the weight each score function (by its display name) gives it. */
export function weightBars(
  byKind: readonly { kind: string; alpha: readonly number[] }[],
  width: number,
): SVGSVGElement | HTMLElement {
  const rows = byKind.flatMap(({ kind, alpha }) => alpha.map((a, s) => ({ kind, s: `h̄${s + 1}`, a })));
  return Plot.plot({
    width,
    height: 220,
    style,
    fx: { label: m.widget_score_functions_axis_position(), padding: 0.15 },
    // The x and colour labels are never drawn (no x axis; swatch legends have no title): the tip names its rows by them.
    x: { axis: null, domain: byKind.map((k) => k.kind), label: m.widget_score_functions_tip_kind() },
    y: { domain: [0, 1], label: m.widget_score_functions_axis_weight(), grid: true },
    color: {
      domain: byKind.map((k) => k.kind),
      range: [...kindColours],
      legend: true,
      label: m.widget_score_functions_tip_kind(),
    },
    marks: [Plot.barY(rows, { fx: 's', x: 'kind', y: 'a', fill: 'kind', tip: true }), Plot.ruleY([0])],
  });
}
