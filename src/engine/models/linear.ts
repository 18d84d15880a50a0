import { add } from '../ops/add.ts';
import { matmul } from '../ops/matmul.ts';
import { reshape } from '../ops/reshape.ts';
import type { Tensor } from '../tensor.ts';
import { checkShape } from './params.ts';

/** A fully connected layer y = W x + b in PyTorch layout: W [out, in], b [out]. */
export interface LinearParams {
  readonly W: Tensor;
  readonly b: Tensor;
}

/** Checks a linear layer's shapes and finiteness; returns [out, in]. */
export function linearSizes(p: LinearParams): [number, number] {
  const out = p.W.shape[0] as number;
  const inp = p.W.shape[1] as number;
  checkShape('W', p.W, [out, inp]);
  checkShape('b', p.b, [out]);
  return [out, inp];
}

/** y = W x + b for a vector x [in] (→ [out]) or rows x [B, in] (→ [B, out], i.e. x Wᵀ + b). */
export function linear(p: LinearParams, x: Tensor): Tensor {
  if (x.rank === 1) {
    const y = add(matmul(reshape(x, [1, x.size]), p.W, { transposeB: true }), p.b);
    return reshape(y, [y.size]);
  }
  return add(matmul(x, p.W, { transposeB: true }), p.b);
}
