/**
 * Where the CPU kernels a training step runs most (add, sub, mul, concat, slice, softmax) get their output
 * arrays: a new zeroed Float32Array, unless training has swapped in its step arena (train/step-arena.ts), which
 * hands back the buffers the step before used. Chromium pays for a new typed array far more than Node: a
 * 512-value Float32Array took 9.4 µs there against 0.6 µs in Node (its backing store lives outside the JS heap),
 * and a lab step makes hundreds of them, so in the browser add alone took 5.8 ms of a 24 ms step.
 */
export const outputBuffers: { take: (n: number) => Float32Array<ArrayBuffer> } = {
  take: (n) => new Float32Array(n),
};

/** A zeroed Float32Array of length `n` for a kernel's output (see `outputBuffers`). */
export function outputBuffer(n: number): Float32Array<ArrayBuffer> {
  return outputBuffers.take(n);
}
