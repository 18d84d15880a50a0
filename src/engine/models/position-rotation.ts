/**
 * Why sinusoidal positions encode offsets (/positions-masks/). Columns 2i and
 * 2i+1 of the table PE hold (sin pω_i, cos pω_i), so by the angle-sum rules
 *
 *   [sin (p+k)ω; cos (p+k)ω] = [[cos kω, sin kω], [−sin kω, cos kω]] [sin pω; cos pω]
 *
 * PE(p + k) = R(k) PE(p) with R(k) block diagonal, one 2×2 rotation per pair,
 * and R(k) depends on k alone. Its entries are read from PE(k)'s own pairs.
 */
import { Tensor } from '../tensor.ts';

/** R(k) [d, d] from the encoding of the offset, PE(k) ([d] or [1, d], d even): PE(p + k) = R(k) PE(p). */
export function peRotation(peOfK: Tensor): Tensor {
  const v = peOfK.values();
  const d = v.length;
  if (d % 2 !== 0 || d === 0) throw new RangeError(`the rotation needs an even dimension, got d = ${d}`);
  const out = new Float32Array(d * d);
  for (let i = 0; i < d; i += 2) {
    const sin = v[i] as number;
    const cos = v[i + 1] as number;
    out[i * d + i] = cos;
    out[i * d + i + 1] = sin;
    out[(i + 1) * d + i] = -sin;
    out[(i + 1) * d + i + 1] = cos;
  }
  return new Tensor([d, d], out);
}
