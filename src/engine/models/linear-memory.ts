/**
 * The worked example of the memory chapter: 2 inputs, 2 linear hidden units with
 * memory, 2 linear outputs, every weight 1, every bias 0, memory starting at 0.
 *
 *   h_t = W_ih x_t + W_hh h_{t−1},   y_t = W_y h_t
 *
 * Inputs [1,1], [1,1], [2,2] give outputs [4,4], [12,12], [32,32]: the same
 * input gives different outputs because the memory differs.
 */
import { full } from '../tensor.ts';
import type { RecurrentCell } from './cell.ts';
import { constantParams } from './recurrent-params.ts';
import { rnnCell } from './rnn.ts';

/** The memory chapter's network as an Elman cell with linear activations (weights `w`, default 1, biases 0). */
export function linearMemoryNetwork(w = 1): RecurrentCell {
  return rnnCell(constantParams(1, 2, 2, w), {
    activation: 'linear',
    output: { W: full([2, 2], w), b: full([2], 0) },
  });
}
