import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';
import type { PositionalEncodingAttrs } from './contract.ts';

/**
 * The sinusoidal table of Vaswani et al. (2017), an [n, d] matrix:
 *
 *   PE(p, 2i) = sin(p / base^{2i/d}),   PE(p, 2i+1) = cos(p / base^{2i/d}),   p = offset + row
 *
 * Columns 2i and 2i+1 are one rotation pair, so PE(p + k) is PE(p) turned
 * by angles that depend only on k. An odd d ends with a lone sine column.
 * Computed in float64 and rounded once, so large p stays accurate.
 */
export function positionalEncodingCpu(attrs: PositionalEncodingAttrs): Tensor {
  const { length: n, dim: d, base, offset } = attrs;
  const out = new Float32Array(n * d);
  for (let r = 0; r < n; r++) {
    const p = offset + r;
    for (let c = 0; c < d; c++) {
      const pair = c - (c % 2);
      const angle = p / base ** (pair / d);
      out[r * d + c] = c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return new Tensor([n, d], out);
}

registerKernel({
  op: 'positionalEncoding',
  backend: 'cpu',
  run: (_inputs, attrs) => positionalEncodingCpu(attrs),
});

/** Sinusoidal positional encodings [length, dim] for positions offset … offset + length − 1 (base 10000). */
export function positionalEncoding(
  length: number,
  dim: number,
  options: { base?: number; offset?: number } = {},
): Tensor {
  const base = options.base ?? 10000;
  const offset = options.offset ?? 0;
  const whole = (v: number) => Number.isInteger(v) && v >= 0;
  if (!whole(length) || !whole(dim) || !(base > 0) || !Number.isFinite(offset)) {
    throw new RangeError(
      `positionalEncoding needs whole length and dim, base > 0 and a finite offset; got ${length}, ${dim}, ${base}, ${offset}`,
    );
  }
  return runOp('positionalEncoding', [], { length, dim, base, offset }, length * dim);
}
