/**
 * LSTM cell (/lstm/), PyTorch layout with blocks i, f, g, o:
 *
 *   [i; f; g; o] = [σ; σ; tanh; σ](W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)
 *   c_t = f ∘ c_{t−1} + i ∘ g
 *   h_t = o ∘ tanh(c_t)
 *
 * A forget gate of 1 keeps the cell (the name misleads); the additive c
 * path is what keeps gradients alive. The gates come from one fused
 * `lstmGates` op. Trace symbols: `i`, `f`, `g`, `o`, `c`, `h`; the blocks are
 * LSTM_BLOCKS in symbols.ts.
 */
import { assertFinite } from '../nonfinite.ts';
import { add } from '../ops/add.ts';
import { lstmGates } from '../ops/lstm-gates.ts';
import { mul } from '../ops/mul.ts';
import { reshape } from '../ops/reshape.ts';
import { split } from '../ops/split.ts';
import { tanh } from '../ops/tanh.ts';
import { LSTM_BLOCKS } from '../symbols.ts';
import { type Tensor, zeros } from '../tensor.ts';
import type { Trace } from '../trace.ts';
import { asRows, type CellState, type RecurrentCell, unrow } from './cell.ts';
import { type RecurrentParams, recurrentSizes } from './recurrent-params.ts';

/** An LSTM cell; state is { h, c }, both [H] or [B, H]. */
export function lstmCell(params: RecurrentParams): RecurrentCell {
  const { inputSize, hiddenSize: H } = recurrentSizes(params, LSTM_BLOCKS.length);

  const step = (x: Tensor, state: CellState, trace?: Trace, t?: number): CellState => {
    const rows = asRows(x, state.h, inputSize, H);
    if (state.c === undefined) throw new Error('an LSTM state needs c (start from zeroState())');
    assertFinite('c', state.c);
    const c0 = rows.vector ? reshape(state.c, [1, H]) : state.c;
    const gates = lstmGates(rows.x, rows.h, params.W_ih, params.W_hh, params.b_ih, params.b_hh);
    const [i, f, g, o] = split(gates, LSTM_BLOCKS.length, 1) as [Tensor, Tensor, Tensor, Tensor];
    const c = add(mul(f, c0), mul(i, g));
    const h = mul(o, tanh(c));
    if (trace !== undefined) {
      trace.record('i', unrow(i, rows.vector), { step: t });
      trace.record('f', unrow(f, rows.vector), { step: t });
      trace.record('g', unrow(g, rows.vector), { step: t });
      trace.record('o', unrow(o, rows.vector), { step: t });
      trace.record('c', unrow(c, rows.vector), { step: t });
      trace.record('h', unrow(h, rows.vector), { step: t });
    }
    return { h: unrow(h, rows.vector), c: unrow(c, rows.vector) };
  };

  return {
    kind: 'lstm',
    inputSize,
    hiddenSize: H,
    zeroState: (batch) => {
      const shape = batch === undefined ? [H] : [batch, H];
      return { h: zeros(shape), c: zeros(shape) };
    },
    step,
  };
}
