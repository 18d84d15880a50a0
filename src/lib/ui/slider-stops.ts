/**
 * Sliders over a range that spans decades (a sequence length from 1 to
 * 100 000): a linear slider gives the first thousand one pixel, so the slider
 * moves over a list of round values instead, evenly spaced on a log scale,
 * and the exact value stays in the number box beside it.
 */

/** Mantissas of one decade: 10 stops, each about 1.26× the last (the 1–2–5 series filled in). */
const decade = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8] as const;

/** Round values from `min` to `max` (integers ≥ 1), ten per decade, both ends included. */
export function logStops(min: number, max: number): number[] {
  const out = new Set<number>([min]);
  for (let p = 1; p <= max * 10; p *= 10)
    for (const m of decade) {
      const v = Math.round(m * p);
      if (v > min && v < max) out.add(v);
    }
  out.add(max);
  return [...out].sort((a, b) => a - b);
}

/** Index of the stop nearest to `value` on a log scale (the slider's thumb for a value between stops). */
export function nearestStop(stops: readonly number[], value: number): number {
  let best = 0;
  let gap = Number.POSITIVE_INFINITY;
  const x = Math.log(Math.max(value, Number.MIN_VALUE));
  for (const [k, s] of stops.entries()) {
    const d = Math.abs(Math.log(s) - x);
    if (d < gap) [best, gap] = [k, d];
  }
  return best;
}

/**
 * The stop `by` stops above (by > 0) or below `value`, counted from the value itself: from 1024 one stop down
 * is 1000 and one up 1200, so the keyboard never skips the stop next to a value that lies between stops.
 */
export function stepFrom(stops: readonly number[], value: number, by: number): number {
  if (stops.length === 0 || by === 0) return value;
  const above = stops.findIndex((s) => s > value);
  const below = stops.findLastIndex((s) => s < value);
  const k = by > 0 ? (above < 0 ? stops.length - 1 : above + by - 1) : below < 0 ? 0 : below + by + 1;
  return stops[Math.min(stops.length - 1, Math.max(0, k))] as number;
}
