/**
 * Sequence runners (the memory and shapes chapters): a cell unrolled over time.
 *
 *   unidirectional: h_t = cell(x_t, h_{t−1}),  t = 1..T
 *   bidirectional:  h→_t from x_1..x_t, h←_t from x_T..x_t, annotation [h→_t; h←_t]
 *   stacked:        layer ℓ reads the states of layer ℓ−1 as its inputs
 */
import { concat } from '../ops/concat.ts';
import type { Tensor } from '../tensor.ts';
import type { Trace } from '../trace.ts';
import type { CellState, RecurrentCell } from './cell.ts';

/** Options every runner takes. */
export interface RunOptions {
  /** Starting state (default: the cell's zero state, batched like the inputs). */
  readonly initial?: CellState;
  /** Records every step's intermediates (steps are 1-based). */
  readonly trace?: Trace;
}

/** What a unidirectional run returns: every state in order, and the last one. */
export interface RunResult {
  readonly states: CellState[];
  readonly outputs: Tensor[];
  readonly final: CellState;
}

function startState(cell: RecurrentCell, xs: readonly Tensor[], initial?: CellState): CellState {
  if (initial !== undefined) return initial;
  const first = xs[0];
  return cell.zeroState(first !== undefined && first.rank === 2 ? (first.shape[0] as number) : undefined);
}

/** Runs `cell` over xs (each [I] or [B, I]); outputs are y_t when the cell has an output layer, else h_t. */
export function runSequence(cell: RecurrentCell, xs: readonly Tensor[], options: RunOptions = {}): RunResult {
  let state = startState(cell, xs, options.initial);
  const states: CellState[] = [];
  xs.forEach((x, k) => {
    options.trace?.record('x', x, { step: k + 1 });
    state = cell.step(x, state, options.trace, k + 1);
    states.push(state);
  });
  return { states, outputs: states.map((s) => s.y ?? s.h), final: state };
}

/** What a bidirectional run returns: per-step annotations [h→_t; h←_t] and both passes. */
export interface BidirectionalResult {
  readonly annotations: Tensor[];
  readonly forward: RunResult;
  /** The backward pass, re-ordered so index t−1 holds h←_t. */
  readonly backward: RunResult;
}

/** Runs one cell forward and another backward over xs and concatenates their states per step. */
export function runBidirectional(
  forwardCell: RecurrentCell,
  backwardCell: RecurrentCell,
  xs: readonly Tensor[],
  options: { readonly trace?: Trace } = {},
): BidirectionalResult {
  const trace = options.trace;
  const forward = runSequence(forwardCell, xs, { trace: trace?.within({ direction: 'forward' }) });
  // Walk backwards by hand so h←_t is stored (and traced) under its input position t.
  const back = trace?.within({ direction: 'backward' });
  let state = startState(backwardCell, xs);
  const states = new Array<CellState>(xs.length);
  for (let t = xs.length; t >= 1; t--) {
    state = backwardCell.step(xs[t - 1] as Tensor, state, back, t);
    states[t - 1] = state;
  }
  const backward: RunResult = { states, outputs: states.map((s) => s.h), final: state };
  const annotations = forward.states.map((s, k) => {
    const annotation = concat([s.h, (states[k] as CellState).h], -1);
    trace?.record('h', annotation, { step: k + 1 });
    return annotation;
  });
  return { annotations, forward, backward };
}

/** Runs a stack of cells: layer ℓ+1 reads layer ℓ's states; returns every layer's run (last = top). */
export function runStacked(
  cells: readonly RecurrentCell[],
  xs: readonly Tensor[],
  options: { readonly trace?: Trace } = {},
): RunResult[] {
  const runs: RunResult[] = [];
  let inputs = xs;
  cells.forEach((cell, l) => {
    const run = runSequence(cell, inputs, { trace: options.trace?.within({ layer: l + 1 }) });
    runs.push(run);
    inputs = run.states.map((s) => s.h);
  });
  return runs;
}
