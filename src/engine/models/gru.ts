/**
 * GRU cell (/gru/), PyTorch layout with blocks r, z, n:
 *
 *   r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)
 *   z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)
 *   Cho et al. 2014:  h̃_t = tanh(W_in x_t + b_in + W_hn (r_t ∘ h_{t−1}) + b_hn)
 *   PyTorch:          h̃_t = tanh(W_in x_t + b_in + r_t ∘ (W_hn h_{t−1} + b_hn))
 *   h_t = z_t ∘ h_{t−1} + (1 − z_t) ∘ h̃_t        (z = 1 copies the state)
 *
 * The variants differ only in where the reset gate acts: before the
 * recurrent matrix (Cho) or after it (PyTorch, cuDNN; Keras reset_after).
 * Trace symbols: `r`, `z`, `h̃`, `h`; the blocks are GRU_BLOCKS in symbols.ts.
 * An untraced PyTorch step on the CPU runs the gates as one fused op: the
 * gruUpdate op (ops/gru-update.ts, the same bits as the ops below) where
 * nothing records a gradient, or training's gruCombine where training has set
 * fusedGru (train/fast-kernels.ts). The ops below are their definition.
 */
import { add } from '../ops/add.ts';
import { gruUpdate } from '../ops/gru-update.ts';
import { matmul } from '../ops/matmul.ts';
import { mul } from '../ops/mul.ts';
import { oneMinus } from '../ops/one-minus.ts';
import { sigmoid } from '../ops/sigmoid.ts';
import { slice } from '../ops/slice.ts';
import { split } from '../ops/split.ts';
import { tanh } from '../ops/tanh.ts';
import { chooseBackend, recording } from '../registry.ts';
import { GRU_BLOCKS, type GruVariant, SYMBOLS } from '../symbols.ts';
import { type Tensor, zeros } from '../tensor.ts';
import type { Trace } from '../trace.ts';
import { asRows, type CellState, type RecurrentCell, unrow } from './cell.ts';
import { type RecurrentParams, recurrentSizes } from './recurrent-params.ts';

/**
 * Training's fused PyTorch update, set by train/gru-combine.ts where training runs: h' from xw = x W_ihᵀ,
 * hw = h W_hhᵀ, h and the biases b_ih, b_hh, or undefined where it does not apply (tensors on a device). A trace
 * (which wants r, z, h̃) never asks it; unset, as on every page that only shows widgets, the ops below run.
 */
export const fusedGru: {
  combine?: (xw: Tensor, hw: Tensor, h: Tensor, b_ih: Tensor, b_hh: Tensor) => Tensor | undefined;
} = {};

/**
 * gruUpdate where it gives the composed ops' bits: where they would run on the CPU (every operand there, the step
 * below the accelerator's size threshold, no backend forced), and only while no tape records (it has no gradient).
 * Undefined elsewhere: the composed ops run.
 */
function exactUpdate(xw: Tensor, hw: Tensor, h: Tensor, b_ih: Tensor, b_hh: Tensor): Tensor | undefined {
  const onCpu = [xw, hw, h, b_ih, b_hh].every((t) => t.location === 'cpu');
  if (!onCpu || recording() || chooseBackend('add', [xw, b_ih], xw.size) !== 'cpu') return undefined;
  return gruUpdate(xw, hw, h, b_ih, b_hh);
}

/** A GRU cell; the weights are sliced by block once here, not on every step. */
export function gruCell(params: RecurrentParams, variant: GruVariant = 'cho'): RecurrentCell {
  const { inputSize, hiddenSize: H } = recurrentSizes(params, GRU_BLOCKS.length);
  const W_hh_rz = slice(params.W_hh, [0, 0], [2 * H, H]);
  const W_hn = slice(params.W_hh, [2 * H, 0], [H, H]);
  const b_hh_rz = slice(params.b_hh, [0], [2 * H]);
  const b_hn = slice(params.b_hh, [2 * H], [H]);

  const step = (x: Tensor, state: CellState, trace?: Trace, t?: number): CellState => {
    const rows = asRows(x, state.h, inputSize, H);
    const h0 = rows.h;
    const xw = matmul(rows.x, params.W_ih, { transposeB: true });
    const hw = variant === 'pytorch' ? matmul(h0, params.W_hh, { transposeB: true }) : undefined;
    const fused =
      hw !== undefined && trace === undefined
        ? (fusedGru.combine?.(xw, hw, h0, params.b_ih, params.b_hh) ??
          exactUpdate(xw, hw, h0, params.b_ih, params.b_hh))
        : undefined;
    if (fused !== undefined) return { h: unrow(fused, rows.vector) };
    const gi = add(xw, params.b_ih);
    const gh = hw === undefined ? undefined : add(hw, params.b_hh);
    const [i_r, i_z, i_n] = split(gi, 3, 1) as [Tensor, Tensor, Tensor];
    let r: Tensor;
    let z: Tensor;
    let pre_n: Tensor;
    if (gh !== undefined) {
      const [h_r, h_z, h_n] = split(gh, 3, 1) as [Tensor, Tensor, Tensor];
      r = sigmoid(add(i_r, h_r));
      z = sigmoid(add(i_z, h_z));
      pre_n = add(i_n, mul(r, h_n));
    } else {
      const [h_r, h_z] = split(add(matmul(h0, W_hh_rz, { transposeB: true }), b_hh_rz), 2, 1) as [Tensor, Tensor];
      r = sigmoid(add(i_r, h_r));
      z = sigmoid(add(i_z, h_z));
      pre_n = add(i_n, add(matmul(mul(r, h0), W_hn, { transposeB: true }), b_hn));
    }
    const n = tanh(pre_n);
    const h = add(mul(z, h0), mul(oneMinus(z), n));
    if (trace !== undefined) {
      trace.record('r', unrow(r, rows.vector), { step: t });
      trace.record('z', unrow(z, rows.vector), { step: t });
      trace.record(SYMBOLS.hTilde.symbol, unrow(n, rows.vector), { step: t });
      trace.record('h', unrow(h, rows.vector), { step: t });
    }
    return { h: unrow(h, rows.vector) };
  };

  return {
    kind: 'gru',
    inputSize,
    hiddenSize: H,
    zeroState: (batch) => ({ h: zeros(batch === undefined ? [H] : [batch, H]) }),
    step,
  };
}
