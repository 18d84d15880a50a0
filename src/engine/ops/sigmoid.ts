import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';

/**
 * sigmoid(x) = 1 / (1 + e^(−x)), evaluated in whichever form keeps the exponent ≤ 0 so
 * e^(−x) never overflows: finite input always gives a value in [0, 1], never NaN.
 * NaN stays NaN; ±Infinity gives exactly 1 or 0.
 */
export function sigmoidCpu(x: Tensor): Tensor {
  const src = x.values();
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i] as number;
    if (v >= 0) {
      out[i] = 1 / (1 + Math.exp(-v));
    } else {
      const e = Math.exp(v);
      out[i] = e / (1 + e);
    }
  }
  return new Tensor(x.shape, out);
}

registerKernel({ op: 'sigmoid', backend: 'cpu', run: ([x]) => sigmoidCpu(x as Tensor) });

/** The logistic function σ(x) elementwise (overflow-safe). */
export function sigmoid(x: Tensor): Tensor {
  return runOp('sigmoid', [x], {}, x.size);
}
