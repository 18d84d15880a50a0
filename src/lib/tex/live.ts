import { texNumber } from '../ui/format.ts';
import { renderTex } from './render.ts';

/** A value a formula can show: a scalar, a vector or a matrix (rows of numbers). */
export type LiveValue = number | readonly number[] | readonly (readonly number[])[];

/** One symbol of a live formula: how it is written in TeX and its current value. */
export interface LiveSymbol {
  readonly tex: string;
  readonly value: LiveValue;
}

/** Whether `{{name}}` slots show the symbol or its current numbers. */
export type FormulaMode = 'symbol' | 'number';

// Same rule as texBind: these characters would break \htmlData's key=value list.
const safe = (s: string) => s.replace(/[,={}\\\s;]/g, '_');
const valueText = (v: number) => String(v);

/** Wraps `body` so it carries data-symbol, data-index ("i;j" in TeX, "i,j" after renderLiveTex) and data-value. */
export function texBindAt(symbol: string, index: readonly [number, number], value: number, body: string): string {
  return `\\htmlData{symbol=${safe(symbol)}, index=${index[0]};${index[1]}, value=${valueText(value)}}{${body}}`;
}

/** Wraps `body` so it carries data-symbol only (a whole vector or matrix written as one symbol). */
export function texBindSymbol(symbol: string, body: string): string {
  return `\\htmlData{symbol=${safe(symbol)}}{${body}}`;
}

function numbersTex(name: string, value: LiveValue, digits: number): string {
  if (typeof value === 'number') {
    return `\\htmlData{symbol=${safe(name)}, value=${valueText(value)}}{${texNumber(value, digits)}}`;
  }
  const rows: (readonly number[])[] = value.map((r) => (typeof r === 'number' ? [r] : r));
  // A plain vector is a column, as in W x + b.
  const body = rows
    .map((row, i) => row.map((v, j) => texBindAt(name, [i, j], v, texNumber(v, digits))).join(' & '))
    .join(' \\\\ ');
  return `\\begin{bmatrix}${body}\\end{bmatrix}`;
}

/**
 * Fills a formula template: `{{name}}` shows the symbol (mode 'symbol') or
 * its numbers (mode 'number'); `{{name!}}` always shows the symbol. Every
 * slot is bound with \htmlData so hovering it can light the matrix views.
 * Unknown names are left visible as `?name` rather than thrown.
 */
export function fillTemplate(
  template: string,
  symbols: Readonly<Record<string, LiveSymbol>>,
  mode: FormulaMode,
  digits = 2,
): string {
  return template.replace(/\{\{([^{}!]+)(!?)\}\}/g, (_m, rawName: string, bang: string) => {
    const name = rawName.trim();
    const s = symbols[name];
    if (s === undefined) return `\\text{?${safe(name)}}`;
    if (mode === 'number' && bang === '') return numbersTex(name, s.value, digits);
    if (typeof s.value === 'number') {
      return `\\htmlData{symbol=${safe(name)}, value=${valueText(s.value)}}{${s.tex}}`;
    }
    return texBindSymbol(name, s.tex);
  });
}

/** Renders a filled template; rewrites data-index "i;j" to the widget contract's "i,j". */
export function renderLiveTex(tex: string, display = true): { html: string; error?: string } {
  const out = renderTex(tex, display);
  return { ...out, html: out.html.replace(/data-index="(\d+);(\d+)"/g, 'data-index="$1,$2"') };
}
