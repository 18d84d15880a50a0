/**
 * The elementwise half of a PyTorch-variant GRU step as one op, from the two
 * products the cell computes with matmul (blocks r, z, n; GRU_BLOCKS) and the
 * two biases:
 *
 *   gi = xw + b_ih,  gh = hw + b_hh      (xw = x W_ihᵀ, hw = h W_hhᵀ, [B, 3H]; the biases [3H])
 *   r = σ(gi_r + gh_r),  z = σ(gi_z + gh_z),  n = tanh(gi_n + r ∘ gh_n)
 *   h' = (1 − z) ∘ n + z ∘ h             (the output, [B, H])
 *
 * and its backward, for g = ∂h':
 *
 *   ∂h = g ∘ z,   ∂a_n = g ∘ (1 − z) ∘ (1 − n²),   ∂a_z = g ∘ (h − n) ∘ z(1 − z)
 *   ∂a_r = ∂a_n ∘ gh_n ∘ r(1 − r)
 *   ∂xw = [∂a_r, ∂a_z, ∂a_n],   ∂hw = [∂a_r, ∂a_z, ∂a_n ∘ r],   ∂b_ih = Σ_rows ∂xw,   ∂b_hh = Σ_rows ∂hw
 *
 * The composed ops in models/gru.ts stay the definition (and run whenever a
 * trace wants r, z, h̃, or this op is not registered); this op replaces their
 * two bias adds, ~13 forward and ~35 backward kernel calls per GRU step with
 * two. Loops in float64, rounding once per output, so the test against the
 * composed ops checks two independent derivations.
 *
 * The forward keeps r, z, n (float64) beside its output, and the backward
 * reads them rather than computing two σ and a tanh again; it returns its
 * five gradients as views into one buffer, so the rule slices nothing.
 *
 * Training's alone: train/fast-kernels.ts imports this file (so its kernels
 * and gradient register) where training runs; the engine's barrel does not,
 * so a page that only shows widgets does not download it.
 */
import { registerGradient } from '../autodiff/rule.ts';
import { fusedGru } from '../models/gru.ts';
import { gruUpdateDims } from '../ops/gru-update.ts';
import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';
import { stepBuffer } from './step-arena.ts';

/** σ(a) with the exponent kept ≤ 0, so it cannot overflow. */
function sigmoid(a: number): number {
  if (a >= 0) return 1 / (1 + Math.exp(-a));
  const e = Math.exp(a);
  return e / (1 + e);
}

/** r, z, n of every unit, [B, 3H] in float64 (blocks as in gi), computed from the op's inputs. */
function gatesCpu(xw: Tensor, hw: Tensor, bi: Tensor, bh: Tensor, b: number, H: number): Float64Array {
  const [i, g, ib, hb] = [xw.values(), hw.values(), bi.values(), bh.values()];
  const gates = new Float64Array(b * 3 * H);
  for (let row = 0; row < b; row++) {
    for (let u = 0; u < H; u++) {
      // r, z, n of this unit, written out rather than returned from a helper: this loop is a training step's
      // hottest after matmul, and an array per unit was a measurable part of it.
      const o = row * 3 * H + u;
      const r = sigmoid((i[o] as number) + (ib[u] as number) + (g[o] as number) + (hb[u] as number));
      const z = sigmoid((i[o + H] as number) + (ib[u + H] as number) + (g[o + H] as number) + (hb[u + H] as number));
      const ghn = (g[o + 2 * H] as number) + (hb[u + 2 * H] as number);
      gates[o] = r;
      gates[o + H] = z;
      gates[o + 2 * H] = Math.tanh((i[o + 2 * H] as number) + (ib[u + 2 * H] as number) + r * ghn);
    }
  }
  return gates;
}

/** Each forward output's r, z, n, for its backward; dropped with the output. */
const savedGates = new WeakMap<Tensor, Float64Array>();

/** h' = (1 − z) ∘ n + z ∘ h from xw, hw [B, 3H], h [B, H] and the biases [3H]. */
export function gruCombineCpu(xw: Tensor, hw: Tensor, h: Tensor, bi: Tensor, bh: Tensor): Tensor {
  const { b, h: H } = gruUpdateDims(xw, hw, h, bi, bh);
  const gates = gatesCpu(xw, hw, bi, bh, b, H);
  const hv = h.values();
  const out = stepBuffer(b * H);
  for (let row = 0; row < b; row++) {
    for (let u = 0; u < H; u++) {
      const o = row * 3 * H + u;
      const z = gates[o + H] as number;
      out[row * H + u] = (1 - z) * (gates[o + 2 * H] as number) + z * (hv[row * H + u] as number);
    }
  }
  const result = new Tensor([b, H], out);
  savedGates.set(result, gates);
  return result;
}

/**
 * ∂xw [B, 3H], ∂hw [B, 3H], ∂h [B, H], ∂b_ih [3H], ∂b_hh [3H] one after another in one flat tensor, for the
 * upstream gradient `grad` [B, H] of `out` (the forward's output: its saved gates are used when present).
 */
