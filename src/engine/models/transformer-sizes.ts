/**
 * The parameters of nn.TransformerEncoderLayer and nn.TransformerDecoderLayer
 * (/transformer/), by their state-dict names, with their shapes for model
 * width d and feed-forward width d_ff. The number of heads changes no shape:
 * the heads split the same projections.
 */
import type { Shape } from '../shape.ts';

/** One named parameter and the part of the layer it belongs to. */
export interface LayerParam {
  readonly name: string;
  readonly part: 'self-attention' | 'cross-attention' | 'feed-forward' | 'layer norms';
  readonly shape: Shape;
}

function attention(prefix: string, part: LayerParam['part'], d: number): LayerParam[] {
  return [
    { name: `${prefix}.in_proj_weight`, part, shape: [3 * d, d] },
    { name: `${prefix}.in_proj_bias`, part, shape: [3 * d] },
    { name: `${prefix}.out_proj.weight`, part, shape: [d, d] },
    { name: `${prefix}.out_proj.bias`, part, shape: [d] },
  ];
}

function norm(name: string, d: number): LayerParam[] {
  return [
    { name: `${name}.weight`, part: 'layer norms', shape: [d] },
    { name: `${name}.bias`, part: 'layer norms', shape: [d] },
  ];
}

function checkSizes(d: number, dff: number): void {
  for (const [name, v] of [
    ['d', d],
    ['d_ff', dff],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a whole number ≥ 1, got ${v}`);
  }
}

/** Every parameter of one layer: 'encoder' (self-attention, FFN, 2 norms) or 'decoder' (plus cross-attention, 3 norms). */
export function transformerLayerParams(kind: 'encoder' | 'decoder', d: number, dff: number): LayerParam[] {
  checkSizes(d, dff);
  const ffn: LayerParam[] = [
    { name: 'linear1.weight', part: 'feed-forward', shape: [dff, d] },
    { name: 'linear1.bias', part: 'feed-forward', shape: [dff] },
    { name: 'linear2.weight', part: 'feed-forward', shape: [d, dff] },
    { name: 'linear2.bias', part: 'feed-forward', shape: [d] },
  ];
  if (kind === 'encoder')
    return [...attention('self_attn', 'self-attention', d), ...ffn, ...norm('norm1', d), ...norm('norm2', d)];
  return [
    ...attention('self_attn', 'self-attention', d),
    ...attention('multihead_attn', 'cross-attention', d),
    ...ffn,
    ...norm('norm1', d),
    ...norm('norm2', d),
    ...norm('norm3', d),
  ];
}
