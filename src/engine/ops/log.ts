import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';

/**
 * log(x), the natural logarithm, elementwise: log(0) = −Infinity and log of a
 * negative number is NaN, exactly as the mathematics says.
 */
export function logCpu(x: Tensor): Tensor {
  const src = x.values();
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i] as number;
    out[i] = Math.log(v);
  }
  return new Tensor(x.shape, out);
}

registerKernel({ op: 'log', backend: 'cpu', run: ([x]) => logCpu(x as Tensor) });

/** Natural logarithm elementwise. */
export function log(x: Tensor): Tensor {
  return runOp('log', [x], {}, x.size);
}
