import { expect } from 'vitest';
import { dispatch, traceCalls } from '~engine/registry.ts';
import type { Tensor } from '~engine/tensor.ts';

/** Allowed difference |got − want| ≤ abs + rel·|want|; NaN and ±Infinity must match exactly. */
export interface Tolerance {
  readonly abs: number;
  readonly rel: number;
}

/** Asserts two value arrays agree within `tol`, naming the first element that does not. */
export function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: Tolerance, label = ''): void {
  expect(got.length, `${label} length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const g = got[i] as number;
    const w = want[i] as number;
    const ok = Number.isNaN(w)
      ? Number.isNaN(g)
      : Number.isFinite(w)
        ? Math.abs(g - w) <= tol.abs + tol.rel * Math.abs(w)
        : g === w;
    if (!ok) expect.fail(`${label}[${i}]: webgl2 gave ${g}, cpu gave ${w} (tolerance ${tol.abs} + ${tol.rel}·|cpu|)`);
  }
}

/** The largest |got − want| over finite entries (for reporting measured error). */
export function maxAbsError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs((got[i] as number) - (want[i] as number));
    if (Number.isFinite(d)) worst = Math.max(worst, d);
  }
  return worst;
}

/**
 * Runs `fn` forced onto WebGL2 and again forced onto the CPU. Fails unless
 * every op of the WebGL2 run executed there and its result is still on the
 * GPU before it is read back (so a silent CPU fallback cannot pass).
 */
export function onBoth(fn: () => Tensor): { gpu: Tensor; cpu: Tensor } {
  try {
    dispatch.force = 'webgl2';
    const { result: gpu, calls } = traceCalls(fn);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.backend !== 'webgl2')).toEqual([]);
    expect(gpu.location).toBe('webgl2');
    dispatch.force = 'cpu';
    const cpu = fn();
    expect(gpu.shape).toEqual(cpu.shape);
    return { gpu, cpu };
  } finally {
    dispatch.force = undefined;
  }
}

/** Runs `fn` on both backends and checks the values agree within `tol`. */
export function expectSameOnBoth(fn: () => Tensor, tol: Tolerance, label = ''): void {
  const { gpu, cpu } = onBoth(fn);
  expectClose(gpu.values(), cpu.values(), tol, label);
}
