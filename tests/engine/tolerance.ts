import { expect } from 'vitest';
import type { Tensor } from '~engine/tensor.ts';
import { close, decode, mismatch, type RefValue, TOLERANCE, type Tolerance } from '../reference/float64/tolerance.ts';

// The rule and its constants live once, in the float64 reference module; these are its vitest assertions.
export { close, decode, mismatch, type RefValue, TOLERANCE, type Tolerance } from '../reference/float64/tolerance.ts';

/** Asserts shape and every value of `got` against a reference, reporting the first mismatch by index. */
export function expectClose(
  got: Tensor,
  ref: { readonly shape: readonly number[]; readonly data: readonly RefValue[] | readonly number[] },
  tol: Tolerance = TOLERANCE.widget,
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
export function expectTensorsClose(got: Tensor, want: Tensor, tol: Tolerance = TOLERANCE.widget): void {
  expectClose(got, { shape: want.shape, data: want.toArray() }, tol);
}

/** A number, a vector or a matrix (rows): what state classes hand their widgets. */
export type Numbers = number | ArrayLike<number> | readonly ArrayLike<number>[];

function flatten(v: Numbers): number[] {
  if (typeof v === 'number') return [v];
  return Array.from(v as ArrayLike<number | ArrayLike<number>>).flatMap((x) =>
    typeof x === 'number' ? [x] : Array.from(x),
  );
}

/**
 * Asserts `got` equals `want` entry by entry within `tol` (the one rule, `close`), with as many rows; the
 * failure names the first entry outside it (`what[k] got …, want …`). The assertion every state test uses.
 */
export function expectAllClose(got: Numbers, want: Numbers, tol: Tolerance = TOLERANCE.widget, what = ''): void {
  if (typeof got !== 'number' && typeof want !== 'number') expect(got.length, `${what} rows`).toBe(want.length);
  expect(mismatch(flatten(got), flatten(want), tol, what)).toBe('');
}
