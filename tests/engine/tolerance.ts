import { expect } from 'vitest';
import type { Tensor } from '~engine/tensor.ts';
import { close, decode, type RefValue, TOLERANCE, type Tolerance } from '../reference/float64/tolerance.ts';

// The rule and its constants live once, in the float64 reference module; these are its vitest assertions.
export { close, decode, type RefValue, TOLERANCE, type Tolerance } from '../reference/float64/tolerance.ts';

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
