/**
 * The one tolerance rule of every numeric check, in unit tests, browser
 * tests and the benchmark: |got − ref| ≤ atol + rtol·|ref|, non-finite
 * references matched exactly (NaN with NaN). No test framework import, so
 * vitest, Playwright and the bench page all use it.
 */

/** An explicit tolerance. */
export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/**
 * Widget-size results: rtol 1e-5 with atol 1e-6 (a float32 ulp near 1 is
 * 6e-8, so this leaves room for a GPU's exp/tanh, not for a wrong formula).
 * Large shapes (attention n = 1024, d = 64; matmul 128³): rtol 1e-4, atol
 * 1e-5, because float32 sums of up to 1024 terms may each round (error grows
 * like terms · 6e-8 ≈ 6e-5 in the worst case). Gated widgets: atol 1e-5 as
 * well, for their gates near 0 after two float32 products.
 */
export const TOLERANCE = {
  widget: { rtol: 1e-5, atol: 1e-6 },
  gated: { rtol: 1e-5, atol: 1e-5 },
  large: { rtol: 1e-4, atol: 1e-5 },
} as const satisfies Record<string, Tolerance>;

/** A reference value: a number, or the strings JSON fixtures use for non-finite values. */
export type RefValue = number | 'NaN' | 'Infinity' | '-Infinity';

/** Decodes a fixture value to a number. */
export function decode(v: RefValue): number {
  if (v === 'NaN') return Number.NaN;
  if (v === 'Infinity') return Number.POSITIVE_INFINITY;
  if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
  return v;
}

/** True when `got` is within tolerance of `ref`; non-finite refs must match exactly (NaN with NaN). */
export function close(got: number, ref: number, tol: Tolerance = TOLERANCE.widget): boolean {
  if (!Number.isFinite(ref)) return Number.isNaN(ref) ? Number.isNaN(got) : got === ref;
  return Math.abs(got - ref) <= tol.atol + tol.rtol * Math.abs(ref);
}

/** The first element of `got` outside tolerance of `want`, as text (`what[k]: got …, want …`), or '' when all agree. */
export function mismatch(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  tol: Tolerance = TOLERANCE.widget,
  what = '',
): string {
  if (got.length !== want.length) return `${what} length ${got.length} ≠ ${want.length}`.trim();
  for (let k = 0; k < want.length; k++) {
    const g = got[k] ?? Number.NaN;
    const w = want[k] ?? Number.NaN;
    if (!close(g, w, tol)) return `${what}[${k}] got ${g}, want ${w}`;
  }
  return '';
}

/** Largest |got − ref| / max(1, |ref|): the error the benchmark reports beside each timing (Infinity on a length mismatch or NaN). */
export function maxScaledError(got: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (got.length !== ref.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let k = 0; k < ref.length; k++) {
    const r = ref[k] as number;
    const e = Math.abs((got[k] as number) - r) / Math.max(1, Math.abs(r));
    if (!(e <= worst)) worst = Number.isNaN(e) ? Number.POSITIVE_INFINITY : e;
  }
  return worst;
}