export function gruCombineGradCpu(
  grad: Tensor,
  out: Tensor,
  xw: Tensor,
  hw: Tensor,
  h: Tensor,
  bi: Tensor,
  bh: Tensor,
): Tensor {
  const { b, h: H } = gruUpdateDims(xw, hw, h, bi, bh);
  const gates = savedGates.get(out) ?? gatesCpu(xw, hw, bi, bh, b, H);
  const [gv, g, hv, hb] = [grad.values(), hw.values(), h.values(), bh.values()];
  const all = stepBuffer(b * 7 * H + 6 * H);
  // Where ∂hw, ∂h and the two bias gradients start; those are summed over rows in float64 and rounded once.
  const [dhw, dh, db] = [b * 3 * H, b * 6 * H, b * 7 * H];
  const sums = new Float64Array(6 * H);
  for (let row = 0; row < b; row++) {
    for (let u = 0; u < H; u++) {
      const o = row * 3 * H + u;
      const r = gates[o] as number;
      const z = gates[o + H] as number;
      const n = gates[o + 2 * H] as number;
      const up = gv[row * H + u] as number;
      const prev = hv[row * H + u] as number;
      const da_n = up * (1 - z) * (1 - n * n);
      const da_z = up * (prev - n) * z * (1 - z);
      const da_r = da_n * ((g[o + 2 * H] as number) + (hb[u + 2 * H] as number)) * r * (1 - r);
      all[o] = da_r;
      all[o + H] = da_z;
      all[o + 2 * H] = da_n;
      all[dhw + o] = da_r;
      all[dhw + o + H] = da_z;
      all[dhw + o + 2 * H] = da_n * r;
      all[dh + row * H + u] = up * z;
      sums[u] = (sums[u] as number) + da_r;
      sums[u + H] = (sums[u + H] as number) + da_z;
      sums[u + 2 * H] = (sums[u + 2 * H] as number) + da_n;
      sums[3 * H + u] = (sums[3 * H + u] as number) + da_r;
      sums[3 * H + u + H] = (sums[3 * H + u + H] as number) + da_z;
      sums[3 * H + u + 2 * H] = (sums[3 * H + u + 2 * H] as number) + da_n * r;
    }
  }
  for (let k = 0; k < 6 * H; k++) all[db + k] = sums[k] as number;
  return new Tensor([all.length], all);
}

registerKernel({
  op: 'gruCombine',
  backend: 'cpu',
  run: ([xw, hw, h, bi, bh]) => gruCombineCpu(xw as Tensor, hw as Tensor, h as Tensor, bi as Tensor, bh as Tensor),
});
registerKernel({
  op: 'gruCombineGrad',
  backend: 'cpu',
  run: ([g, out, xw, hw, h, bi, bh]) =>
    gruCombineGradCpu(g as Tensor, out as Tensor, xw as Tensor, hw as Tensor, h as Tensor, bi as Tensor, bh as Tensor),
});

/** A tensor of `shape` over values[start…] without copying (tensors are never written after they are made). */
function view(values: Float32Array, start: number, shape: number[]): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return new Tensor(shape, values.subarray(start, start + size));
}

// One kernel (gruCombineGrad, the formulas above) returns the five gradients one after another; the rule hands out
// views of them (three slices here had cost ~1 ms of a ~16 ms lab step).
registerGradient('gruCombine', ({ inputs, output, grad, needs }) => {
  const [xw, hw, h, bi, bh] = inputs as [Tensor, Tensor, Tensor, Tensor, Tensor];
  const [B, H] = h.shape as [number, number];
  const all = runOp('gruCombineGrad', [grad, output, xw, hw, h, bi, bh], {}, B * 7 * H + 6 * H).values();
  return [
    needs[0] ? view(all, 0, [B, 3 * H]) : undefined,
    needs[1] ? view(all, B * 3 * H, [B, 3 * H]) : undefined,
    needs[2] ? view(all, B * 6 * H, [B, H]) : undefined,
    needs[3] ? view(all, B * 7 * H, [3 * H]) : undefined,
    needs[4] ? view(all, B * 7 * H + 3 * H, [3 * H]) : undefined,
  ];
});

/** The GRU state update h' [B, H] from xw = x W_ihᵀ, hw = h W_hhᵀ [B, 3H], h [B, H] and the biases b_ih, b_hh [3H]. */
export function gruCombine(xw: Tensor, hw: Tensor, h: Tensor, bi: Tensor, bh: Tensor): Tensor {
  const d = gruUpdateDims(xw, hw, h, bi, bh);
  return runOp('gruCombine', [xw, hw, h, bi, bh], {}, d.b * d.h);
}

// The GRU cell asks for the fused update on untraced PyTorch steps; it has only a CPU kernel, so tensors on a device
// take the composed ops (as they did before this op existed).
fusedGru.combine = (xw, hw, h, bi, bh) =>
  [xw, hw, h, bi, bh].every((v) => v.location === 'cpu') ? gruCombine(xw, hw, h, bi, bh) : undefined;
