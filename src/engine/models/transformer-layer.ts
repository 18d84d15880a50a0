/**
 * PyTorch's nn.TransformerEncoderLayer and nn.TransformerDecoderLayer
 * (batch_first=True, eval mode: dropout is the identity), over a batch
 * x [B, n, E], with their own state_dict names:
 *
 *   encoder, post-LN (norm_first=False):  x = norm1(x + SA(x));  x = norm2(x + FF(x))
 *   encoder, pre-LN  (norm_first=True):   x = x + SA(norm1(x));  x = x + FF(norm2(x))
 *   decoder, post-LN: x = norm1(x + SA(x, causal)); x = norm2(x + MHA(x, mem)); x = norm3(x + FF(x))
 *   decoder, pre-LN:  x = x + SA(norm1(x), causal); x = x + MHA(norm2(x), mem); x = x + FF(norm3(x))
 *   FF(x) = linear2(act(linear1(x))),  act = relu | gelu (exact erf form, F.gelu's default)
 *
 *   SA / MHA (nn.MultiheadAttention): [q k v] = x W_inᵀ + b_in (self_attn.in_proj_weight [3E, E]);
 *   cross-attention takes q from x and k, v from the memory with the same rows of W_in;
 *   head h owns columns h·d_h … of q, k, v; softmax(q kᵀ/√d_h + mask) v; concat; out_proj.
 *
 * Masks are additive tensors that broadcast to [B, heads, n, m] (see
 * paddingMask, causalMask). Heads are one batched matmul: q [B·h, n, d_h].
 */
import { add } from '../ops/add.ts';
import { gelu } from '../ops/gelu.ts';
import { layerNorm } from '../ops/layer-norm.ts';
import { matmul } from '../ops/matmul.ts';
import { mul } from '../ops/mul.ts';
import { relu } from '../ops/relu.ts';
import { reshape } from '../ops/reshape.ts';
import { slice } from '../ops/slice.ts';
import { softmax } from '../ops/softmax.ts';
import { transpose } from '../ops/transpose.ts';
import { Tensor } from '../tensor.ts';
import { readParam, type StateDict } from './params.ts';

/** The choices of one layer that its weights do not show. */
export interface TransformerLayerConfig {
  readonly heads: number;
  /** true: pre-LN (most models today); false: post-LN (Vaswani et al. 2017, PyTorch's default). */
  readonly normFirst: boolean;
  readonly activation: 'relu' | 'gelu';
  /** LayerNorm's ε (PyTorch's layer_norm_eps, default 1e-5). */
  readonly eps?: number;
}

/** Named parameters (state_dict names, with the caller's prefix). */
export type LayerParams = Readonly<Record<string, Tensor>>;

/** Which PyTorch layer. */
export type LayerKind = 'encoder' | 'decoder';

/** Every parameter of one layer with its shape, PyTorch names, for d_model E and feed-forward width F. */
export function transformerLayerShapes(kind: LayerKind, E: number, F: number): Record<string, number[]> {
  const attn = (p: string) => ({
    [`${p}.in_proj_weight`]: [3 * E, E],
    [`${p}.in_proj_bias`]: [3 * E],
    [`${p}.out_proj.weight`]: [E, E],
    [`${p}.out_proj.bias`]: [E],
  });
  const norms = kind === 'encoder' ? ['norm1', 'norm2'] : ['norm1', 'norm2', 'norm3'];
  return {
    ...attn('self_attn'),
    ...(kind === 'decoder' ? attn('multihead_attn') : {}),
    'linear1.weight': [F, E],
    'linear1.bias': [F],
    'linear2.weight': [E, F],
    'linear2.bias': [E],
    ...Object.fromEntries(
      norms.flatMap((n) => [
        [`${n}.weight`, [E]],
        [`${n}.bias`, [E]],
      ]),
    ),
  };
}

