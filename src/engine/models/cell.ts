import { assertFinite } from '../nonfinite.ts';
import { reshape } from '../ops/reshape.ts';
import type { Tensor } from '../tensor.ts';
import type { Trace } from '../trace.ts';

/** A recurrent state: `h`, plus the cell `c` (LSTM) or the last output `y` (Jordan). Vectors or rows [B, ·]. */
export interface CellState {
  readonly h: Tensor;
  readonly c?: Tensor;
  readonly y?: Tensor;
}

/**
 * What sequence runners need from any recurrent cell. `step` takes x as a
 * vector [I] or a batch [B, I] and returns the state in the same form;
 * when given a trace it records the chapter's symbols at `step` t.
 */
export interface RecurrentCell {
  readonly kind: 'rnn' | 'gru' | 'lstm';
  readonly inputSize: number;
  readonly hiddenSize: number;
  /** The zero state, a vector [H] (or [B, H] when `batch` is given). */
  zeroState(batch?: number): CellState;
  /** One time step. */
  step(x: Tensor, state: CellState, trace?: Trace, t?: number): CellState;
}

/** An elementwise activation: a name the chapters use, or any function of a tensor. */
export type Activation = 'tanh' | 'sigmoid' | 'relu' | 'linear' | ((x: Tensor) => Tensor);

/**
 * Normalizes a step's input and state to rows [B, ·], checking sizes and
 * finiteness; `vector` says whether to hand results back as vectors.
 */
export function asRows(
  x: Tensor,
  h: Tensor,
  inputSize: number,
  hiddenSize: number,
): { x: Tensor; h: Tensor; vector: boolean } {
  assertFinite('x', x);
  assertFinite('h', h);
  const vector = x.rank === 1;
  const bx = vector ? 1 : (x.shape[0] as number);
  if (x.shape[x.rank - 1] !== inputSize || x.rank > 2) {
    throw new RangeError(`x has shape [${x.shape}], expected [${inputSize}] or [B, ${inputSize}]`);
  }
  if (h.rank !== x.rank || h.shape[h.rank - 1] !== hiddenSize || (!vector && h.shape[0] !== bx)) {
    throw new RangeError(`state has shape [${h.shape}], expected [${vector ? '' : `${bx}, `}${hiddenSize}]`);
  }
  return vector ? { x: reshape(x, [1, inputSize]), h: reshape(h, [1, hiddenSize]), vector } : { x, h, vector };
}

/** Turns a row result back into a vector when the caller passed vectors. */
export function unrow(t: Tensor, vector: boolean): Tensor {
  return vector ? reshape(t, [t.size]) : t;
}
