/**
 * The gradient tests' bridge to the float64 reference: its n-d ops and
 * finite differences (tests/reference/float64/nd.ts, independent of the
 * engine), plus what touches the engine — the same values as a Tensor, and an
 * assertion of an engine gradient against a float64 one.
 */
import { expect } from 'vitest';
import { mulberry32 } from '~engine/random.ts';
import { Tensor } from '~engine/tensor.ts';
import { close, type Nd, type Tolerance } from '../reference/float64/index.ts';

export * from '../reference/float64/nd.ts';

/** The engine tensor holding the same values. */
export function toTensor(a: Nd): Tensor {
  return new Tensor(a.shape, Float32Array.from(a.data));
}

/** Asserts |got − ref| ≤ atol + rtol·|ref| everywhere and returns the worst ratio error/allowed (for the record). */
export function expectGradClose(got: Tensor, ref: Float64Array, tol: Tolerance, name: string): number {
  const v = got.values();
  expect(v.length, `${name} size`).toBe(ref.length);
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i] as number;
    const allowed = tol.atol + tol.rtol * Math.abs(r);
    const err = Math.abs((v[i] as number) - r);
    worst = Math.max(worst, err / allowed);
    if (!close(v[i] as number, r, tol)) expect.fail(`${name}[${i}]: got ${v[i]}, float64 finite difference ${r}`);
  }
  return worst;
}

/** A seeded generator for tests. */
export const seeded = (seed: number) => mulberry32(seed);
