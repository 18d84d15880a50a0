import { outputBuffer } from '../output-buffer.ts';
import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';

/** Checks xw, hw [B, 3H], h [B, H] and the biases [3H] against each other; returns B and H. */
export function gruUpdateDims(xw: Tensor, hw: Tensor, h: Tensor, bi: Tensor, bh: Tensor): { b: number; h: number } {
  const b = h.shape[0] as number;
  const H = h.shape[1] as number;
  const ok =
    [xw, hw].every((t) => t.rank === 2 && t.shape[0] === b && t.shape[1] === 3 * H) &&
    h.rank === 2 &&
    [bi, bh].every((t) => t.rank === 1 && t.shape[0] === 3 * H);
  if (!ok)
    throw new RangeError(
      `a GRU update needs xw[B,3H], hw[B,3H], h[B,H], b_ih[3H], b_hh[3H]; got [${xw.shape}], [${hw.shape}], [${h.shape}], [${bi.shape}], [${bh.shape}]`,
    );
  return { b, h: H };
}

/** σ as sigmoid.ts computes it (the exponent kept ≤ 0), of a float32 value. */
function sigmoidOf(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

const f32 = Math.fround;

/**
 * The elementwise half of a PyTorch-variant GRU step (models/gru.ts) in one loop, from the two products the cell
 * computes with matmul (xw = x W_ihᵀ, hw = h W_hhᵀ, blocks r, z, n) and the two biases:
 *
 *   gi = xw + b_ih,  gh = hw + b_hh
 *   r = σ(gi_r + gh_r),  z = σ(gi_z + gh_z),  n = tanh(gi_n + r ∘ gh_n)
 *   h' = z ∘ h + (1 − z) ∘ n
 *
 * It rounds to float32 wherever the composed ops store a float32 array (every add, mul, σ, tanh and 1 − z), so its
 * h' has the same bits as theirs: a page may take either path and show the same numbers as the build did. What it
 * saves is a dozen kernel calls and their output arrays per step (a new typed array costs microseconds in a
 * browser). Training's gruCombine (train/gru-combine.ts) is the float64 variant with a gradient; this op has none,
 * so the cell takes it only when nothing is being recorded for a gradient.
 */
export function gruUpdateCpu(xw: Tensor, hw: Tensor, h: Tensor, bi: Tensor, bh: Tensor): Tensor {
  const { b, h: H } = gruUpdateDims(xw, hw, h, bi, bh);
  const [i, g, hv, ib, hb] = [xw.values(), hw.values(), h.values(), bi.values(), bh.values()];
  const out = outputBuffer(b * H);
  for (let row = 0; row < b; row++) {
    for (let u = 0; u < H; u++) {
      const o = row * 3 * H + u;
      const r = f32(
        sigmoidOf(f32(f32((i[o] as number) + (ib[u] as number)) + f32((g[o] as number) + (hb[u] as number)))),
      );
      const z = f32(
        sigmoidOf(
          f32(f32((i[o + H] as number) + (ib[u + H] as number)) + f32((g[o + H] as number) + (hb[u + H] as number))),
        ),
      );
      const ghn = f32((g[o + 2 * H] as number) + (hb[u + 2 * H] as number));
      const n = f32(Math.tanh(f32(f32((i[o + 2 * H] as number) + (ib[u + 2 * H] as number)) + f32(r * ghn))));
      const h0 = hv[row * H + u] as number;
      out[row * H + u] = f32(z * h0) + f32(f32(1 - z) * n);
    }
  }
  return new Tensor([b, H], out);
}

registerKernel({
  op: 'gruUpdate',
  backend: 'cpu',
  run: ([xw, hw, h, bi, bh]) => gruUpdateCpu(xw as Tensor, hw as Tensor, h as Tensor, bi as Tensor, bh as Tensor),
});

/** The GRU state update h' [B, H] from xw = x W_ihᵀ, hw = h W_hhᵀ [B, 3H], h [B, H] and the biases b_ih, b_hh [3H]. */
export function gruUpdate(xw: Tensor, hw: Tensor, h: Tensor, bi: Tensor, bh: Tensor): Tensor {
  const d = gruUpdateDims(xw, hw, h, bi, bh);
  return runOp('gruUpdate', [xw, hw, h, bi, bh], {}, d.b * d.h);
}
