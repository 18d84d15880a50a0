import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { timedSymbol, type Values } from './sweep-page.ts';

const dist = resolve(process.env.STEPWISE_DIST ?? new URL('../../dist/', import.meta.url).pathname);

/**
 * The numbers each widget of a built page shows, as the build's server render left them (the engine runs at
 * build time, so the HTML holds every widget's first state): per widget root in page order, its id and, for
 * each published value (`data-symbol` + `data-index` → `data-value`), the full-precision value and the number
 * the reader sees in the element (its digits, signs and exponent; the words around it may be in any language).
 */
export function widgetNumbers(path: string): { id: string; values: string[] }[] {
  const { document } = parseHTML(readFileSync(join(dist, path, 'index.html'), 'utf8'));
  return [...document.querySelectorAll('[data-widget]')].map((root) => ({
    id: root.getAttribute('data-widget') ?? '?',
    values: [...root.querySelectorAll('[data-symbol][data-value]')].map((e) => {
      const shown = (e.textContent ?? '').match(/[−+-]?(?:\d+(?:[.,]\d+)*|∞)(?:e[−+-]?\d+)?|NaN/g) ?? [];
      return `${e.getAttribute('data-symbol')}[${e.getAttribute('data-index') ?? ''}] = ${e.getAttribute('data-value')} (${shown.join(' ')})`;
    }),
  }));
}

/** Where the widgets of a Chinese page and its English twin differ: ids, order, or any value (at most `limit`). */
export function numbersDiffer(enPath: string, zhPath: string, limit = 8): string[] {
  const en = widgetNumbers(enPath);
  const zh = widgetNumbers(zhPath);
  const out: string[] = [];
  if (en.map((w) => w.id).join() !== zh.map((w) => w.id).join())
    out.push(`widgets ${en.map((w) => w.id).join(', ')} ≠ ${zh.map((w) => w.id).join(', ')}`);
  en.forEach((w, k) => {
    const twin = zh[k]?.values ?? [];
    if (twin.length !== w.values.length)
      out.push(`${w.id}: ${w.values.length} values in English, ${twin.length} in Chinese`);
    w.values.forEach((v, i) => {
      if (twin[i] !== undefined && twin[i] !== v) out.push(`${w.id}: ${v} ≠ ${twin[i]}`);
    });
  });
  return out.slice(0, limit);
}

/**
 * The values each widget of a built page publishes (first root of each id), keyed as sweep-page's `widgetValues`
 * keys a live page's (`symbol[index]#n`), measured times left out as there: what a hydrated widget must still show.
 */
export function builtValues(path: string): Map<string, Values> {
  const { document } = parseHTML(readFileSync(join(dist, path, 'index.html'), 'utf8'));
  const out = new Map<string, Values>();
  for (const root of document.querySelectorAll('[data-widget]')) {
    const id = root.getAttribute('data-widget') ?? '?';
    if (out.has(id)) continue;
    const seen = new Map<string, number>();
    const values: Values = new Map();
    for (const e of root.querySelectorAll('[data-symbol][data-value]')) {
      const base = `${e.getAttribute('data-symbol')}[${e.getAttribute('data-index') ?? ''}]`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      if (!timedSymbol.test(base)) values.set(`${base}#${n}`, e.getAttribute('data-value') ?? '');
    }
    out.set(id, values);
  }
  return out;
}
