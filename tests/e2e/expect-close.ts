import { mismatch, TOLERANCE, type Tolerance } from '../reference/float64/tolerance.ts';
import { expect } from './guard.ts';

/**
 * The browser tests' form of the one tolerance rule (tests/reference/float64/tolerance.ts): every entry of `got`
 * (a vector or rows) within `tol` of `want`, as a soft assertion naming the first entry that is not. The default
 * is the gated-widget tolerance (rtol 1e-5, atol 1e-5): shown values are float32, the reference float64.
 */
export function expectAllClose(
  got: readonly number[] | readonly (readonly number[])[],
  want: readonly number[] | readonly (readonly number[])[],
  what: string,
  tol: Tolerance = TOLERANCE.gated,
): void {
  const flat = (v: readonly number[] | readonly (readonly number[])[]) => (v as readonly number[]).flat() as number[];
  expect.soft(got.length, `${what}: rows`).toBe(want.length);
  expect.soft(mismatch(flat(got), flat(want), tol, what), what).toBe('');
}
