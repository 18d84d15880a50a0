import type { Tensor } from '../../../tensor.ts';
import { type Device, discard } from '../device.ts';
import { cursors, each, interleave, named, parts, partsMain, productParts, release, samplers } from './parts.ts';
import { normalizeGlsl, rowStatsGlsl } from './softmax.ts';

/** Softmax statistics of each part's row: one texel per row and part, as softmax's first pass. */
const statsBody = `
${samplers('s')}
uniform int u_len;
${rowStatsGlsl}
${partsMain(each((r) => `out${r} = rowStats(s${r}, row);`))}`;

/** The softmax weights of each part; scores and weights share one layout, so this texel sits at p in both. */
const normalizeBody = `
${samplers('s')}
${samplers('st')}
${normalizeGlsl}
${cursors}
${partsMain(`vec2 ss = texelScale(s0);
  vec2 sst = texelScale(st0);
  ivec2 ps = texelPos(row, textureSize(st0, 0).x);
  ${each((r) => `out${r} = mix(vec4(0.0), normalized(fetch(s${r}, p, ss), fetch(st${r}, ps, sst)), live);`)}`)}`;

/**
 * Vᵀ [dv, m] from V [m, dv]: the product with the weights then walks a row
 * of each operand texel by texel, as the scores do. Reading V untransposed
 * there steps down a column: a wrap loop and a bounds select per fetch
 * (self-attention at n = 1024, d = 64 on SwiftShader: 150 → 140 ms of CPU
 * time, one run at load ~25; the transpose itself is 16 K texels).
 */
const transposeBody = `
uniform sampler2D x;
uniform ivec2 u_xDims;
vec4 compute(int row, int col0) {
  int g = (u_xDims.y + 3) >> 2;
  int last = u_xDims.x - 1;
  // Output row c is column c of V: lane c & 3 of texel group c >> 2 in rows col0 … col0 + 3.
  int group = row >> 2;
  int lane = row & 3;
  return vec4(texel(x, col0 * g + group)[lane],
              texel(x, min(col0 + 1, last) * g + group)[lane],
              texel(x, min(col0 + 2, last) * g + group)[lane],
              texel(x, min(col0 + 3, last) * g + group)[lane]);
}`;

/**
 * softmax(scale · Q Kᵀ + mask) V for Q [n, d], K [m, d], V [m, dv], none of
 * them empty, in six passes, four of which keep four query rows per
 * fragment (see parts.ts): scores, row statistics, weights, Vᵀ, the product
 * with V, and the interleave into one [n, dv] tensor. Vᵀ and the interleave
 * are one row per fragment, and the smallest.
 */
export function attentionByParts(
  gpu: Device,
  inputs: { q: Tensor; k: Tensor; v: Tensor; mask?: Tensor },
  attrs: { scale: number; causal: boolean; zeroEmpty?: boolean },
): Tensor {
  const { q, k, v, mask } = inputs;
  const n = q.shape[0] as number;
  const m = k.shape[0] as number;
  const dv = v.shape[1] as number;
  const rows = Math.ceil(n / parts);
  const scores = productParts(
    gpu,
    { a: q, b: k, mask },
    { aParts: false, transposeB: true, scores: true, mask: mask !== undefined },
    { m: n, k: q.shape[1] as number, n: m },
    { scale: attrs.scale, causal: attrs.causal },
  );
  const stats = gpu.runAll({
    key: 'attention:stats',
    body: () => statsBody,
    inputs: named('s', scores),
    ints: { u_len: m },
    shape: [rows, 4],
    outputs: parts,
  });
  const weights = gpu.runAll({
    key: 'attention:normalize',
    body: () => normalizeBody,
    inputs: { ...named('s', scores), ...named('st', stats) },
    ints: { u_zeroEmpty: attrs.zeroEmpty === true ? 1 : 0 },
    shape: [rows, m],
    outputs: parts,
  });
  release(scores);
  release(stats);
  const vt = gpu.run({ key: 'attention:transpose', body: () => transposeBody, inputs: { x: v }, shape: [dv, m] });
  const variant = { aParts: true, transposeB: true, scores: false, mask: false };
  const out = productParts(gpu, { a: weights, b: vt }, variant, { m: n, k: m, n: dv });
  release(weights);
  discard(vt);
  return interleave(gpu, out, [n, dv]);
}
