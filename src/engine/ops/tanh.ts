import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';

/**
 * tanh(x) elementwise. Math.tanh saturates to ±1 for large |x| (unlike GLSL tanh,
 * which returns NaN at |x| ≥ 89), so finite input never gives NaN.
 */
export function tanhCpu(x: Tensor): Tensor {
  const src = x.values();
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i] as number;
    out[i] = Math.tanh(v);
  }
  return new Tensor(x.shape, out);
}

registerKernel({ op: 'tanh', backend: 'cpu', run: ([x]) => tanhCpu(x as Tensor) });

/** Hyperbolic tangent elementwise (overflow-safe). */
export function tanh(x: Tensor): Tensor {
  return runOp('tanh', [x], {}, x.size);
}
