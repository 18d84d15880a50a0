/**
 * How much a change in the state at step t still moves the state at step T
 * (/memory/, "gradients through time"), from the chain rule:
 *
 *   ∂h_T/∂h_t = J_T J_{T−1} ⋯ J_{t+1},   J_k = ∂h_k/∂h_{k−1}
 *
 *   tanh RNN:  J_k = diag(1 − h_k²) W_hh
 *   LSTM, state (h, c), blocks of W_hh: W_i, W_f, W_g, W_o:
 *     ∂c_k/∂c_{k−1} = diag(f)
 *     ∂c_k/∂h_{k−1} = diag(c_{k−1} f(1−f)) W_f + diag(g i(1−i)) W_i + diag(i(1−g²)) W_g
 *     ∂h_k/∂c_{k−1} = diag(o (1 − tanh² c_k) f)
 *     ∂h_k/∂h_{k−1} = diag(tanh(c_k) o(1−o)) W_o + diag(o (1 − tanh² c_k)) ∂c_k/∂h_{k−1}
 *
 * The Jacobians are built from the values a traced forward run recorded,
 * with engine ops; norms are Frobenius norms.
 */
import { add } from '../ops/add.ts';
import { concat } from '../ops/concat.ts';
import { matmul } from '../ops/matmul.ts';
import { mul } from '../ops/mul.ts';
import { oneMinus } from '../ops/one-minus.ts';
import { reshape } from '../ops/reshape.ts';
import { slice } from '../ops/slice.ts';
import { sum } from '../ops/sum.ts';
import { tanh } from '../ops/tanh.ts';
import { Tensor, zeros } from '../tensor.ts';
import type { Trace } from '../trace.ts';

/** diag(d) M for a vector d [H] and a matrix M [H, K]: scales row r of M by d_r. */
function diagTimes(d: Tensor, m: Tensor): Tensor {
  return mul(reshape(d, [d.size, 1]), m);
}

/** diag(d) as a matrix. */
function diag(d: Tensor): Tensor {
  const n = d.size;
  const out = new Float32Array(n * n);
  const v = d.values();
  for (let i = 0; i < n; i++) out[i * n + i] = v[i] ?? 0;
  return new Tensor([n, n], out);
}

/** The identity matrix of size n. */
function identity(n: number): Tensor {
  return diag(new Tensor([n], new Float32Array(n).fill(1)));
}

/** The Frobenius norm ‖M‖ = sqrt(Σ m²). */
export function frobenius(m: Tensor): number {
  return Math.sqrt(sum(mul(m, m)).values()[0] ?? Number.NaN);
}

/** Per-step Jacobians J_k = ∂h_k/∂h_{k−1} of a tanh RNN, from a trace that recorded `h` at steps 1..T. */
export function rnnJacobians(W_hh: Tensor, trace: Trace): Tensor[] {
  return trace.all('h').map((e) => diagTimes(oneMinus(mul(e.value, e.value)), W_hh));
}

/** Per-step Jacobians of an LSTM's joint state [h; c] (2H × 2H), from a trace with i, f, g, o, c at steps 1..T. */
export function lstmJacobians(W_hh: Tensor, trace: Trace): Tensor[] {
  const H = W_hh.shape[1] as number;
  const block = (k: number) => slice(W_hh, [k * H, 0], [H, H]);
  const [W_i, W_f, W_g, W_o] = [block(0), block(1), block(2), block(3)];
  return trace.steps().map((t) => {
    const at = { step: t };
    const [i, f, g, o, c] = (['i', 'f', 'g', 'o', 'c'] as const).map((s) => trace.get(s, at)) as [
      Tensor,
      Tensor,
      Tensor,
      Tensor,
      Tensor,
    ];
    const cPrev = t > 1 ? trace.get('c', { step: t - 1 }) : zeros([H]);
    const tc = tanh(c);
    const dTanhC = mul(o, oneMinus(mul(tc, tc)));
    const dcdc = diag(f);
    const dcdh = add(
      add(diagTimes(mul(cPrev, mul(f, oneMinus(f))), W_f), diagTimes(mul(g, mul(i, oneMinus(i))), W_i)),
      diagTimes(mul(i, oneMinus(mul(g, g))), W_g),
    );
    const dhdc = diag(mul(dTanhC, f));
    const dhdh = add(diagTimes(mul(tc, mul(o, oneMinus(o))), W_o), diagTimes(dTanhC, dcdh));
    return concat([concat([dhdh, dhdc], 1), concat([dcdh, dcdc], 1)], 0);
  });
}

/** ‖∂s_T/∂s_t‖ for t = 0..T, where s is the (joint) state and `jacobians[k−1]` = J_k; `blocks` picks sub-blocks. */
export function gradientNorms(
  jacobians: readonly Tensor[],
  blocks: Readonly<Record<string, { begin: [number, number]; size: [number, number] }>> = {},
): { total: number[]; blocks: Record<string, number[]> } {
  const T = jacobians.length;
  const n = (jacobians[0]?.shape[0] as number | undefined) ?? 1;
  const total = new Array<number>(T + 1);
  const byBlock: Record<string, number[]> = {};
  for (const name of Object.keys(blocks)) byBlock[name] = new Array<number>(T + 1);
  // Walk backwards: P_T = I, P_t = P_{t+1} J_{t+1}.
  let product = identity(n);
  for (let t = T; t >= 0; t--) {
    if (t < T) product = matmul(product, jacobians[t] as Tensor);
    total[t] = frobenius(product);
    for (const [name, b] of Object.entries(blocks))
      (byBlock[name] as number[])[t] = frobenius(slice(product, b.begin, b.size));
  }
  return { total, blocks: byBlock };
}
