/**
 * Simple recurrent cells (/memory/).
 *
 *   Elman:  h_t = f(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh),  y_t = g(W_y h_t + b_y)
 *   Jordan: h_t = f(W_ih x_t + b_ih + W_hh y_{t−1} + b_hh),  y_t = g(W_y h_t + b_y)
 *
 * Elman feeds back the hidden values; Jordan feeds back the outputs, so its
 * W_hh is [H, O] and it needs an output layer. Trace symbols: `h`, `y`.
 */
import { add } from '../ops/add.ts';
import { matmul } from '../ops/matmul.ts';
import { type Tensor, zeros } from '../tensor.ts';
import type { Trace } from '../trace.ts';
import { activationFn } from './activation.ts';
import { type Activation, asRows, type CellState, type RecurrentCell, unrow } from './cell.ts';
import { type LinearParams, linear, linearSizes } from './linear.ts';
import { checkShape } from './params.ts';
import type { RecurrentParams } from './recurrent-params.ts';

/** How a simple RNN cell is wired. */
export interface RnnOptions {
  /** f, the hidden activation (default tanh). */
  readonly activation?: Activation;
  /** The output layer W_y, b_y (required for Jordan). */
  readonly output?: LinearParams;
  /** g, the output activation (default linear). */
  readonly outputActivation?: Activation;
  /** Which value is fed back (default Elman: the hidden state). */
  readonly variant?: 'elman' | 'jordan';
}

/** A simple (Elman or Jordan) RNN cell with PyTorch-layout params (W_ih [H, I], W_hh [H, H] or [H, O]). */
export function rnnCell(params: RecurrentParams, options: RnnOptions = {}): RecurrentCell {
  const jordan = options.variant === 'jordan';
  const hiddenSize = params.W_ih.shape[0] as number;
  const inputSize = params.W_ih.shape[1] as number;
  const output = options.output;
  if (jordan && output === undefined) throw new Error('a Jordan network feeds back its outputs: pass options.output');
  const outSize = output === undefined ? 0 : linearSizes(output)[0];
  if (output !== undefined) checkShape('W_y', output.W, [outSize, hiddenSize]);
  const fedBack = jordan ? outSize : hiddenSize;
  checkShape('W_ih', params.W_ih, [hiddenSize, inputSize]);
  checkShape('W_hh', params.W_hh, [hiddenSize, fedBack]);
  checkShape('b_ih', params.b_ih, [hiddenSize]);
  checkShape('b_hh', params.b_hh, [hiddenSize]);
  const f = activationFn(options.activation ?? 'tanh');
  const g = activationFn(options.outputActivation ?? 'linear');

  const zeroState = (batch?: number): CellState => {
    const lead = batch === undefined ? [] : [batch];
    const h = zeros([...lead, hiddenSize]);
    return output === undefined ? { h } : { h, y: zeros([...lead, outSize]) };
  };

  const step = (x: Tensor, state: CellState, trace?: Trace, t?: number): CellState => {
    const memory = jordan ? state.y : state.h;
    if (memory === undefined) throw new Error('a Jordan cell needs state.y (start from zeroState())');
    const rows = asRows(x, memory, inputSize, fedBack);
    const pre = add(
      add(matmul(rows.x, params.W_ih, { transposeB: true }), params.b_ih),
      add(matmul(rows.h, params.W_hh, { transposeB: true }), params.b_hh),
    );
    const h = unrow(f(pre), rows.vector);
    trace?.record('h', h, { step: t });
    if (output === undefined) return { h };
    const y = g(linear(output, h));
    trace?.record('y', y, { step: t });
    return { h, y };
  };

  return { kind: 'rnn', inputSize, hiddenSize, zeroState, step };
}
