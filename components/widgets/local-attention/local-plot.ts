import { m } from '~lib/i18n/messages.ts';
import { Plot } from '~lib/plot/lazy.ts';

const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;

/** Global and local weights per position, with the window [p − D, p + D] shaded. */
export function localBars(
  global: readonly number[],
  local: readonly number[],
  window: [number, number],
  width: number,
): SVGSVGElement | HTMLElement {
  // `read` is the legend's word for the reading; `global` says which bar of the pair it is.
  const names = { global: m.widget_local_attention_read_global(), local: m.widget_local_attention_read_local() };
  const rows = [
    ...global.map((a, s) => ({ read: names.global, global: true, s: s + 1, a })),
    ...local.map((a, s) => ({ read: names.local, global: false, s: s + 1, a })),
  ];
  return Plot.plot({
    width,
    height: 220,
    style,
    x: {
      label: m.widget_local_attention_axis_position(),
      domain: [0.5, global.length + 0.5],
      ticks: global.length,
      tickFormat: 'd',
    },
    y: { domain: [0, 1], label: m.widget_local_attention_axis_weight(), grid: true },
    // The colour label is never drawn (swatch legends have no title): the tip names its row by it.
    color: {
      domain: [names.global, names.local],
      range: ['#7570b3', '#d95f02'],
      legend: true,
      label: m.widget_local_attention_tip_read(),
    },
    marks: [
      Plot.rectX([window], {
        x1: (w: [number, number]) => w[0] - 0.5,
        x2: (w: [number, number]) => w[1] + 0.5,
        y1: 0,
        y2: 1,
        fill: 'currentColor',
        fillOpacity: 0.08,
      }),
      Plot.rectY(rows, {
        x1: (d: { s: number; global: boolean }) => d.s - (d.global ? 0.4 : 0),
        x2: (d: { s: number; global: boolean }) => d.s + (d.global ? 0 : 0.4),
        y: 'a',
        fill: 'read',
        tip: true,
      }),
      Plot.ruleY([0]),
    ],
  });
}
