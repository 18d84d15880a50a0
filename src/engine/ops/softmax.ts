import { outputBuffer } from '../output-buffer.ts';
import { registerKernel, runOp } from '../registry.ts';
import { normalizeAxis, stridesOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';

/**
 * softmax(x)_i = exp(x_i - max(x)) / Σ_j exp(x_j - max(x)) along `axis`.
 * Subtracting the max keeps exp from overflowing at logits ≥ 89 and changes
 * nothing mathematically. A NaN anywhere in a slice makes that slice NaN
 * (never a plausible-looking distribution); +Infinity logits share the mass.
 */
export function softmaxCpu(x: Tensor, axis: number): Tensor {
  const a = normalizeAxis(axis, x.rank);
  const n = x.shape[a] ?? 1;
  const stride = stridesOf(x.shape)[a] ?? 1;
  const src = x.values();
  const out = outputBuffer(src.length);
  const outer = src.length / (n * stride || 1);
  for (let o = 0; o < outer; o++) {
    for (let inner = 0; inner < stride; inner++) {
      const base = o * n * stride + inner;
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < n; k++) max = Math.max(max, src[base + k * stride] ?? 0);
      if (max === Number.POSITIVE_INFINITY) {
        // Only the +Infinity entries survive, sharing the mass equally.
        let count = 0;
        for (let k = 0; k < n; k++) if (src[base + k * stride] === max) count++;
        for (let k = 0; k < n; k++) out[base + k * stride] = src[base + k * stride] === max ? 1 / count : 0;
        continue;
      }
      let sum = 0;
      for (let k = 0; k < n; k++) {
        const e = Math.exp((src[base + k * stride] ?? 0) - max);
        out[base + k * stride] = e;
        sum += e;
      }
      for (let k = 0; k < n; k++) out[base + k * stride] = (out[base + k * stride] ?? 0) / sum;
    }
  }
  return new Tensor(x.shape, out);
}

registerKernel({ op: 'softmax', backend: 'cpu', run: ([x], attrs) => softmaxCpu(x as Tensor, attrs.axis) });

/** Softmax along `axis` (default: the last), on whichever backend the registry picks. */
export function softmax(x: Tensor, axis = -1): Tensor {
  return runOp('softmax', [x], { axis }, x.size);
}
