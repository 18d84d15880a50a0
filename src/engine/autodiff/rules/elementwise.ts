/**
 * Backward rules of the elementwise ops, written with the outputs where
 * that is cheaper (σ' = σ(1 − σ), tanh' = 1 − tanh², exp' = exp):
 *
 *   ∂(a ± b) = g, ±g       ∂(a b) = g b, g a       ∂(a / b) = g / b, −g (a/b) / b
 *   ∂(−x) = −g             ∂(1 − x) = −g           ∂ log x = g / x
 *
 * Binary ops broadcast, so each input's gradient is summed back to its shape.
 */

import { broadcastPlan } from '../../index-plans/broadcast.ts';
import { div } from '../../ops/div.ts';
import { mul } from '../../ops/mul.ts';
import { neg } from '../../ops/neg.ts';
import { oneMinus } from '../../ops/one-minus.ts';
import { registerKernel, runOp } from '../../registry.ts';
import { Tensor } from '../../tensor.ts';
import { registerGradient } from '../rule.ts';
import { unbroadcast } from '../unbroadcast.ts';

const pair = (inputs: readonly Tensor[]) => inputs as [Tensor, Tensor];

registerGradient('add', ({ inputs, grad, needs }) => {
  const [a, b] = pair(inputs);
  return [needs[0] ? unbroadcast(grad, a.shape) : undefined, needs[1] ? unbroadcast(grad, b.shape) : undefined];
});

registerGradient('sub', ({ inputs, grad, needs }) => {
  const [a, b] = pair(inputs);
  return [needs[0] ? unbroadcast(grad, a.shape) : undefined, needs[1] ? unbroadcast(neg(grad), b.shape) : undefined];
});

registerGradient('mul', ({ inputs, grad, needs }) => {
  const [a, b] = pair(inputs);
  return [
    needs[0] ? unbroadcast(mul(grad, b), a.shape) : undefined,
    needs[1] ? unbroadcast(mul(grad, a), b.shape) : undefined,
  ];
});

registerGradient('div', ({ inputs, output, grad, needs }) => {
  const [a, b] = pair(inputs);
  return [
    needs[0] ? unbroadcast(div(grad, b), a.shape) : undefined,
    needs[1] ? unbroadcast(neg(mul(grad, div(output, b))), b.shape) : undefined,
  ];
});

registerGradient('neg', ({ grad }) => [neg(grad)]);
registerGradient('oneMinus', ({ grad }) => [neg(grad)]);
registerGradient('exp', ({ output, grad }) => [mul(grad, output)]);
registerGradient('log', ({ inputs, grad }) => [div(grad, inputs[0] as Tensor)]);
registerGradient('sigmoid', ({ output, grad }) => [mul(grad, mul(output, oneMinus(output)))]);
registerGradient('tanh', ({ output, grad }) => [mul(grad, oneMinus(mul(output, output)))]);

/**
 * reluGrad(g, x) = g where x > 0, else 0 (the subgradient 0 at x = 0, as
 * PyTorch). The engine has no comparison op, so this is a small kernel of
 * its own (WebGL2 has it too, in kernels/transformer.ts).
 */
export function reluGradCpu(g: Tensor, x: Tensor): Tensor {
  const p = broadcastPlan(g.shape, x.shape);
  if (!p.same) throw new RangeError(`reluGrad needs equal shapes, got [${g.shape}] and [${x.shape}]`);
  const gv = g.values();
  const xv = x.values();
  const out = new Float32Array(gv.length);
  for (let i = 0; i < out.length; i++) out[i] = (xv[i] as number) > 0 ? (gv[i] as number) : 0;
  return new Tensor(g.shape, out);
}

registerKernel({ op: 'reluGrad', backend: 'cpu', run: ([g, x]) => reluGradCpu(g as Tensor, x as Tensor) });

registerGradient('relu', ({ inputs, grad }) => [runOp('reluGrad', [grad, inputs[0] as Tensor], {}, grad.size)]);
