import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';

/**
 * oneMinus(x) = 1 − x elementwise: the (1 − z) of the GRU update, one kernel instead
 * of a scalar upload plus a subtraction.
 */
export function oneMinusCpu(x: Tensor): Tensor {
  const src = x.values();
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i] as number;
    out[i] = 1 - v;
  }
  return new Tensor(x.shape, out);
}

registerKernel({ op: 'oneMinus', backend: 'cpu', run: ([x]) => oneMinusCpu(x as Tensor) });

/** 1 − x elementwise. */
export function oneMinus(x: Tensor): Tensor {
  return runOp('oneMinus', [x], {}, x.size);
}
