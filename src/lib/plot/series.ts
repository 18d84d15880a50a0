/**
 * Plot adapters: engine values per step reshaped into the long ("tidy")
 * rows Observable Plot marks read, one row per plotted number.
 */

/** One value of one unit of one series at one step (a gate over time, a state over time). */
export interface SeriesRow {
  readonly step: number;
  readonly series: string;
  readonly unit: number;
  readonly value: number;
}

/**
 * Rows for lines over time: `steps[t][name]` is the vector of series `name`
 * at step t + 1 (e.g. the z and r gates), one row per unit. Non-finite
 * values are kept as NaN so a line breaks instead of lying.
 */
export function seriesRows(steps: readonly Readonly<Record<string, readonly number[]>>[]): SeriesRow[] {
  const rows: SeriesRow[] = [];
  steps.forEach((byName, t) => {
    for (const [series, values] of Object.entries(byName)) {
      values.forEach((value, unit) => {
        rows.push({ step: t + 1, series, unit: unit + 1, value: Number.isFinite(value) ? value : Number.NaN });
      });
    }
  });
  return rows;
}

/** The label Plot's stroke channel uses for one line: "z₁"-style text as "z[1]". */
export function lineKey(row: SeriesRow): string {
  return `${row.series}[${row.unit}]`;
}

/** One point of a 2-D state trajectory (two chosen units of h over time). */
export interface TrajectoryPoint {
  readonly step: number;
  readonly x: number;
  readonly y: number;
}

/** A trajectory through two units (`ux`, `uy`, 0-based) of a state vector per step. */
export function trajectory(states: readonly (readonly number[])[], ux = 0, uy = 1): TrajectoryPoint[] {
  return states.map((h, t) => ({ step: t + 1, x: h[ux] ?? Number.NaN, y: h[uy] ?? Number.NaN }));
}
