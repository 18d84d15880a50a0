import { expect } from 'vitest';
import type { Tensor } from '../../src/engine/tensor.ts';

/**
 * The tolerance every numeric test states: |got − ref| ≤ atol + rtol·|ref|.
 * Widget-size results: rtol 1e-5 with atol 1e-6 (a float32 ulp near 1 is
 * 6e-8, so this leaves room for a GPU's exp/tanh, not for a wrong formula).
 * Large shapes (attention n = 1024, d = 64; matmul 128³): rtol 1e-4, atol
 * 1e-5, because float32 sums of up to 1024 terms may each round (error
 * grows like terms · 6e-8 ≈ 6e-5 in the worst case).
 */
export const TOLERANCE = {
  widget: { rtol: 1e-5, atol: 1e-6 },
  large: { rtol: 1e-4, atol: 1e-5 },
} as const;

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
export function close(got: number, ref: number, tol: { rtol: number; atol: number } = TOLERANCE.widget): boolean {
  if (!Number.isFinite(ref)) return Number.isNaN(ref) ? Number.isNaN(got) : got === ref;
  return Math.abs(got - ref) <= tol.atol + tol.rtol * Math.abs(ref);
}

/** Asserts shape and every value of `got` against a reference, reporting the first mismatch by index. */
export function expectClose(
  got: Tensor,
  ref: { readonly shape: readonly number[]; readonly data: readonly RefValue[] | readonly number[] },
  tol: { rtol: number; atol: number } = TOLERANCE.widget,
): void {
  expect([...got.shape]).toEqual([...ref.shape]);
  const v = got.values();
  for (let i = 0; i < v.length; i++) {
    const r = decode(ref.data[i] as RefValue);
    if (!close(v[i] as number, r, tol)) {
      expect.fail(`element ${i}: got ${v[i]}, reference ${r} (rtol ${tol.rtol}, atol ${tol.atol})`);
    }
  }
}

/** Asserts two tensors agree within tolerance (e.g. a fused op against its composition). */
export function expectTensorsClose(
  got: Tensor,
  want: Tensor,
  tol: { rtol: number; atol: number } = TOLERANCE.widget,
): void {
  expectClose(got, { shape: want.shape, data: want.toArray() }, tol);
}
