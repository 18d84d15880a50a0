import { registerKernel, runOp } from '../registry.ts';
import { LSTM_BLOCKS } from '../symbols.ts';
import { Tensor } from '../tensor.ts';

/** Checks the six LSTM gate operands against each other; returns batch, input and hidden sizes. */
function gateDims(inputs: readonly Tensor[]): { b: number; i: number; h: number } {
  const [x, h, wih, whh, bih, bhh] = inputs as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
  const b = x.shape[0] as number;
  const i = x.shape[1] as number;
  const hs = h.shape[1] as number;
  const ok =
    x.rank === 2 &&
    h.rank === 2 &&
    h.shape[0] === b &&
    wih.rank === 2 &&
    wih.shape[0] === 4 * hs &&
    wih.shape[1] === i &&
    whh.rank === 2 &&
    whh.shape[0] === 4 * hs &&
    whh.shape[1] === hs &&
    bih.rank === 1 &&
    bih.shape[0] === 4 * hs &&
    bhh.rank === 1 &&
    bhh.shape[0] === 4 * hs;
  if (!ok) {
    const shapes = inputs.map((t) => `[${t.shape}]`).join(', ');
    throw new RangeError(`lstmGates needs x[B,I], h[B,H], W_ih[4H,I], W_hh[4H,H], b_ih[4H], b_hh[4H]; got ${shapes}`);
  }
  return { b, i, h: hs };
}

/**
 * The four LSTM gates in one pass, PyTorch block order i, f, g, o (LSTM_BLOCKS):
 *   pre = W_ih x + b_ih + W_hh h + b_hh   (per batch row, a [4H] vector)
 *   i = σ(pre[0:H]), f = σ(pre[H:2H]), g = tanh(pre[2H:3H]), o = σ(pre[3H:4H])
 * Written as direct loops (not via matmul/add/sigmoid) so the test that
 * compares it with the composition of primitive ops checks two independent
 * derivations. The sigmoid keeps its exponent ≤ 0, so it cannot overflow.
 */
export function lstmGatesCpu(inputs: readonly Tensor[]): Tensor {
  const { b, i: nIn, h: nH } = gateDims(inputs);
  const [x, h, wih, whh, bih, bhh] = inputs.map((t) => t.values()) as Float32Array[] as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  const rows = 4 * nH;
  const out = new Float32Array(b * rows);
  for (let n = 0; n < b; n++) {
    for (let r = 0; r < rows; r++) {
      let acc = (bih[r] as number) + (bhh[r] as number);
      for (let k = 0; k < nIn; k++) acc += (wih[r * nIn + k] as number) * (x[n * nIn + k] as number);
      for (let k = 0; k < nH; k++) acc += (whh[r * nH + k] as number) * (h[n * nH + k] as number);
      let v: number;
      if (LSTM_BLOCKS[Math.floor(r / nH)]?.activation === 'tanh') v = Math.tanh(acc);
      else if (acc >= 0) v = 1 / (1 + Math.exp(-acc));
      else {
        const e = Math.exp(acc);
        v = e / (1 + e);
      }
      out[n * rows + r] = v;
    }
  }
  return new Tensor([b, rows], out);
}

registerKernel({ op: 'lstmGates', backend: 'cpu', run: (inputs) => lstmGatesCpu(inputs) });

/** Activated LSTM gates [B, 4H] (blocks i, f, g, o) from x[B,I], h[B,H] and PyTorch-layout weights. */
export function lstmGates(x: Tensor, h: Tensor, W_ih: Tensor, W_hh: Tensor, b_ih: Tensor, b_hh: Tensor): Tensor {
  const inputs = [x, h, W_ih, W_hh, b_ih, b_hh];
  const d = gateDims(inputs);
  return runOp('lstmGates', inputs, {}, d.b * 4 * d.h);
}
