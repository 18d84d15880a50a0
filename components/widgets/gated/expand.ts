/**
 * TeX for a gate formula written out for one unit with the reader's numbers,
 * e.g. `z_{t,1} = σ(0.41·0.80 + (−0.6)·1.00 + 0.00 + …) = 0.63`. Every number
 * is bound to its symbol and entry (\htmlData), so hovering it lights the
 * same entry in the matrix views; the numbers are the shown weights and
 * inputs and the engine's results, nothing is recomputed here.
 */

import { type LiveSymbol, texBindAt } from '~lib/tex/live.ts';
import { texNumber } from '~lib/ui/format.ts';

/** A number bound to entry (i, j) of `symbol`, parenthesized when negative so products read clearly. */
export function num(symbol: string, i: number, j: number, value: number, digits = 2): string {
  const body = texNumber(value, digits);
  return texBindAt(symbol, [i, j], value, value < 0 ? `(${body})` : body);
}

/** A cell's live symbols (cellSymbols): the values the formulas write out are read from here, not computed again. */
type Symbols = Readonly<Record<string, LiveSymbol>>;

/** Entry (i, j) of `name` in `symbols` (a vector's entry i when j is 0), bound as `num` binds it; NaN when absent. */
export function entry(symbols: Symbols, name: string, i: number, j = 0, digits = 2): string {
  const v = (symbols[name]?.value as readonly (number | readonly number[])[] | undefined)?.[i];
  return num(name, i, j, (typeof v === 'object' ? v[j] : v) ?? Number.NaN, digits);
}

/** Row `k` of matrix `w` times the vector `v`, written out: `w_{k1}·v_1 + w_{k2}·v_2`. */
export function dotTerms(symbols: Symbols, w: string, k: number, v: string): string {
  const row = (symbols[w]?.value as readonly (readonly number[])[] | undefined)?.[k] ?? [];
  return row.map((_, j) => `${entry(symbols, w, k, j)}\\cdot ${entry(symbols, v, j)}`).join(' + ');
}

/** Continues a long expansion on the next aligned line (input part above, recurrent part below). */
export const BREAK = '\\\\ &\\qquad +';

/** One `aligned` row per unit: `lhs_k &= body_k = result_k`. */
export function perUnit(units: number, row: (k: number) => string): string {
  const rows = Array.from({ length: units }, (_, k) => row(k));
  return `\\begin{aligned}${rows.join(' \\\\ ')}\\end{aligned}`;
}
