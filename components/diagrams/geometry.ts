/**
 * The pure geometry and value mapping of the live diagrams: how a number
 * becomes a stroke (colour end, strength, width, dash) and how a wire
 * carrying a vector is split into one parallel strand per entry. No DOM,
 * so tests/components/diagrams/geometry.test.ts checks it directly.
 */

/** A point of the drawing, in viewBox units. */
export type Pt = readonly [number, number];

/** How one strand of a wire is drawn for its value. */
export interface Stroke {
  /** Which end of the diverging scale (src/lib/colour/diverging.ts): negative blue, positive orange. */
  readonly end: 'neg' | 'pos';
  /** Share of the end colour, 0..100 (the rest is the muted text colour), so the zero wire is grey. */
  readonly mix: number;
  /** Stroke width in viewBox units: the thickness channel, 1.25 at zero up to 7 at |value| ≥ scale. */
  readonly width: number;
  /** Dash pattern: negative values are dashed, so the sign never rests on colour alone. */
  readonly dash: string;
  /** False for NaN or ±∞: drawn as a thin dotted wire with no colour. */
  readonly finite: boolean;
}

/** Thinnest and thickest strand. */
export const widthRange = [1.25, 7] as const;

/** Dash of a negative strand, of a non-finite one. */
export const dashes = { neg: '7 4', none: '', bad: '1 4' } as const;

/** The stroke of a strand carrying `value`, with |value| = `scale` drawn at full strength. */
export function strokeFor(value: number, scale = 1): Stroke {
  if (!Number.isFinite(value)) return { end: 'pos', mix: 0, width: widthRange[0], dash: dashes.bad, finite: false };
  const t = scale > 0 ? Math.min(1, Math.abs(value) / scale) : 0;
  const [lo, hi] = widthRange;
  return {
    end: value < 0 ? 'neg' : 'pos',
    mix: Math.round(25 + 75 * t),
    width: Math.round((lo + (hi - lo) * Math.sqrt(t)) * 100) / 100,
    dash: value < 0 ? dashes.neg : dashes.none,
    finite: true,
  };
}

/** CSS colour of a stroke: the theme's --neg/--pos mixed into --text-muted (both themes keep ≥ 3:1 on the page). */
export function strokeColour(s: Stroke): string {
  if (!s.finite) return 'var(--text-muted)';
  return `color-mix(in srgb, var(--${s.end}) ${s.mix}%, var(--text-muted))`;
}

/**
 * How open a gate in [0, 1] is drawn: the gap between its two jaws as a share
 * of the full opening, clamped (a value outside [0, 1] is not a gate value).
 */
export function gateOpening(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/** The unit normal (left-hand side of the direction of travel) of the segment a → b; zero for a zero-length segment. */
export function normal(a: Pt, b: Pt): Pt {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  return len === 0 ? [0, 0] : [-dy / len, dx / len];
}

/**
 * The polyline `pts` moved sideways by `d` (mitred corners), so the strands of
 * one wire run parallel through every bend. A corner's offset is the mitre
 * (n₁ + n₂)·d / (1 + n₁·n₂), exact for any angle short of a U-turn.
 */
export function offsetPolyline(pts: readonly Pt[], d: number): Pt[] {
  if (d === 0 || pts.length < 2) return pts.map((p) => [p[0], p[1]] as Pt);
  return pts.map((p, i) => {
    const a = i > 0 ? normal(pts[i - 1] as Pt, p) : undefined;
    const b = i < pts.length - 1 ? normal(p, pts[i + 1] as Pt) : undefined;
    const n1 = a ?? b ?? [0, 0];
    const n2 = b ?? a ?? [0, 0];
    const dot = n1[0] * n2[0] + n1[1] * n2[1];
    const k = dot <= -0.999 ? 0 : d / (1 + dot);
    return [p[0] + (n1[0] + n2[0]) * k, p[1] + (n1[1] + n2[1]) * k] as Pt;
  });
}

/** Sideways offsets of `n` strands `gap` apart, centred on the wire. */
export function strandOffsets(n: number, gap: number): number[] {
  return Array.from({ length: n }, (_, k) => (k - (n - 1) / 2) * gap);
}

/** SVG path data through the points. */
export function pathData(pts: readonly Pt[]): string {
  return pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p[0])} ${round(p[1])}`).join('');
}

/** The largest finite |value|, at least `floor`: the scale a set of wires shares. */
export function scaleFor(values: Iterable<number>, floor = 1): number {
  let m = floor;
  for (const v of values) if (Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/**
 * Straight lines from one point to each of `targets`, weighted: the attention
 * fan (a query to every key, a decoder state to every annotation). Width is
 * proportional to the weight so a weight of 0 nearly vanishes and the weights'
 * widths add up like the weights do.
 */
export function fanWidths(weights: readonly number[], max = 9): number[] {
  return weights.map((w) =>
    Number.isFinite(w) ? Math.round((0.6 + Math.max(0, Math.min(1, w)) * (max - 0.6)) * 100) / 100 : 0.6,
  );
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * Spread on an SVG element whose text is a formula or symbol (hₜ₋₁, tanh, Wₕₙ·+bₕₙ), not words:
 * translate="no", which Svelte's SVG element types do not list.
 */
export const formulaText: Readonly<Record<string, string>> = { translate: 'no' };
