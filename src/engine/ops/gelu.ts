import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';
import type { GeluApproximate } from './contract.ts';

/*
 * GeluApproximate (contract.ts): 'none' is the exact x·Φ(x) = ½x(1 + erf(x/√2)),
 * PyTorch's default `F.gelu(x)`; 'tanh' is ½x(1 + tanh(√(2/π)(x + 0.044715x³))),
 * PyTorch's `F.gelu(x, approximate='tanh')` (the GPT-2 / BERT form).
 */

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * erf(x) in float64: the series erf(x) = 2/√π · e^{−x²} Σ_n 2ⁿx^{2n+1}/(1·3·…·(2n+1)),
 * whose terms are all positive (no cancellation), for |x| < 6; beyond, erf
 * is ±1 to double precision (erfc(6) ≈ 2e−17). JavaScript has no Math.erf.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a >= 6) return Math.sign(x);
  let term = a;
  let sum = a;
  for (let n = 1; term > 1e-17 * sum; n++) {
    term *= (2 * a * a) / (2 * n + 1);
    sum += term;
  }
  return Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * Math.exp(-a * a) * sum);
}

/** GELU of one number (float64), in the chosen form; −∞ maps to its limit 0, +∞ to +∞. */
export function geluScalar(x: number, approximate: GeluApproximate): number {
  if (x === Number.NEGATIVE_INFINITY) return 0;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (approximate === 'tanh') return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
  return 0.5 * x * (1 + erf(x / Math.SQRT2));
}

/** dGELU/dx of one number (float64): Φ(x) + xφ(x) for 'none', the derivative of the tanh form for 'tanh'. */
export function geluSlope(x: number, approximate: GeluApproximate): number {
  if (x === Number.NEGATIVE_INFINITY) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (approximate === 'tanh') {
    const t = Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x));
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x);
  }
  return 0.5 * (1 + erf(x / Math.SQRT2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** GELU elementwise in float64, rounded once to float32; NaN stays NaN. */
export function geluCpu(x: Tensor, approximate: GeluApproximate): Tensor {
  const src = x.values();
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = geluScalar(src[i] as number, approximate);
  return new Tensor(x.shape, out);
}

registerKernel({
  op: 'gelu',
  backend: 'cpu',
  run: ([x], attrs) => geluCpu(x as Tensor, attrs.approximate),
});

/** GELU elementwise: exact erf form by default (PyTorch's default), or `'tanh'` for the tanh approximation. */
export function gelu(x: Tensor, approximate: GeluApproximate = 'none'): Tensor {
  if (approximate !== 'none' && approximate !== 'tanh')
    throw new RangeError(`gelu approximate must be 'none' or 'tanh', got ${approximate}`);
  return runOp('gelu', [x], { approximate }, x.size);
}
