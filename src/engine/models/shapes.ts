/**
 * The four shapes of recurrent models (/shapes/):
 *
 *   N→N: y_t = out(h_t) for every t          N→1: y = out(h_T)
 *   1→N: x fed at t = 1 only (zeros after) or at every step, y_t = out(h_t)
 *   N→M: encoder states → c = h_T; the decoder gets c at its first step only
 *        (zeros after) or at every step, y_t = out(s_t), t = 1..M
 */
import { type Tensor, zeros } from '../tensor.ts';
import type { Trace } from '../trace.ts';
import type { RecurrentCell } from './cell.ts';
import { runSequence } from './sequence.ts';

/** A readout from a state to an output (e.g. `(h) => linear(W, h)`); default: the state itself. */
export type Readout = (h: Tensor) => Tensor;

const identity: Readout = (h) => h;

/** N→N: one output per input step. */
export function nToN(cell: RecurrentCell, xs: readonly Tensor[], readout: Readout = identity, trace?: Trace): Tensor[] {
  return runSequence(cell, xs, { trace }).states.map((s) => readout(s.h));
}

/** N→1: one output from the last state (the sentiment of a sentence). */
export function nToOne(cell: RecurrentCell, xs: readonly Tensor[], readout: Readout = identity, trace?: Trace): Tensor {
  return readout(runSequence(cell, xs, { trace }).final.h);
}

/** Whether a 1→N input or an N→M context is fed at the first step only or at every step. */
export type Feed = 'first' | 'every';

/** The input sequence that feeds `x` at step 1 only (zeros after) or at every step. */
export function feedSequence(x: Tensor, steps: number, feed: Feed): Tensor[] {
  const blank = zeros(x.shape);
  return Array.from({ length: steps }, (_, k) => (k === 0 || feed === 'every' ? x : blank));
}

/** 1→N: one input, `steps` outputs (a caption from an image vector). */
export function oneToN(
  cell: RecurrentCell,
  x: Tensor,
  steps: number,
  options: { readonly feed?: Feed; readonly readout?: Readout; readonly trace?: Trace } = {},
): Tensor[] {
  const xs = feedSequence(x, steps, options.feed ?? 'first');
  return runSequence(cell, xs, { trace: options.trace }).states.map((s) => (options.readout ?? identity)(s.h));
}

/** N→M encoder–decoder: c = the encoder's last state, fed as `feed` says; traced as layer 1 (encoder), `c`, layer 2 (decoder). */
export function nToM(
  encoder: RecurrentCell,
  decoder: RecurrentCell,
  xs: readonly Tensor[],
  steps: number,
  options: { readonly feed?: Feed; readonly readout?: Readout; readonly trace?: Trace } = {},
): { readonly context: Tensor; readonly outputs: Tensor[] } {
  const enc = runSequence(encoder, xs, { trace: options.trace?.within({ layer: 1 }) });
  const context = enc.final.h;
  options.trace?.record('c', context);
  const dec = runSequence(decoder, feedSequence(context, steps, options.feed ?? 'first'), {
    trace: options.trace?.within({ layer: 2 }),
  });
  return { context, outputs: dec.states.map((s) => (options.readout ?? identity)(s.h)) };
}
