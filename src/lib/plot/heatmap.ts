import { scaleOf } from '../colour/diverging.ts';

/** One heatmap cell: row and column labels and the value. */
export interface HeatCell {
  readonly row: string;
  readonly col: string;
  readonly i: number;
  readonly j: number;
  readonly value: number;
}

/** Cells of a matrix with labels (defaulting to 1-based indices), row-major. */
export function heatCells(
  matrix: readonly (readonly number[])[],
  rowLabels?: readonly string[],
  colLabels?: readonly string[],
): HeatCell[] {
  return matrix.flatMap((r, i) =>
    r.map((value, j) => ({
      row: rowLabels?.[i] ?? String(i + 1),
      col: colLabels?.[j] ?? String(j + 1),
      i,
      j,
      value,
    })),
  );
}

/** A symmetric colour domain [-m, m] so zero sits in the middle of the diverging scale. */
export function symmetricDomain(values: Iterable<number>, floor = 1e-6): [number, number] {
  const m = scaleOf(values, floor);
  return [-m, m];
}

/** A [0, max] domain for values that are never negative (attention weights, probabilities). */
export function unitDomain(values: Iterable<number>): [number, number] {
  let m = 0;
  for (const v of values) if (Number.isFinite(v) && v > m) m = v;
  return [0, Math.max(m, 1e-6)];
}
