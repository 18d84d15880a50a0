import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';

/**
 * neg(x) = −x elementwise.
 */
export function negCpu(x: Tensor): Tensor {
  const src = x.values();
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i] as number;
    out[i] = -v;
  }
  return new Tensor(x.shape, out);
}

registerKernel({ op: 'neg', backend: 'cpu', run: ([x]) => negCpu(x as Tensor) });

/** Negation elementwise. */
export function neg(x: Tensor): Tensor {
  return runOp('neg', [x], {}, x.size);
}
