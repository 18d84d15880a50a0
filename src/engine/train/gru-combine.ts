/**
 * The elementwise half of a PyTorch-variant GRU step as one op, from the
 * two affine maps the cell computes with matmul (blocks r, z, n; GRU_BLOCKS):
 *
 *   gi = x W_ihᵀ + b_ih,  gh = h W_hhᵀ + b_hh      (both [B, 3H], the inputs)
 *   r = σ(gi_r + gh_r),  z = σ(gi_z + gh_z),  n = tanh(gi_n + r ∘ gh_n)
 *   h' = (1 − z) ∘ n + z ∘ h                        (the output, [B, H])
 *
 * and its backward, for g = ∂h':
 *
 *   ∂h = g ∘ z,   ∂a_n = g ∘ (1 − z) ∘ (1 − n²),   ∂a_z = g ∘ (h − n) ∘ z(1 − z)
 *   ∂a_r = ∂a_n ∘ gh_n ∘ r(1 − r)
 *   ∂gi = [∂a_r, ∂a_z, ∂a_n],   ∂gh = [∂a_r, ∂a_z, ∂a_n ∘ r]
 *
 * The composed ops in models/gru.ts stay the definition (and run whenever a
 * trace wants r, z, h̃, or this op is not registered); this op replaces their
 * ~13 forward and ~30 backward kernel calls per training step with two, which
 * was most of a lab training step's bookkeeping. Loops in float64, rounding
 * once per output, so the test against the composed ops checks two
 * independent derivations.
 *
 * Training's alone: train/fast-kernels.ts imports this file (so its kernels
 * and gradient register) where training runs; the engine's barrel does not,
 * so a page that only shows widgets does not download it.
 */
import { registerGradient } from '../autodiff/rule.ts';
import { fusedGru } from '../models/gru.ts';
import { slice } from '../ops/slice.ts';
import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';

/** Checks gi, gh [B, 3H] and h [B, H] against each other; returns B and H. */
function combineDims(gi: Tensor, gh: Tensor, h: Tensor): { b: number; h: number } {
  const b = h.shape[0] as number;
  const H = h.shape[1] as number;
  const ok = [gi, gh].every((t) => t.rank === 2 && t.shape[0] === b && t.shape[1] === 3 * H) && h.rank === 2;
  if (!ok)
    throw new RangeError(`gruCombine needs gi[B,3H], gh[B,3H], h[B,H]; got [${gi.shape}], [${gh.shape}], [${h.shape}]`);
  return { b, h: H };
}

/** σ(a) with the exponent kept ≤ 0, so it cannot overflow. */
function sigmoid(a: number): number {
  if (a >= 0) return 1 / (1 + Math.exp(-a));
  const e = Math.exp(a);
  return e / (1 + e);
}

/** h' = (1 − z) ∘ n + z ∘ h from gi, gh [B, 3H] and h [B, H]. */
export function gruCombineCpu(gi: Tensor, gh: Tensor, h: Tensor): Tensor {
  const { b, h: H } = combineDims(gi, gh, h);
  const [i, g, hv] = [gi.values(), gh.values(), h.values()];
  const out = new Float32Array(b * H);
  for (let row = 0; row < b; row++) {
    for (let u = 0; u < H; u++) {
      // r, z, n of this unit, written out rather than returned from a helper: this loop is a training step's
      // hottest after matmul, and an array per unit was a measurable part of it.
      const o = row * 3 * H + u;
      const r = sigmoid((i[o] as number) + (g[o] as number));
      const z = sigmoid((i[o + H] as number) + (g[o + H] as number));
      const n = Math.tanh((i[o + 2 * H] as number) + r * (g[o + 2 * H] as number));
      out[row * H + u] = (1 - z) * n + z * (hv[row * H + u] as number);
    }
  }
  return new Tensor([b, H], out);
}

/** [∂gi | ∂gh | ∂h] as one [B, 7H] tensor for the upstream gradient `grad` [B, H]. */
export function gruCombineGradCpu(grad: Tensor, gi: Tensor, gh: Tensor, h: Tensor): Tensor {
  const { b, h: H } = combineDims(gi, gh, h);
  const [gv, i, g, hv] = [grad.values(), gi.values(), gh.values(), h.values()];
  const out = new Float32Array(b * 7 * H);
  for (let row = 0; row < b; row++) {
    for (let u = 0; u < H; u++) {
      const o = row * 3 * H + u;
      const r = sigmoid((i[o] as number) + (g[o] as number));
      const z = sigmoid((i[o + H] as number) + (g[o + H] as number));
      const n = Math.tanh((i[o + 2 * H] as number) + r * (g[o + 2 * H] as number));
      const up = gv[row * H + u] as number;
      const prev = hv[row * H + u] as number;
      const dn = up * (1 - z) * (1 - n * n);
      const dz = up * (prev - n) * z * (1 - z);
      const dr = dn * (g[o + 2 * H] as number) * r * (1 - r);
      const base = row * 7 * H + u;
      out[base] = dr;
      out[base + H] = dz;
      out[base + 2 * H] = dn;
      out[base + 3 * H] = dr;
      out[base + 4 * H] = dz;
      out[base + 5 * H] = dn * r;
      out[base + 6 * H] = up * z;
    }
  }
  return new Tensor([b, 7 * H], out);
}

registerKernel({
  op: 'gruCombine',
  backend: 'cpu',
  run: ([gi, gh, h]) => gruCombineCpu(gi as Tensor, gh as Tensor, h as Tensor),
});
registerKernel({
  op: 'gruCombineGrad',
  backend: 'cpu',
  run: ([g, gi, gh, h]) => gruCombineGradCpu(g as Tensor, gi as Tensor, gh as Tensor, h as Tensor),
});

// One kernel (gruCombineGrad, the formulas above) returns [∂gi | ∂gh | ∂h] side by side; the rule slices them.
registerGradient('gruCombine', ({ inputs, grad, needs }) => {
  const [gi, gh, h] = inputs as [Tensor, Tensor, Tensor];
  const [B, H] = h.shape as [number, number];
  const all = runOp('gruCombineGrad', [grad, gi, gh, h], {}, B * 7 * H);
  return [
    needs[0] ? slice(all, [0, 0], [B, 3 * H]) : undefined,
    needs[1] ? slice(all, [0, 3 * H], [B, 3 * H]) : undefined,
    needs[2] ? slice(all, [0, 6 * H], [B, H]) : undefined,
  ];
});

/** The GRU state update h' [B, H] from gi = x W_ihᵀ + b_ih, gh = h W_hhᵀ + b_hh [B, 3H] and h [B, H]. */
export function gruCombine(gi: Tensor, gh: Tensor, h: Tensor): Tensor {
  const d = combineDims(gi, gh, h);
  return runOp('gruCombine', [gi, gh, h], {}, d.b * d.h);
}

// The GRU cell asks for the fused update on untraced PyTorch steps; it has only a CPU kernel, so tensors on a device
// take the composed ops (as they did before this op existed).
fusedGru.combine = (gi, gh, h) => ([gi, gh, h].every((v) => v.location === 'cpu') ? gruCombine(gi, gh, h) : undefined);
