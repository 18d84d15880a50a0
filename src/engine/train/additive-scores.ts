/**
 * Bahdanau's scores as one op, from the precomputed keys and the query's
 * projection (models/seq2seq-attention.ts):
 *
 *   e_bj = Σ_a v_a t_bja,   t_bja = tanh(k_bja + q_ba)      (keys k [B, n, A], q = s W_aᵀ [B, A], v [1, A])
 *
 * and its backward, for g = ∂e [B, n]:
 *
 *   δ_bja = g_bj v_a (1 − t_bja²),   ∂k = δ,   ∂q_ba = Σ_j δ_bja,   ∂v_a = Σ_bj g_bj t_bja
 *
 * The composed ops in seq2seq-attention.ts stay the definition (reshape, a
 * broadcast add, tanh, a matmul with v; ~6 kernel calls forward and ~12
 * backward per decoder step); on the CPU training and decoding path this op
 * runs instead. Loops in float64, rounding once per output; the forward keeps
 * t (float64) for its backward, which returns its three gradients as views
 * into one buffer.
 *
 * Training's alone, like gru-combine.ts: train/fast-kernels.ts imports it.
 */
import { registerGradient } from '../autodiff/rule.ts';
import { fusedScores } from '../models/seq2seq-attention.ts';
import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';
import { stepBuffer } from './step-arena.ts';

/** Checks keys [B, n, A], q [B, A] and v [1, A] against each other; returns B, n and A. */
function scoreDims(keys: Tensor, q: Tensor, v: Tensor): { b: number; n: number; a: number } {
  const [b, n, a] = keys.shape as [number, number, number];
  const ok =
    keys.rank === 3 && q.rank === 2 && q.shape[0] === b && q.shape[1] === a && v.rank === 2 && v.shape[0] === 1;
  if (!ok || v.shape[1] !== a)
    throw new RangeError(
      `additiveScores needs keys[B,n,A], q[B,A], v[1,A]; got [${keys.shape}], [${q.shape}], [${v.shape}]`,
    );
  return { b, n, a };
}

/** t = tanh(k + q) of every (b, j, a), float64, [B, n, A]. */
function hiddenCpu(keys: Tensor, q: Tensor, b: number, n: number, a: number): Float64Array {
  const [k, qv] = [keys.values(), q.values()];
  const t = new Float64Array(b * n * a);
  for (let row = 0; row < b; row++) {
    for (let j = 0; j < n; j++) {
      const o = (row * n + j) * a;
      for (let u = 0; u < a; u++) t[o + u] = Math.tanh((k[o + u] as number) + (qv[row * a + u] as number));
    }
  }
  return t;
}

/** Each forward output's t, for its backward; dropped with the output. */
const savedHidden = new WeakMap<Tensor, Float64Array>();

/** e [B, n] = t · v over A, t = tanh(keys + q). */
export function additiveScoresCpu(keys: Tensor, q: Tensor, v: Tensor): Tensor {
  const { b, n, a } = scoreDims(keys, q, v);
  const t = hiddenCpu(keys, q, b, n, a);
  const w = v.values();
  const out = stepBuffer(b * n);
  for (let bj = 0; bj < b * n; bj++) {
    let e = 0;
    for (let u = 0; u < a; u++) e += (t[bj * a + u] as number) * (w[u] as number);
    out[bj] = e;
  }
  const result = new Tensor([b, n], out);
  savedHidden.set(result, t);
  return result;
}

/**
 * ∂keys [B, n, A], ∂q [B, A], ∂v [1, A] one after another in one flat tensor, for the upstream gradient `grad`
 * [B, n] of `out` (the forward's output: its saved t is used when present).
 */
export function additiveScoresGradCpu(grad: Tensor, out: Tensor, keys: Tensor, q: Tensor, v: Tensor): Tensor {
  const { b, n, a } = scoreDims(keys, q, v);
  const t = savedHidden.get(out) ?? hiddenCpu(keys, q, b, n, a);
  const [g, w] = [grad.values(), v.values()];
  const all = stepBuffer(b * n * a + b * a + a);
  // Where ∂q and ∂v start; both are sums, kept in float64 and rounded once.
  const [dq, dv] = [b * n * a, b * n * a + b * a];
  const sums = new Float64Array(b * a + a);
  for (let row = 0; row < b; row++) {
    for (let j = 0; j < n; j++) {
      const up = g[row * n + j] as number;
      const o = (row * n + j) * a;
      for (let u = 0; u < a; u++) {
        const tu = t[o + u] as number;
        const delta = up * (w[u] as number) * (1 - tu * tu);
        all[o + u] = delta;
        sums[row * a + u] = (sums[row * a + u] as number) + delta;
        sums[b * a + u] = (sums[b * a + u] as number) + up * tu;
      }
    }
  }
  for (let k = 0; k < b * a + a; k++) all[dq + k] = sums[k] as number;
  return new Tensor([dv + a], all);
}

registerKernel({
  op: 'additiveScores',
  backend: 'cpu',
  run: ([keys, q, v]) => additiveScoresCpu(keys as Tensor, q as Tensor, v as Tensor),
});
registerKernel({
  op: 'additiveScoresGrad',
  backend: 'cpu',
  run: ([g, out, keys, q, v]) =>
    additiveScoresGradCpu(g as Tensor, out as Tensor, keys as Tensor, q as Tensor, v as Tensor),
});

/** A tensor of `shape` over values[start…] without copying (tensors are never written after they are made). */
function view(values: Float32Array, start: number, shape: number[]): Tensor {
  const size = shape.reduce((x, y) => x * y, 1);
  return new Tensor(shape, values.subarray(start, start + size));
}

registerGradient('additiveScores', ({ inputs, output, grad, needs }) => {
  const [keys, q, v] = inputs as [Tensor, Tensor, Tensor];
  const [B, n, A] = keys.shape as [number, number, number];
  const all = runOp('additiveScoresGrad', [grad, output, keys, q, v], {}, B * n * A + B * A + A).values();
  return [
    needs[0] ? view(all, 0, [B, n, A]) : undefined,
    needs[1] ? view(all, B * n * A, [B, A]) : undefined,
    needs[2] ? view(all, B * n * A + B * A, [1, A]) : undefined,
  ];
});

/** Bahdanau's scores e [B, n] from keys [B, n, A], the projected query q [B, A] and v [1, A]. */
export function additiveScores(keys: Tensor, q: Tensor, v: Tensor): Tensor {
  const d = scoreDims(keys, q, v);
  return runOp('additiveScores', [keys, q, v], {}, d.b * d.n);
}

// Only a CPU kernel: tensors on a device take the composed ops.
fusedScores.additive = (keys, q, v) =>
  [keys, q, v].every((t) => t.location === 'cpu') ? additiveScores(keys, q, v) : undefined;
