import { expect, it } from 'vitest';
import {
  add,
  attention,
  attentionWeights,
  concat,
  lstmGates,
  matmul,
  mul,
  mulberry32,
  oneMinus,
  reshape,
  sigmoid,
  softmax,
  split,
  type Tensor,
  tanh,
  tensor,
  uniformTensor,
} from '~engine/index.ts';
import { additiveScores, additiveScoresCpu, additiveScoresGradCpu } from '~engine/train/additive-scores.ts';
import { gruCombine, gruCombineCpu, gruCombineGradCpu } from '~engine/train/gru-combine.ts';
import { eachBackend } from './each-backend.ts';
import { expectTensorsClose } from './tolerance.ts';

const rng = mulberry32(42);
const u = (shape: number[], scale = 1) => uniformTensor(shape, rng, scale);

eachBackend('fused ops equal their composition of primitive ops', (backend) => {
  it('lstmGates(x, h, W_ih, W_hh, b_ih, b_hh) equals [σ, σ, tanh, σ] of xW_ihᵀ + b_ih + hW_hhᵀ + b_hh', () => {
    const [x, h, Wi, Wh, bi, bh] = [u([3, 5]), u([3, 4]), u([16, 5], 2), u([16, 4], 2), u([16]), u([16])];
    const pre = add(add(matmul(x, Wi, { transposeB: true }), bi), add(matmul(h, Wh, { transposeB: true }), bh));
    const [i, f, g, o] = split(pre, 4, 1) as [Tensor, Tensor, Tensor, Tensor];
    const composed = concat([sigmoid(i), sigmoid(f), tanh(g), sigmoid(o)], 1);
    expectTensorsClose(lstmGates(x, h, Wi, Wh, bi, bh), composed);
  });

  // gruCombine has a CPU kernel only (training runs on the CPU; train/fast-kernels.ts): on WebGL2 it would run off the backend.
  it.runIf(backend === 'cpu')(
    'gruCombine(xw, hw, h, b_ih, b_hh) equals the PyTorch GRU update (1 − z)∘n + z∘h composed from primitive ops',
    () => {
      const [xw, hw, h, bi, bh] = [u([3, 15], 3), u([3, 15], 3), u([3, 5]), u([15]), u([15])];
      const [ir, iz, inn] = split(add(xw, bi), 3, 1) as [Tensor, Tensor, Tensor];
      const [hr, hz, hn] = split(add(hw, bh), 3, 1) as [Tensor, Tensor, Tensor];
      const r = sigmoid(add(ir, hr));
      const z = sigmoid(add(iz, hz));
      const n = tanh(add(inn, mul(r, hn)));
      expectTensorsClose(gruCombine(xw, hw, h, bi, bh), add(mul(oneMinus(z), n), mul(z, h)));
    },
  );

  it.runIf(backend === 'cpu')(
    "gruCombine's backward gives the same bits from the forward's saved gates as from gates it recomputes",
    () => {
      const [xw, hw, h, bi, bh, g] = [u([3, 15], 3), u([3, 15], 3), u([3, 5]), u([15]), u([15]), u([3, 5])];
      const out = gruCombineCpu(xw, hw, h, bi, bh);
      const saved = gruCombineGradCpu(g, out, xw, hw, h, bi, bh).toArray();
      // An output the forward did not make has no saved gates: the kernel computes them.
      const recomputed = gruCombineGradCpu(g, tensor(out.toArray(), [3, 5]), xw, hw, h, bi, bh).toArray();
      expect(saved.some((v) => v !== 0)).toBe(true);
      expect(recomputed).toEqual(saved);
    },
  );

  it.runIf(backend === 'cpu')(
    'additiveScores(keys, q, v) equals v · tanh(keys + q) composed from primitive ops',
    () => {
      const [keys, q, v] = [u([3, 5, 4], 2), u([3, 4], 2), u([1, 4])];
      const hidden = tanh(add(keys, reshape(q, [3, 1, 4])));
      const composed = reshape(matmul(reshape(hidden, [15, 4]), v, { transposeB: true }), [3, 5]);
      expectTensorsClose(additiveScores(keys, q, v), composed);
    },
  );

  it.runIf(backend === 'cpu')(
    "additiveScores' backward gives the same bits from the forward's saved tanh as from one it recomputes",
    () => {
      const [keys, q, v, g] = [u([3, 5, 4], 2), u([3, 4], 2), u([1, 4]), u([3, 5])];
      const out = additiveScoresCpu(keys, q, v);
      const saved = additiveScoresGradCpu(g, out, keys, q, v).toArray();
      const recomputed = additiveScoresGradCpu(g, tensor(out.toArray(), [3, 5]), keys, q, v).toArray();
      expect(saved.some((x) => x !== 0)).toBe(true);
      expect(recomputed).toEqual(saved);
    },
  );

  it('attentionWeights(Q, K, {scale, mask}) equals softmax(QKᵀ·scale + mask)', () => {
    const [q, k] = [u([4, 8]), u([6, 8])];
    const mask = tensor(
      Array.from({ length: 24 }, (_, i) => (i % 5 === 3 ? Number.NEGATIVE_INFINITY : 0)),
      [4, 6],
    );
    const composed = softmax(add(mul(matmul(q, k, { transposeB: true }), 1 / Math.sqrt(8)), mask), -1);
    expectTensorsClose(attentionWeights(q, k, { mask }), composed);
  });

  it('attention(Q, K, V, {causal}) equals softmax(QKᵀ/√d + causal mask)·V', () => {
    const [q, k, v] = [u([5, 4]), u([5, 4]), u([5, 3])];
    const causal = tensor(
      Array.from({ length: 25 }, (_, n) => (n % 5 > Math.floor(n / 5) ? Number.NEGATIVE_INFINITY : 0)),
      [5, 5],
    );
    const composed = matmul(softmax(add(mul(matmul(q, k, { transposeB: true }), 0.5), causal), -1), v);
    expectTensorsClose(attention(q, k, v, { causal: true }), composed);
  });
});