/**
 * Loads one layer from a PyTorch state_dict (JSON nested arrays) unchanged:
 * E from self_attn.out_proj.weight, F from linear1.weight; a missing key or
 * a wrong shape throws the StateDictError every loader throws.
 */
export function loadTransformerLayer(dict: StateDict, kind: LayerKind, prefix = ''): LayerParams {
  const E = readParam(dict, [`${prefix}self_attn.out_proj.weight`], [-1, -1]).shape[0] as number;
  const F = readParam(dict, [`${prefix}linear1.weight`], [-1, E]).shape[0] as number;
  const out: Record<string, Tensor> = {};
  for (const [name, shape] of Object.entries(transformerLayerShapes(kind, E, F))) {
    out[`${prefix}${name}`] = readParam(dict, [`${prefix}${name}`], shape);
  }
  return out;
}

function at(p: LayerParams, name: string): Tensor {
  const t = p[name];
  if (t === undefined) throw new Error(`transformer params lack ${name}`);
  return t;
}

/** x [R, in] W_ᵀ + b for a Linear named `name` (weight [out, in]). */
function linear(p: LayerParams, name: string, x: Tensor): Tensor {
  return add(matmul(x, at(p, `${name}.weight`), { transposeB: true }), at(p, `${name}.bias`));
}

/** [B·n, E] → [B·h, n, d_h]: head h takes columns h·d_h … (h+1)·d_h − 1. */
function splitHeads(x: Tensor, B: number, n: number, h: number): Tensor {
  const E = x.shape[1] as number;
  return reshape(transpose(reshape(x, [B, n, h, E / h]), [0, 2, 1, 3]), [B * h, n, E / h]);
}

/** [B·h, n, d_h] → [B·n, E], the heads' outputs side by side. */
function joinHeads(x: Tensor, B: number, n: number, h: number): Tensor {
  const dh = x.shape[2] as number;
  return reshape(transpose(reshape(x, [B, h, n, dh]), [0, 2, 1, 3]), [B * n, h * dh]);
}

/**
 * nn.MultiheadAttention(q from xq [B, n, E], k and v from xkv [B, m, E]) with
 * an additive mask broadcasting to [B, h, n, m]; returns out [B, n, E] and
 * the weights [B, h, n, m] (what a heatmap shows).
 */
export function multiHeadBlock(
  p: LayerParams,
  name: string,
  heads: number,
  xq: Tensor,
  xkv: Tensor,
  mask?: Tensor,
): { out: Tensor; weights: Tensor } {
  const [B, n, E] = xq.shape as [number, number, number];
  const m = xkv.shape[1] as number;
  if (!Number.isInteger(E / heads) || heads < 1) throw new RangeError(`${heads} heads do not divide E = ${E}`);
  const W = at(p, `${name}.in_proj_weight`);
  const b = at(p, `${name}.in_proj_bias`);
  // Rows part·E … (part+1)·E − 1 of in_proj are W_q, W_k, W_v (part 0, 1, 2).
  const project = (x: Tensor, part: number) =>
    add(matmul(reshape(x, [-1, E]), slice(W, [part * E, 0], [E, E]), { transposeB: true }), slice(b, [part * E], [E]));
  const q = splitHeads(project(xq, 0), B, n, heads);
  const k = splitHeads(project(xkv, 1), B, m, heads);
  const v = splitHeads(project(xkv, 2), B, m, heads);
  let scores = reshape(mul(matmul(q, k, { transposeB: true }), 1 / Math.sqrt(E / heads)), [B, heads, n, m]);
  if (mask !== undefined) scores = add(scores, mask);
  const weights = softmax(scores, -1);
  const mixed = matmul(reshape(weights, [B * heads, n, m]), v);
  const out = linear(p, `${name}.out_proj`, joinHeads(mixed, B, n, heads));
  return { out: reshape(out, [B, n, E]), weights };
}

