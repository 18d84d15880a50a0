import { full, type Tensor } from '../tensor.ts';
import { checkShape, readParam, type StateDict } from './params.ts';

/**
 * One recurrent layer's weights in PyTorch layout: `W_ih` [k·H, I],
 * `W_hh` [k·H, H], `b_ih` [k·H], `b_hh` [k·H], with k = 1 (RNN), 3 (GRU:
 * blocks r, z, n) or 4 (LSTM: blocks i, f, g, o).
 */
export interface RecurrentParams {
  readonly W_ih: Tensor;
  readonly W_hh: Tensor;
  readonly b_ih: Tensor;
  readonly b_hh: Tensor;
}

/** Which layer of a PyTorch nn.RNN/GRU/LSTM to read, and an optional module prefix such as `encoder.rnn.`. */
export interface LayerKey {
  readonly layer?: number;
  readonly reverse?: boolean;
  readonly prefix?: string;
}

/**
 * Loads a recurrent layer from a PyTorch state dict unchanged: keys
 * `weight_ih_l0` (or `weight_ih_l0_reverse`) etc., or the friendly `W_ih`,
 * `W_hh`, `b_ih`, `b_hh`. Missing biases are an error, not zeros, so a
 * wrong export cannot load silently.
 */
export function loadRecurrentParams(dict: StateDict, gates: number, key: LayerKey = {}): RecurrentParams {
  const p = key.prefix ?? '';
  const suffix = `_l${key.layer ?? 0}${key.reverse ? '_reverse' : ''}`;
  const names = (torch: string, friendly: string) => [`${p}${torch}${suffix}`, `${p}${friendly}`];
  // H comes from W_hh's columns; reading it again with the full shape makes the error name the dict key.
  const h = readParam(dict, names('weight_hh', 'W_hh'), [-1, -1]).shape[1] as number;
  const W_hh = readParam(dict, names('weight_hh', 'W_hh'), [gates * h, h]);
  const W_ih = readParam(dict, names('weight_ih', 'W_ih'), [gates * h, -1]);
  const b_ih = readParam(dict, names('bias_ih', 'b_ih'), [gates * h]);
  const b_hh = readParam(dict, names('bias_hh', 'b_hh'), [gates * h]);
  return { W_ih, W_hh, b_ih, b_hh };
}

/** Checks friendly-named params for a cell with `gates` blocks; returns the input and hidden sizes. */
export function recurrentSizes(params: RecurrentParams, gates: number): { inputSize: number; hiddenSize: number } {
  const h = params.W_hh.shape[1] as number;
  const i = params.W_ih.shape[1] as number;
  checkShape('W_hh', params.W_hh, [gates * h, h]);
  checkShape('W_ih', params.W_ih, [gates * h, i]);
  checkShape('b_ih', params.b_ih, [gates * h]);
  checkShape('b_hh', params.b_hh, [gates * h]);
  return { inputSize: i, hiddenSize: h };
}

/** The same params as a PyTorch-style state dict (`weight_ih_l0`, …) of nested arrays, e.g. to save a trained model. */
export function toStateDict(params: RecurrentParams, layer = 0): Record<string, number[] | number[][]> {
  return {
    [`weight_ih_l${layer}`]: params.W_ih.toRows(),
    [`weight_hh_l${layer}`]: params.W_hh.toRows(),
    [`bias_ih_l${layer}`]: params.b_ih.toArray(),
    [`bias_hh_l${layer}`]: params.b_hh.toArray(),
  };
}

/** Params with every weight `w` and every bias `b` (the memory chapter's "all weights 1"). */
export function constantParams(
  gates: number,
  inputSize: number,
  hiddenSize: number,
  w: number,
  b = 0,
): RecurrentParams {
  return {
    W_ih: full([gates * hiddenSize, inputSize], w),
    W_hh: full([gates * hiddenSize, hiddenSize], w),
    b_ih: full([gates * hiddenSize], b),
    b_hh: full([gates * hiddenSize], b),
  };
}
