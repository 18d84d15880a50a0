/**
 * Seq2seq sizes and parameters, named and shaped as a PyTorch state_dict of
 * the equivalent modules (nn.Embedding, bidirectional nn.GRU/nn.LSTM,
 * nn.Linear), so weights move between the lab and PyTorch unchanged:
 *
 *   encoder.embedding.weight [V_src, E]
 *   encoder.rnn.{weight_ih,weight_hh,bias_ih,bias_hh}_l0[_reverse]   (k·H rows; k = 3 GRU, 4 LSTM)
 *   decoder.embedding.weight [V_tgt, E]
 *   decoder.init.{weight [S, D], bias [S]}         s₀ = tanh(W [h→_n; h←_1] + b), D = 2H
 *   decoder.rnn.{weight_ih [3S, E + D], weight_hh [3S, S], bias_ih, bias_hh}_l0
 *   decoder.attention.*                             per kind, see attentionShapes
 *   decoder.out.{weight [V_tgt, S + D], bias}       logits = W [s_i; c_i] + b
 *
 * Every attention kind (and none) shares all the rest, so a comparison at
 * equal sizes differs only in how c_i is formed.
 */
import { type Rng, randn } from '../random.ts';
import { type Shape, sizeOf } from '../shape.ts';
import type { GruVariant } from '../symbols.ts';
import { Tensor } from '../tensor.ts';
import { transformerLayerShapes } from './transformer-layer.ts';

/**
 * How the decoder reads the source: additive (Bahdanau), Luong's three
 * scores, the fixed summary alone — or 'transformer': no recurrence at all,
 * an encoder–decoder Transformer (transformer-seq2seq.ts) whose decoder
 * reads the source by multi-head cross-attention.
 */
export type AttentionKind = 'bahdanau' | 'luong-dot' | 'luong-general' | 'luong-concat' | 'none' | 'transformer';

/** Every size and choice of a seq2seq model (plain data: it travels with exported weights). */
export interface Seq2SeqConfig {
  readonly sourceVocab: number;
  readonly targetVocab: number;
  /** E, the embedding size of both vocabularies. */
  readonly embed: number;
  /** H, the encoder's hidden size per direction (annotations are D = 2H). */
  readonly hidden: number;
  /** S, the decoder's hidden size (default D; luong-dot needs S = D). */
  readonly decoderHidden?: number;
  /** A, the width of the additive/concat scoring network (default H). */
  readonly attentionSize?: number;
  readonly encoder: 'gru' | 'lstm';
  readonly attention: AttentionKind;
  /** Where the GRUs apply the reset gate (default 'pytorch', matching nn.GRU). */
  readonly gruVariant?: GruVariant;
  /** Transformer only (embed is d_model; encoder and hidden are unused): heads per attention (default 4). */
  readonly heads?: number;
  /** Transformer only: layers per stack (default 2). */
  readonly layers?: number;
  /** Transformer only: feed-forward width (default 4·embed). */
  readonly ffn?: number;
  /** Transformer only: pre-LN (default true) or post-LN. */
  readonly normFirst?: boolean;
  /** Transformer only: the feed-forward activation (default 'relu'). */
  readonly activation?: 'relu' | 'gelu';
}

/** Named parameters of a seq2seq model. */
export type Seq2SeqParams = Readonly<Record<string, Tensor>>;

/** The resolved sizes: D (annotation), S (decoder), A (attention). */
export function seq2seqSizes(c: Seq2SeqConfig): { D: number; S: number; A: number } {
  const D = 2 * c.hidden;
  return { D, S: c.decoderHidden ?? D, A: c.attentionSize ?? c.hidden };
}

function attentionShapes(c: Seq2SeqConfig): Record<string, number[]> {
  const { D, S, A } = seq2seqSizes(c);
  if (c.attention === 'bahdanau') {
    return {
      'decoder.attention.query.weight': [A, S],
      'decoder.attention.key.weight': [A, D],
      'decoder.attention.v.weight': [1, A],
    };
  }
  if (c.attention === 'luong-general') return { 'decoder.attention.W_a.weight': [S, D] };
  if (c.attention === 'luong-concat') {
    return { 'decoder.attention.W_a.weight': [A, S + D], 'decoder.attention.v.weight': [1, A] };
  }
  if (c.attention === 'luong-dot' && S !== D) {
    throw new RangeError(`luong-dot scores sᵀh̄ and needs decoderHidden = 2·hidden (${D}), got ${S}`);
  }
  return {};
}

