import type { Tensor } from '../../../tensor.ts';
import type { Device } from '../device.ts';
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
 * softmax(scale · Q Kᵀ + mask) V for Q [n, d], K [m, d], V [m, dv], none of
 * them empty, in five passes that keep four query rows per fragment (see
 * parts.ts): scores, row statistics, weights, the product with V, and the
 * interleave into one [n, dv] tensor. Only that last pass is one row per
 * fragment, and it is the smallest.
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
  const variant = { aParts: true, transposeB: false, scores: false, mask: false };
  const out = productParts(gpu, { a: weights, b: v }, variant, { m: n, k: m, n: dv });
  release(weights);
  return interleave(gpu, out, [n, dv]);
}
