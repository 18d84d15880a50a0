import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';

/**
 * exp(x) elementwise. Results beyond float32 range (x > ~88.7) become +Infinity
 * and stay visible as such.
 */
export function expCpu(x: Tensor): Tensor {
  const src = x.values();
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i] as number;
    out[i] = Math.exp(v);
  }
  return new Tensor(x.shape, out);
}

registerKernel({ op: 'exp', backend: 'cpu', run: ([x]) => expCpu(x as Tensor) });

/** e^x elementwise; overflow shows as +Infinity. */
export function exp(x: Tensor): Tensor {
  return runOp('exp', [x], {}, x.size);
}
