/**
 * Date normalization, one token per character: "21 Nov 2026",
 * "November 21, 2026", "21/11/2026" or "21 November 2026" → "2026-11-21".
 * Years 1950–2049; days valid for the month (leap years included), so
 * every target parses back to the same date.
 */
import type { Rng } from '../random.ts';
import { pick, randInt, type Task } from './task.ts';
import { makeVocab } from './vocab.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The four source formats, for tests and for the lab's format picker. */
export const DATE_FORMATS = ['D Mon YYYY', 'Month D, YYYY', 'DD/MM/YYYY', 'D Month YYYY'] as const;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Days in month m (1-based) of year y. */
export function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Writes (y, m, d) in one of the source formats. */
export function formatDate(y: number, m: number, d: number, format: (typeof DATE_FORMATS)[number]): string {
  const month = MONTHS[m - 1] as string;
  if (format === 'D Mon YYYY') return `${d} ${month.slice(0, 3)} ${y}`;
  if (format === 'Month D, YYYY') return `${month} ${d}, ${y}`;
  if (format === 'DD/MM/YYYY') return `${pad2(d)}/${pad2(m)}/${y}`;
  return `${d} ${month} ${y}`;
}

/** Parses any source format back to ISO "YYYY-MM-DD". */
function toIso(source: string): string {
  const slash = /^(\d\d)\/(\d\d)\/(\d{4})$/.exec(source);
  if (slash) return `${slash[3]}-${slash[2]}-${slash[1]}`;
  const words = source.replace(',', '').split(' ');
  const dayFirst = /^\d+$/.test(words[0] ?? '');
  const [d, name, y] = dayFirst ? [words[0], words[1], words[2]] : [words[1], words[0], words[2]];
  const m = MONTHS.findIndex((month) => month.startsWith(name ?? '-')) + 1;
  return `${y}-${pad2(m)}-${pad2(Number(d))}`;
}

/** The date-normalization task (`size` is ignored: formats fix the length). */
export function dateTask(): Task {
  const chars = [...new Set([...'0123456789 ,/-', ...MONTHS.join('')])];
  const vocab = makeVocab(chars);
  const solve = (source: readonly string[]) => [...toIso(source.join(''))];
  return {
    name: 'dates',
    source: vocab,
    target: vocab,
    sample: (rng: Rng) => {
      const y = randInt(rng, 1950, 2049);
      const m = randInt(rng, 1, 12);
      const d = randInt(rng, 1, daysIn(y, m));
      const source = [...formatDate(y, m, d, pick(rng, DATE_FORMATS))];
      return { source, target: [...`${y}-${pad2(m)}-${pad2(d)}`] };
    },
    solve,
  };
}
