/**
 * Backward rules of reductions and softmax:
 *
 *   sum:     ∂x = g broadcast back over the reduced axes
 *   mean:    ∂x = g / count, broadcast back
 *   softmax: ∂x = p ∘ (g − Σ_k g_k p_k)   along the softmax axis (p = output)
 */
import { div } from '../../ops/div.ts';
import { mul } from '../../ops/mul.ts';
import { reshape } from '../../ops/reshape.ts';
import { sub } from '../../ops/sub.ts';
import { sum } from '../../ops/sum.ts';
import type { Tensor } from '../../tensor.ts';
import { registerGradient } from '../rule.ts';
import { broadcastTo } from '../unbroadcast.ts';

/** g reshaped so the reduced axes are back with size 1, then broadcast to x's shape. */
function spread(x: Tensor, axes: readonly number[], g: Tensor): Tensor {
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return broadcastTo(reshape(g, kept), x.shape);
}

registerGradient('sum', ({ inputs, attrs, grad }) => {
  const x = inputs[0] as Tensor;
  return [spread(x, attrs.axes, grad)];
});

registerGradient('mean', ({ inputs, attrs, output, grad }) => {
  const x = inputs[0] as Tensor;
  const count = output.size === 0 ? 1 : x.size / output.size;
  return [spread(x, attrs.axes, div(grad, count))];
});

registerGradient('softmax', ({ attrs, output: p, grad }) => {
  const dot = sum(mul(grad, p), attrs.axis, true);
  return [mul(p, sub(grad, dot))];
});
