/**
 * Backward rules of GELU and LayerNorm. Each needs one small kernel of its
 * own (the engine has no erf, sqrt or comparison op to compose them from),
 * registered here with its CPU definition; WebGL2 has the same kernels.
 *
 * gelu:       ∂x = g · gelu'(x)    gelu'(x) = Φ(x) + xφ(x)  (erf form; tanh form in gelu.ts)
 *
 * layerNorm:  y = γ x̂ + β,  x̂ = (x − μ)/σ,  σ = √(var + ε), per row of length D:
 *
 *   ∂β = Σ_rows g,   ∂γ = Σ_rows g ∘ x̂,   ĝ = g ∘ γ,
 *   ∂x = (ĝ − mean(ĝ) − x̂ · mean(ĝ ∘ x̂)) / σ
 *
 * x̂ is the forward op itself with γ = 1, β = 0.
 */
import type { GeluApproximate } from '../../ops/contract.ts';
import { geluSlope } from '../../ops/gelu.ts';
import { layerNorm, rowStats } from '../../ops/layer-norm.ts';
import { mul } from '../../ops/mul.ts';
import { reshape } from '../../ops/reshape.ts';
import { sum } from '../../ops/sum.ts';
import { registerKernel, runOp } from '../../registry.ts';
import { full, Tensor, zeros } from '../../tensor.ts';
import { registerGradient } from '../rule.ts';

/** geluGrad(g, x) = g · gelu'(x) elementwise (float64 inside), in the form named by `approximate`. */
export function geluGradCpu(g: Tensor, x: Tensor, approximate: GeluApproximate): Tensor {
  const gv = g.values();
  const xv = x.values();
  const out = new Float32Array(gv.length);
  for (let i = 0; i < out.length; i++) out[i] = (gv[i] as number) * geluSlope(xv[i] as number, approximate);
  return new Tensor(x.shape, out);
}

/** layerNormGrad(ĝ, x) = ∂x of layerNorm for ĝ = g ∘ γ, per row of the last axis (float64 inside). */
export function layerNormGradCpu(gHat: Tensor, x: Tensor, eps: number): Tensor {
  const D = x.shape[x.rank - 1] ?? 0;
  const gv = gHat.values();
  const xv = x.values();
  const out = new Float32Array(xv.length);
  const rows = D === 0 ? 0 : xv.length / D;
  for (let r = 0; r < rows; r++) {
    const { mu, inv } = rowStats(xv, r, D, eps);
    let meanG = 0;
    let meanGX = 0;
    for (let k = 0; k < D; k++) {
      const g = gv[r * D + k] as number;
      meanG += g;
      meanGX += g * ((xv[r * D + k] as number) - mu) * inv;
    }
    meanG /= D;
    meanGX /= D;
    for (let k = 0; k < D; k++) {
      const xHat = ((xv[r * D + k] as number) - mu) * inv;
      out[r * D + k] = ((gv[r * D + k] as number) - meanG - xHat * meanGX) * inv;
    }
  }
  return new Tensor(x.shape, out);
}

registerKernel({
  op: 'geluGrad',
  backend: 'cpu',
  run: ([g, x], attrs) => geluGradCpu(g as Tensor, x as Tensor, attrs.approximate),
});
registerKernel({
  op: 'layerNormGrad',
  backend: 'cpu',
  run: ([g, x], attrs) => layerNormGradCpu(g as Tensor, x as Tensor, attrs.eps),
});

registerGradient('gelu', ({ inputs, attrs, grad }) => [
  runOp('geluGrad', [grad, inputs[0] as Tensor], { approximate: attrs.approximate }, grad.size),
]);

registerGradient('layerNorm', ({ inputs, attrs, grad, needs }) => {
  const [x, gamma] = inputs as [Tensor, Tensor];
  const D = gamma.shape[0] as number;
  const { eps } = attrs;
  const rows = reshape(grad, [-1, D]);
  const xHat = needs[1] ? layerNorm(x, full([D], 1), zeros([D]), eps) : undefined;
  return [
    needs[0] ? runOp('layerNormGrad', [mul(grad, gamma), x], { eps }, x.size) : undefined,
    xHat === undefined ? undefined : sum(mul(rows, reshape(xHat, [-1, D])), 0),
    needs[2] ? sum(rows, 0) : undefined,
  ];
});
