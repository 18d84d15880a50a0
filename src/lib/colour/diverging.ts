/**
 * The diverging colour scale of matrix cells: negative values mix a deep blue
 * into the cell background (--bg-raised), positive ones a deep orange, in
 * proportion to |value| / scale (ColorBrewer RdBu/PuOr ends: colour-blind
 * safe). The ends are the same in both themes and the mix stops at `maxMix`,
 * so the theme's own --text stays WCAG AA on every cell;
 * tests/lib/colour/diverging.test.ts checks that against src/styles/global.css.
 */

/** The two ends of the scale (sRGB hex). */
export const cellEnds = { neg: '#2166ac', pos: '#b35806' } as const;

/** Largest share of the end colour in a cell background, so even the strongest cell keeps readable text. */
export const maxMix = 0.7;

/** How a cell with `value` is coloured: which end and how much of it (0..maxMix); NaN gets no colour. */
export function cellTone(value: number, scale: number): { end: 'neg' | 'pos'; mix: number } {
  const end = value < 0 ? 'neg' : 'pos';
  if (Number.isNaN(value)) return { end, mix: 0 };
  const t = scale > 0 ? Math.min(1, Math.abs(value) / scale) : 0;
  return { end, mix: Math.round(t * maxMix * 100) / 100 };
}

/** The scale for a set of values: the largest finite |value|, at least `floor` so tiny values stay pale. */
export function scaleOf(values: Iterable<number>, floor = 1): number {
  let m = floor;
  for (const v of values) if (Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/** Parses `#rrggbb` into 0..255 channels. */
export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [Number.parseInt(m[1] ?? '0', 16), Number.parseInt(m[2] ?? '0', 16), Number.parseInt(m[3] ?? '0', 16)];
}

/** `color-mix(in srgb, a mix, b)`: channel-wise linear mix in sRGB, as the browser computes it. */
export function mixRgb(
  a: [number, number, number],
  b: [number, number, number],
  mix: number,
): [number, number, number] {
  return [0, 1, 2].map((k) => (a[k] ?? 0) * mix + (b[k] ?? 0) * (1 - mix)) as [number, number, number];
}

/** WCAG 2 contrast ratio between two sRGB colours (1..21). */
export function contrast(a: [number, number, number], b: [number, number, number]): number {
  const lum = (c: [number, number, number]) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `rgb(r g b / alpha)` for a `#rrggbb` end colour. */
function withAlpha(hex: string, alpha: number): string {
  const [r, g, b] = hexToRgb(hex);
  return `rgb(${r} ${g} ${b} / ${Math.round(alpha * 1000) / 1000})`;
}

/**
 * The heatmap colour at t ∈ [0, 1] of a scale's domain: the cell tone as a
 * translucent fill, so a zero cell is the page's own background in either
 * theme and a cell with |value| = max is the end colour mixed into it at
 * maxMix, exactly as MatrixView mixes it (and so keeps --text AA on it).
 * `diverging` puts zero at t = 0.5 (negative ends below), else at t = 0.
 */
export function heatColour(t: number, diverging: boolean): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  if (!diverging) return withAlpha(cellEnds.pos, x * maxMix);
  return x < 0.5 ? withAlpha(cellEnds.neg, (1 - 2 * x) * maxMix) : withAlpha(cellEnds.pos, (2 * x - 1) * maxMix);
}

/** The CSS gradient of a heatmap's key, the same colours as heatColour over the same background. */
export function heatGradient(diverging: boolean): string {
  const stops = diverging ? [0, 0.5, 1] : [0, 1];
  return `linear-gradient(to right, ${stops.map((t) => `${heatColour(t, diverging)} ${t * 100}%`).join(', ')})`;
}
