/**
 * The four shapes of recurrent models (/shapes/):
 *
 *   N→N: y_t = out(h_t) for every t          N→1: y = out(h_T)
 *   1→N: x fed at t = 1 only (zeros after) or at every step, y_t = out(h_t);
 *        or x at t = 1 and the previous output after it, x_t = y_{t−1}
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

/**
 * Whether a 1→N input or an N→M context is fed at the first step only or at
 * every step; `output` (1→N only) feeds x at step 1 and y_{t−1} after it.
 */
export type Feed = 'first' | 'every' | 'output';

/** The input sequence that feeds `x` at step 1 only (zeros after) or at every step. */
export function feedSequence(x: Tensor, steps: number, feed: Exclude<Feed, 'output'>): Tensor[] {
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
  const readout = options.readout ?? identity;
  const feed = options.feed ?? 'first';
  if (feed === 'output') return feedBack(cell, x, steps, readout, options.trace);
  const xs = feedSequence(x, steps, feed);
  return runSequence(cell, xs, { trace: options.trace }).states.map((s) => readout(s.h));
}

/**
 * 1→N generating from its own output: x_1 = x, x_t = y_{t−1} = out(h_{t−1}),
 * as a caption model feeds back the word it just produced. The readout must
 * map a state to a vector of the input's size.
 */
function feedBack(cell: RecurrentCell, x: Tensor, steps: number, readout: Readout, trace?: Trace): Tensor[] {
  let state = cell.zeroState();
  let input = x;
  const ys: Tensor[] = [];
  for (let t = 1; t <= steps; t++) {
    trace?.record('x', input, { step: t });
    state = cell.step(input, state, trace, t);
    const y = readout(state.h);
    ys.push(y);
    input = y;
  }
  return ys;
}

/** N→M encoder–decoder: c = the encoder's last state, fed as `feed` says (`output` counts as `first`); traced as layer 1 (encoder), `c`, layer 2 (decoder). */
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
  const feed = options.feed === 'every' ? 'every' : 'first';
  const dec = runSequence(decoder, feedSequence(context, steps, feed), {
    trace: options.trace?.within({ layer: 2 }),
  });
  return { context, outputs: dec.states.map((s) => (options.readout ?? identity)(s.h)) };
}
