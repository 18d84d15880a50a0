import { type Locale, pageLocale } from '../i18n/locale.ts';
import { m } from '../i18n/messages.ts';

/**
 * Languages whose Intl is known to write fixed decimals as `toFixed` does, so their pages never ask: the first
 * Intl.NumberFormat of a page starts ICU, which took 62 ms in Node and 65–115 ms of a /bahdanau/ load on this
 * 2-core machine, on the path to its widgets being ready. tests/lib/ui/format.test.ts asks Intl for each.
 */
export const knownAsciiDecimals: readonly Locale[] = ['en', 'zh'];

/** Per language: whether Intl writes fixed decimals as `toFixed` does (ASCII digits, "." and "-"). */
const asciiDecimals = new Map<Locale, boolean>(knownAsciiDecimals.map((locale) => [locale, true]));
const formatters = new Map<string, Intl.NumberFormat>();

/** Whether `locale` writes fixed decimals as `toFixed` does (ASCII digits, "." and "-"), asked of Intl once. */
function writesAscii(locale: Locale): boolean {
  let ascii = asciiDecimals.get(locale);
  if (ascii === undefined) {
    const probe = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, useGrouping: false });
    ascii = probe.format(-1234.5) === '-1234.50';
    asciiDecimals.set(locale, ascii);
  }
  return ascii;
}

/** `x` with `digits` decimals as Intl writes them in `locale` (no grouping). */
function intlFixed(x: number, digits: number, locale: Locale): string {
  const key = `${locale} ${digits}`;
  let format = formatters.get(key);
  if (!format) {
    const opts = { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false } as const;
    format = new Intl.NumberFormat(locale, opts);
    formatters.set(key, format);
  }
  return format.format(x);
}

/**
 * Formats a number for display with `digits` decimals in the page's language (Intl), saying plainly when a
 * value is not a number or overflowed, so a reader never mistakes it for a real result. Negative numbers
 * take the typographic minus "−"; exponent forms stay in the "1.2e−4" notation in every language. Where the
 * language writes decimals as `toFixed` does (English: checked once per language), `toFixed` writes them: the
 * digits readers have always seen (Intl rounds the shortest decimal, 1.005 → "1.01", where `toFixed` rounds
 * the binary value, "1.00"), and several times faster in a matrix of a thousand cells.
 */
export function formatNumber(x: number, digits = 2, locale: Locale = pageLocale()): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return '+∞';
  if (x === Number.NEGATIVE_INFINITY) return '−∞';
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e6 || abs < 10 ** -digits / 2)) {
    return x.toExponential(Math.max(1, digits - 1)).replaceAll('-', '−');
  }
  // Avoid "-0.00": a value that rounds to zero shows as zero.
  const rounded = x.toFixed(digits);
  const zero = Number(rounded) === 0;
  if (writesAscii(locale)) return zero ? (0).toFixed(digits) : rounded.replace('-', '−');
  return intlFixed(zero ? 0 : x, digits, locale).replace('-', '−');
}

/** A whole count with the language's digit grouping ("1,234,567" in English), through Intl. */
export function formatCount(n: number, locale: Locale = pageLocale()): string {
  const key = `${locale} count`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    formatters.set(key, format);
  }
  return format.format(n);
}

/** Formats a number for a TeX string (ASCII minus, \infty, \text{NaN}). */
export function texNumber(x: number, digits = 2): string {
  if (Number.isNaN(x)) return '\\text{NaN}';
  if (x === Number.POSITIVE_INFINITY) return '\\infty';
  if (x === Number.NEGATIVE_INFINITY) return '-\\infty';
  // TeX numbers are part of a formula: ASCII digits and a decimal point in every language.
  const s = formatNumber(x, digits, 'en').replaceAll('−', '-');
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
  if (m) return `${m[1]}\\times 10^{${m[2] === '-' ? '-' : ''}${m[3]}}`;
  return s;
}

/**
 * Parses what a reader typed into a number field. Returns the number, or a
 * message saying why it was refused (NaN and infinities are never accepted).
 */
export function parseFinite(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const trimmed = text.trim().replace('−', '-');
  if (trimmed === '') return { ok: false, message: m.part_number_enter_number() };
  const value = Number(trimmed);
  if (Number.isNaN(value)) return { ok: false, message: m.part_number_not_a_number({ text: text.slice(0, 20) }) };
  if (!Number.isFinite(value)) return { ok: false, message: m.part_number_not_finite() };
  return { ok: true, value };
}

const subscriptDigits = '₀₁₂₃₄₅₆₇₈₉';

/** Writes a non-negative integer with Unicode subscript digits (z + sub(1) = "z₁"). */
export function sub(n: number): string {
  return String(n).replace(/\d/g, (d) => subscriptDigits[Number(d)] ?? d);
}
