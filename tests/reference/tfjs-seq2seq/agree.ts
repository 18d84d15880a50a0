/**
 * The tolerance between the engine's losses and the TensorFlow.js twin's.
 * Both compute in float32 (ulp 1.2e-7 relative), summing in different orders,
 * so the first step's losses differ by about 1e-7 relative; Adam then carries
 * each step's rounding differences into the weights, and the gap grows by
 * about 1e-7 per step (measured: at most 2.4e-6 over 30 steps of the lab's
 * quick run, with and without attention). 1e-5 relative leaves a 4× margin at
 * 30 steps, while a 1% change of the learning rate gives ~2e-3.
 */
export const TWIN_LOSS_RTOL = 1e-5;

/** The steps (1-based) whose losses differ by more than TWIN_LOSS_RTOL·max(1, |want|); empty when all agree. */
export function twinLossesAgree(
  got: readonly number[],
  want: readonly number[],
): { step: number; got: number; want: number }[] {
  if (got.length !== want.length)
    return [{ step: Math.min(got.length, want.length) + 1, got: Number.NaN, want: Number.NaN }];
  return got.flatMap((g, k) => {
    const w = want[k] as number;
    return Math.abs(g - w) <= TWIN_LOSS_RTOL * Math.max(1, Math.abs(w)) ? [] : [{ step: k + 1, got: g, want: w }];
  });
}
