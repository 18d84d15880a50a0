/**
 * Output buffers for the training kernels and the common CPU kernels (add,
 * sub, mul, concat, slice, softmax: ../output-buffer.ts), reused from one
 * training step to the next. A lab step makes ~300 matmul and fused-kernel outputs, all dead
 * once the step returns (the new params and optimizer moments are made
 * outside, by the optimizer); allocating each anew cost ~2 µs per buffer in
 * Node (a typed array's backing store, then its garbage collection), several
 * percent of a step.
 *
 * While `trainStep` runs (train/step.ts calls `stepScope.around`, which this
 * module sets), `stepBuffer(n)` hands out a zeroed Float32Array of length n,
 * from the buffers the previous step used when one of that length is free;
 * when the step returns, all of them are free again. Outside a step (the
 * lab's probes, decoding, widgets) it allocates as usual. A tensor made in a
 * step must therefore not be read after it: trainStep returns only the new
 * model, optimizer state and numbers.
 *
 * Training's alone, like gru-combine.ts: train/fast-kernels.ts imports it.
 */
import { outputBuffers } from '../output-buffer.ts';
import { stepScope } from './step.ts';

/** Buffers by length: free ones, and those handed out in the current step. */
const free = new Map<number, Float32Array<ArrayBuffer>[]>();
let inUse: Float32Array<ArrayBuffer>[] | undefined;

/** How many buffers were handed out again rather than allocated (tests read it). */
export const arenaCounts = { allocated: 0, reused: 0 };

/** A zeroed Float32Array of length n: reused within a training step, else new. */
export function stepBuffer(n: number): Float32Array<ArrayBuffer> {
  if (inUse === undefined) return new Float32Array(n);
  const spare = free.get(n)?.pop();
  let buffer: Float32Array<ArrayBuffer>;
  if (spare === undefined) {
    buffer = new Float32Array(n);
    arenaCounts.allocated++;
  } else {
    buffer = spare.fill(0);
    arenaCounts.reused++;
  }
  inUse.push(buffer);
  return buffer;
}

// The common kernels take their outputs from here too: new as ever outside a step, reused inside one. In Chromium
// that took the lab's race to 95 % from 3.0–4.0 s to 2.0–2.6 s (bench/results/2026-12-06-training-allocations.md).
outputBuffers.take = stepBuffer;

stepScope.around = (step) => {
  // A step inside a step (not done today) shares the outer step's buffers and frees nothing itself.
  if (inUse !== undefined) return step();
  inUse = [];
  try {
    return step();
  } finally {
    for (const buffer of inUse) {
      const list = free.get(buffer.length);
      if (list === undefined) free.set(buffer.length, [buffer]);
      else list.push(buffer);
    }
    inUse = undefined;
  }
};