/** A Transformer's parameter shapes under nn.Transformer-style names (see transformer-seq2seq.ts). */
function transformerShapes(c: Seq2SeqConfig): Record<string, number[]> {
  const E = c.embed;
  const F = c.ffn ?? 4 * E;
  const shapes: Record<string, number[]> = { 'encoder.embedding.weight': [c.sourceVocab, E] };
  const stack = (kind: 'encoder' | 'decoder') => {
    for (let l = 0; l < (c.layers ?? 2); l++) {
      for (const [name, shape] of Object.entries(transformerLayerShapes(kind, E, F)))
        shapes[`${kind}.layers.${l}.${name}`] = shape;
    }
    if (c.normFirst ?? true) Object.assign(shapes, { [`${kind}.norm.weight`]: [E], [`${kind}.norm.bias`]: [E] });
  };
  stack('encoder');
  shapes['decoder.embedding.weight'] = [c.targetVocab, E];
  stack('decoder');
  return { ...shapes, 'decoder.out.weight': [c.targetVocab, E], 'decoder.out.bias': [c.targetVocab] };
}

/** The shape of every parameter, in a fixed order (initialization draws in this order). */
export function seq2seqShapes(c: Seq2SeqConfig): Record<string, number[]> {
  if (c.attention === 'transformer') return transformerShapes(c);
  const { D, S } = seq2seqSizes(c);
  const k = c.encoder === 'lstm' ? 4 : 3;
  const H = c.hidden;
  const shapes: Record<string, number[]> = { 'encoder.embedding.weight': [c.sourceVocab, c.embed] };
  for (const suffix of ['_l0', '_l0_reverse']) {
    shapes[`encoder.rnn.weight_ih${suffix}`] = [k * H, c.embed];
    shapes[`encoder.rnn.weight_hh${suffix}`] = [k * H, H];
    shapes[`encoder.rnn.bias_ih${suffix}`] = [k * H];
    shapes[`encoder.rnn.bias_hh${suffix}`] = [k * H];
  }
  Object.assign(shapes, {
    'decoder.embedding.weight': [c.targetVocab, c.embed],
    'decoder.init.weight': [S, D],
    'decoder.init.bias': [S],
    'decoder.rnn.weight_ih_l0': [3 * S, c.embed + D],
    'decoder.rnn.weight_hh_l0': [3 * S, S],
    'decoder.rnn.bias_ih_l0': [3 * S],
    'decoder.rnn.bias_hh_l0': [3 * S],
    ...attentionShapes(c),
    'decoder.out.weight': [c.targetVocab, S + D],
    'decoder.out.bias': [c.targetVocab],
  });
  return shapes;
}

/** Number of scalar parameters. */
export function countParams(c: Seq2SeqConfig): number {
  return Object.values(seq2seqShapes(c)).reduce((n, s) => n + sizeOf(s), 0);
}

/**
 * PyTorch's default initialization, seeded: embeddings N(0, 1); recurrent
 * and linear weights and biases U(−1/√fan, 1/√fan), fan = hidden size for
 * recurrent layers and input size for linear ones.
 */
export function initSeq2Seq(c: Seq2SeqConfig, rng: Rng): Seq2SeqParams {
  const { S } = seq2seqSizes(c);
  const shapes = seq2seqShapes(c);
  const out: Record<string, Tensor> = {};
  for (const [name, shape] of Object.entries(shapes)) {
    const values = new Float32Array(sizeOf(shape));
    const transformerInit = c.attention === 'transformer' ? transformerInitBound(name, shape) : undefined;
    if (transformerInit !== undefined) {
      if (transformerInit === 'one') values.fill(1);
      else if (transformerInit > 0)
        for (let i = 0; i < values.length; i++) values[i] = (rng() * 2 - 1) * transformerInit;
    } else if (name.endsWith('embedding.weight')) {
      for (let i = 0; i < values.length; i++) values[i] = randn(rng);
    } else {
      const fan = name.startsWith('encoder.rnn') ? c.hidden : name.startsWith('decoder.rnn') ? S : fanIn(shapes, name);
      const bound = 1 / Math.sqrt(fan);
      for (let i = 0; i < values.length; i++) values[i] = (rng() * 2 - 1) * bound;
    }
    out[name] = new Tensor(shape, values);
  }
  return out;
}

/**
 * PyTorch's init for the Transformer's own modules: nn.MultiheadAttention's
 * in_proj_weight xavier_uniform (bound √(6/(E + 3E))) with zero biases
 * (in_proj_bias, out_proj.bias); LayerNorm γ = 1, β = 0. Undefined for the
 * rest (embeddings N(0, 1), linears U(±1/√fan_in) as elsewhere). A bound of
 * 0 fills zeros without drawing.
 */
function transformerInitBound(name: string, shape: readonly number[]): number | 'one' | undefined {
  if (name.endsWith('in_proj_weight')) return Math.sqrt(6 / ((shape[0] as number) + (shape[1] as number)));
  if (name.endsWith('in_proj_bias') || name.endsWith('out_proj.bias')) return 0;
  if (/norm\d?\.weight$/.test(name)) return 'one';
  if (/norm\d?\.bias$/.test(name)) return 0;
  return undefined;
}

/** A linear layer's fan-in: its weight's columns (a bias takes its weight's). */
function fanIn(shapes: Record<string, Shape>, name: string): number {
  const weight = shapes[name.replace(/\.bias$/, '.weight')];
  return weight?.[1] ?? 1;
}
