import { Plot } from '~lib/plot/lazy.ts';

const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;

/** Global and local weights per position, with the window [p − D, p + D] shaded. */
export function localBars(
  global: readonly number[],
  local: readonly number[],
  window: [number, number],
  width: number,
): SVGSVGElement | HTMLElement {
  const rows = [
    ...global.map((a, s) => ({ read: 'global', s: s + 1, a })),
    ...local.map((a, s) => ({ read: 'local', s: s + 1, a })),
  ];
  return Plot.plot({
    width,
    height: 220,
    style,
    x: { label: 'source position s', domain: [0.5, global.length + 0.5], ticks: global.length, tickFormat: 'd' },
    y: { domain: [0, 1], label: 'weight α', grid: true },
    color: { domain: ['global', 'local'], range: ['#7570b3', '#d95f02'], legend: true },
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
        x1: (d: { s: number; read: string }) => d.s - (d.read === 'global' ? 0.4 : 0),
        x2: (d: { s: number; read: string }) => d.s + (d.read === 'global' ? 0 : 0.4),
        y: 'a',
        fill: 'read',
        tip: true,
      }),
      Plot.ruleY([0]),
    ],
  });
}
