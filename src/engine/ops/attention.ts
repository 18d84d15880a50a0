import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';
import {
  type AttentionOptions,
  attentionAttrs,
  attentionDims,
  attentionRow,
  combinedMask,
} from './attention-weights.ts';
import type { AttentionAttrs } from './contract.ts';

/**
 * attention(Q, K, V) = softmax_j(scale · Q Kᵀ + mask) V, an [n, dv] matrix:
 * output row i is the α-weighted mix of the value rows. One pass per query
 * row with a float64 scratch row, so the [n, m] weights never materialize.
 */
export function attentionCpu(inputs: readonly Tensor[], attrs: AttentionAttrs): Tensor {
  const [q, k, v, mask] = inputs as [Tensor, Tensor, Tensor, Tensor | undefined];
  const { n, m, d, dv } = attentionDims(q, k, v, mask);
  const out = new Float32Array(n * dv);
  const row = new Float64Array(m);
  const acc = new Float64Array(dv);
  const qv = q.values();
  const kv = k.values();
  const vv = v.values();
  const mv = mask?.values();
  for (let i = 0; i < n; i++) {
    attentionRow(i, qv, kv, mv, { m, d }, attrs, row);
    acc.fill(0);
    for (let j = 0; j < m; j++) {
      // No skip for w = 0: a non-finite value in V must show up (0 · Infinity = NaN), as it does in matmul.
      const w = row[j] as number;
      for (let p = 0; p < dv; p++) acc[p] = (acc[p] as number) + w * (vv[j * dv + p] as number);
    }
    for (let p = 0; p < dv; p++) out[i * dv + p] = acc[p] as number;
  }
  return new Tensor([n, dv], out);
}

registerKernel({
  op: 'attention',
  backend: 'cpu',
  run: (inputs, attrs) => attentionCpu(inputs, attrs),
});

/**
 * Scaled dot-product attention softmax(QKᵀ·scale + mask)·V [n, dv]. Q [n, d]
 * and K [m, d] may differ in length: with Q from a decoder and K = V from an
 * encoder it is cross-attention.
 */
export function attention(q: Tensor, k: Tensor, v: Tensor, options: AttentionOptions = {}): Tensor {
  const { n, m, d, dv } = attentionDims(q, k, v, options.mask);
  const mask = combinedMask(n, m, options);
  const inputs = mask === undefined ? [q, k, v] : [q, k, v, mask];
  return runOp('attention', inputs, attentionAttrs(options, d), n * dv);
}
