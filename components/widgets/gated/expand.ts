/**
 * TeX for a gate formula written out for one unit with the reader's numbers,
 * e.g. `z_{t,1} = σ(0.41·0.80 + (−0.6)·1.00 + 0.00 + …) = 0.63`. Every number
 * is bound to its symbol and entry (\htmlData), so hovering it lights the
 * same entry in the matrix views; the numbers are the shown weights and
 * inputs and the engine's results, nothing is recomputed here.
 */

import { texBindAt } from '~lib/tex/live.ts';
import { texNumber } from '~lib/ui/format.ts';

/** A number bound to entry (i, j) of `symbol`, parenthesized when negative so products read clearly. */
export function num(symbol: string, i: number, j: number, value: number, digits = 2): string {
  const body = texNumber(value, digits);
  return texBindAt(symbol, [i, j], value, value < 0 ? `(${body})` : body);
}

/** Row `k` of block `w` times the vector `v`, written out: `w_{k1}·v_1 + w_{k2}·v_2`. */
export function dotTerms(
  wSymbol: string,
  w: readonly (readonly number[])[],
  k: number,
  vSymbol: string,
  v: readonly number[],
): string {
  const row = w[k] ?? [];
  return row.map((wj, j) => `${num(wSymbol, k, j, wj)}\\cdot ${num(vSymbol, j, 0, v[j] ?? Number.NaN)}`).join(' + ');
}

/** Entry `k` of a bias vector (stored as a column). */
export function biasTerm(symbol: string, b: readonly number[], k: number): string {
  return num(symbol, k, 0, b[k] ?? Number.NaN);
}

/** The symbols a template's `{{name}}` slots name, each once, in the order they appear: the chips a formula lists. */
export function slotNames(template: string): string[] {
  return [...new Set(template.match(/(?<=\{\{)[^{}!]+(?=\}\})/g))];
}

/** Continues a long expansion on the next aligned line (input part above, recurrent part below). */
export const BREAK = '\\\\ &\\qquad +';

/** One `aligned` row per unit: `lhs_k &= body_k = result_k`. */
export function perUnit(units: number, row: (k: number) => string): string {
  const rows = Array.from({ length: units }, (_, k) => row(k));
  return `\\begin{aligned}${rows.join(' \\\\ ')}\\end{aligned}`;
}
