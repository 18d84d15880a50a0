/**
 * Formats a number for display with `digits` decimals, saying plainly when a
 * value is not a number or overflowed, so a reader never mistakes it for a
 * real result.
 */
export function formatNumber(x: number, digits = 2): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return '+∞';
  if (x === Number.NEGATIVE_INFINITY) return '−∞';
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e6 || abs < 10 ** -digits / 2)) {
    return x.toExponential(Math.max(1, digits - 1)).replaceAll('-', '−');
  }
  // Avoid "-0.00": a value that rounds to zero shows as zero.
  const fixed = x.toFixed(digits);
  return Number(fixed) === 0 ? (0).toFixed(digits) : fixed.replace('-', '−');
}

/** Formats a number for a TeX string (ASCII minus, \infty, \text{NaN}). */
export function texNumber(x: number, digits = 2): string {
  if (Number.isNaN(x)) return '\\text{NaN}';
  if (x === Number.POSITIVE_INFINITY) return '\\infty';
  if (x === Number.NEGATIVE_INFINITY) return '-\\infty';
  const s = formatNumber(x, digits).replaceAll('−', '-');
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
  if (trimmed === '') return { ok: false, message: 'Enter a number.' };
  const value = Number(trimmed);
  if (Number.isNaN(value)) return { ok: false, message: `"${text.slice(0, 20)}" is not a number.` };
  if (!Number.isFinite(value)) return { ok: false, message: 'Infinity is not allowed; enter a finite number.' };
  return { ok: true, value };
}

const subscriptDigits = '₀₁₂₃₄₅₆₇₈₉';

/** Writes a non-negative integer with Unicode subscript digits (z + sub(1) = "z₁"). */
export function sub(n: number): string {
  return String(n).replace(/\d/g, (d) => subscriptDigits[Number(d)] ?? d);
}
