import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';

/**
 * relu(x) = max(0, x) elementwise; NaN stays NaN, because a bare
 * `v > 0 ? v : 0` would silently turn it into a plausible 0.
 */
export function reluCpu(x: Tensor): Tensor {
  const src = x.values();
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i] as number;
    out[i] = v > 0 || Number.isNaN(v) ? v : 0;
  }
  return new Tensor(x.shape, out);
}

registerKernel({ op: 'relu', backend: 'cpu', run: ([x]) => reluCpu(x as Tensor) });

/** max(0, x) elementwise; NaN propagates. */
export function relu(x: Tensor): Tensor {
  return runOp('relu', [x], {}, x.size);
}