/** FF(x) = linear2(act(linear1(x))) on x [B, n, E]. */
function feedForward(p: LayerParams, prefix: string, activation: 'relu' | 'gelu', x: Tensor): Tensor {
  const [B, n, E] = x.shape as [number, number, number];
  const hidden = linear(p, `${prefix}linear1`, reshape(x, [B * n, E]));
  const act = activation === 'gelu' ? gelu(hidden) : relu(hidden);
  return reshape(linear(p, `${prefix}linear2`, act), [B, n, E]);
}

function norm(p: LayerParams, name: string, x: Tensor, eps: number): Tensor {
  return layerNorm(x, at(p, `${name}.weight`), at(p, `${name}.bias`), eps);
}

/** One sub-layer with its residual: post-LN norm(x + f(x)) or pre-LN x + f(norm(x)). */
function residual(p: LayerParams, normName: string, c: TransformerLayerConfig, x: Tensor, f: (y: Tensor) => Tensor) {
  const eps = c.eps ?? 1e-5;
  return c.normFirst ? add(x, f(norm(p, normName, x, eps))) : norm(p, normName, add(x, f(x)), eps);
}

/** nn.TransformerEncoderLayer on x [B, n, E]; `mask` is additive, broadcasting to [B, h, n, n]. Returns the output and the self-attention weights. */
export function encoderLayer(
  p: LayerParams,
  prefix: string,
  c: TransformerLayerConfig,
  x: Tensor,
  mask?: Tensor,
): { out: Tensor; self: Tensor } {
  let self: Tensor | undefined;
  const sa = (y: Tensor) => {
    const r = multiHeadBlock(p, `${prefix}self_attn`, c.heads, y, y, mask);
    self = r.weights;
    return r.out;
  };
  const h = residual(p, `${prefix}norm1`, c, x, sa);
  const out = residual(p, `${prefix}norm2`, c, h, (y) => feedForward(p, prefix, c.activation, y));
  return { out, self: self as unknown as Tensor };
}

/** nn.TransformerDecoderLayer on x [B, T, E] reading memory [B, n, E]; returns the output and both attention weights. */
export function decoderLayer(
  p: LayerParams,
  prefix: string,
  c: TransformerLayerConfig,
  x: Tensor,
  memory: Tensor,
  masks: { readonly self?: Tensor; readonly memory?: Tensor } = {},
): { out: Tensor; self: Tensor; cross: Tensor } {
  let self: Tensor | undefined;
  let cross: Tensor | undefined;
  const h1 = residual(p, `${prefix}norm1`, c, x, (y) => {
    const r = multiHeadBlock(p, `${prefix}self_attn`, c.heads, y, y, masks.self);
    self = r.weights;
    return r.out;
  });
  const h2 = residual(p, `${prefix}norm2`, c, h1, (y) => {
    const r = multiHeadBlock(p, `${prefix}multihead_attn`, c.heads, y, memory, masks.memory);
    cross = r.weights;
    return r.out;
  });
  const out = residual(p, `${prefix}norm3`, c, h2, (y) => feedForward(p, prefix, c.activation, y));
  return { out, self: self as unknown as Tensor, cross: cross as unknown as Tensor };
}

/** An additive key-padding mask [B, 1, 1, m]: −∞ at keys j ≥ lengths[b] (PyTorch's src_key_padding_mask, as lengths). */
export function paddingMask(lengths: readonly number[], m: number): Tensor {
  const out = new Float32Array(lengths.length * m);
  lengths.forEach((len, b) => {
    for (let j = len; j < m; j++) out[b * m + j] = Number.NEGATIVE_INFINITY;
  });
  return new Tensor([lengths.length, 1, 1, m], out);
}

/** An additive causal mask [1, 1, T, T]: −∞ where key j is after query i (nn.Transformer.generate_square_subsequent_mask). */
export function causalMask(T: number): Tensor {
  const out = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) out[i * T + j] = Number.NEGATIVE_INFINITY;
  return new Tensor([1, 1, T, T], out);
}
