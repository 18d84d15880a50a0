/**
 * A small Transformer encoder–decoder for the lab (Vaswani et al. 2017),
 * built from the PyTorch layers of transformer-layer.ts:
 *
 *   x_j = E_src[x_j] + PE(j),  memory = Encoder_L(…Encoder_1(x))          (src key padding masked)
 *   y_i = E_tgt[y_{i−1}] + PE(i),  h = Decoder_L(…Decoder_1(y, memory))    (causal + memory padding)
 *   pre-LN models end each stack with a LayerNorm (encoder.norm, decoder.norm), as nn.Transformer does
 *   p(y_i) = softmax(W_out h_i + b_out)
 *
 * Parameter names follow nn.Transformer's stacks: encoder.layers.{l}.self_attn.in_proj_weight, …,
 * decoder.layers.{l}.multihead_attn.*, plus encoder.embedding / decoder.embedding / decoder.out.
 * The attention map the lab draws is the last decoder layer's cross-attention, averaged over heads.
 */
import { add } from '../ops/add.ts';
import { layerNorm } from '../ops/layer-norm.ts';
import { matmul } from '../ops/matmul.ts';
import { mean } from '../ops/mean.ts';
import { positionalEncoding } from '../ops/positional-encoding.ts';
import { reshape } from '../ops/reshape.ts';
import type { Tensor } from '../tensor.ts';
import { logSoftmax, type StepModel } from './decode-search.ts';
import type { Seq2Seq } from './seq2seq.ts';
import { oneHot, param } from './seq2seq.ts';
import type { Seq2SeqConfig, Seq2SeqParams } from './seq2seq-params.ts';
import {
  causalMask,
  decoderLayer,
  encoderLayer,
  paddingMask,
  type TransformerLayerConfig,
} from './transformer-layer.ts';

/** The resolved Transformer sizes of a config: d_model, heads, layers, feed-forward width and the layer choices. */
export function transformerSizes(c: Seq2SeqConfig): {
  d: number;
  layers: number;
  ffn: number;
  layer: TransformerLayerConfig;
} {
  return {
    d: c.embed,
    layers: c.layers ?? 2,
    ffn: c.ffn ?? 4 * c.embed,
    layer: { heads: c.heads ?? 4, normFirst: c.normFirst ?? true, activation: c.activation ?? 'relu' },
  };
}

/** Token rows [B][n] → embeddings plus sinusoidal positions [B, n, E]. */
function embed(params: Seq2SeqParams, table: string, ids: readonly (readonly number[])[], vocab: number): Tensor {
  const B = ids.length;
  const n = ids[0]?.length ?? 0;
  const E = param(params, table).shape[1] as number;
  const flat = ids.flatMap((row) => [...row]);
  const x = reshape(matmul(oneHot(flat, vocab), param(params, table)), [B, n, E]);
  return add(x, positionalEncoding(n, E));
}

function finalNorm(params: Seq2SeqParams, name: string, x: Tensor, on: boolean): Tensor {
  return on ? layerNorm(x, param(params, `${name}.weight`), param(params, `${name}.bias`)) : x;
}

/** What the decoder reads: the memory [B, n, E] and its key-padding mask. */
export interface TransformerMemory {
  readonly memory: Tensor;
  readonly mask: Tensor | undefined;
}

/** Runs the encoder stack over padded source rows. */
export function transformerEncode(
  model: Seq2Seq,
  source: readonly (readonly number[])[],
  lengths?: readonly number[],
): TransformerMemory {
  const { config: c, params } = model;
  const n = source[0]?.length ?? 0;
  if (source.length === 0 || n === 0) throw new RangeError('encode needs at least one non-empty source row');
  const s = transformerSizes(c);
  const mask = lengths?.some((l) => l !== n) ? paddingMask(lengths as number[], n) : undefined;
  let x = embed(params, 'encoder.embedding.weight', source, c.sourceVocab);
  for (let l = 0; l < s.layers; l++) x = encoderLayer(params, `encoder.layers.${l}.`, s.layer, x, mask).out;
  return { memory: finalNorm(params, 'encoder.norm', x, s.layer.normFirst), mask };
}

/**
 * The decoder over whole prefixes [B][T] (teacher forcing: all T positions
 * at once, the causal mask hiding the future): logits [B·T, V] (rows
 * b-major) and the last layer's cross-attention averaged over heads [B, T, n].
 */
export function transformerDecode(
  model: Seq2Seq,
  enc: TransformerMemory,
  prefixes: readonly (readonly number[])[],
): { logits: Tensor; cross: Tensor } {
  const { config: c, params } = model;
  const s = transformerSizes(c);
  const T = prefixes[0]?.length ?? 0;
  let y = embed(params, 'decoder.embedding.weight', prefixes, c.targetVocab);
  const masks = { self: causalMask(T), memory: enc.mask };
  let cross: Tensor | undefined;
  for (let l = 0; l < s.layers; l++) {
    const r = decoderLayer(params, `decoder.layers.${l}.`, s.layer, y, enc.memory, masks);
    y = r.out;
    cross = r.cross;
  }
  const h = reshape(finalNorm(params, 'decoder.norm', y, s.layer.normFirst), [-1, s.d]);
  const logits = add(
    matmul(h, param(params, 'decoder.out.weight'), { transposeB: true }),
    param(params, 'decoder.out.bias'),
  );
  return { logits, cross: mean(cross as Tensor, 1) };
}

/** A prefix's decoder state: the Transformer recomputes from the tokens so far (no recurrent state). */
export interface TransformerPrefix {
  readonly ids: readonly number[];
}

const SOS = 1;

/** Rows pick(0) … pick(R − 1) of a [·, C] tensor as arrays (a gather, so not Tensor.toRows). */
function pickRows(t: Tensor, R: number, C: number, pick: (r: number) => number): number[][] {
  const v = t.values();
  return Array.from({ length: R }, (_, r) => Array.from(v.subarray(pick(r) * C, pick(r) * C + C)));
}

/**
 * One source row's Transformer as a StepModel (decode-search.ts): each step
 * re-runs the decoder over every prefix (equal lengths, so one batch) and
 * reads the last position.
 */
export function transformerStepModel(model: Seq2Seq, source: readonly number[]): StepModel<TransformerPrefix> {
  const enc = transformerEncode(model, [source]);
  const V = model.config.targetVocab;
  const n = source.length;
  const tiled = (k: number): TransformerMemory => ({
    memory: k === 1 ? enc.memory : reshape(matmul(oneColumn(k), reshape(enc.memory, [1, -1])), [k, n, -1]),
    mask: undefined,
  });
  return {
    vocab: V,
    initial: () => ({ ids: [SOS] }),
    step(states, previous) {
      const prefixes = states.map((s, r) => (previous[r] === undefined ? s.ids : [...s.ids, previous[r] as number]));
      const k = prefixes.length;
      const T = prefixes[0]?.length ?? 1;
      if (prefixes.some((p) => p.length !== T)) throw new RangeError('transformer step needs prefixes of equal length');
      const out = transformerDecode(model, tiled(k), prefixes);
      const logProbs = pickRows(out.logits, k, V, (r) => r * T + T - 1).map(logSoftmax);
      const alphas = pickRows(reshape(out.cross, [k * T, n]), k, n, (r) => r * T + T - 1);
      return { logProbs, alphas, states: prefixes.map((ids) => ({ ids })) };
    },
  };
}

/** A [k, 1] column of ones (tiles one row k times through a matmul, so it runs on any backend). */
function oneColumn(k: number): Tensor {
  return reshape(oneHot(new Array<number>(k).fill(0), 1), [k, 1]);
}

/** Greedy decoding of a batch of padded sources: one decoder pass per output step over the prefixes so far. */
export function transformerGreedy(
  model: Seq2Seq,
  source: readonly (readonly number[])[],
  maxLength: number,
  lengths?: readonly number[],
): { ids: number[]; alphas: number[][]; logProb: number }[] {
  const enc = transformerEncode(model, source, lengths);
  const B = source.length;
  const n = source[0]?.length ?? 0;
  const V = model.config.targetVocab;
  const out = source.map(() => ({ ids: [] as number[], alphas: [] as number[][], logProb: 0, done: false }));
  const prefixes = source.map(() => [SOS]);
  for (let i = 0; i < maxLength && out.some((o) => !o.done); i++) {
    const T = i + 1;
    const step = transformerDecode(model, enc, prefixes);
    const logits = pickRows(step.logits, B, V, (b) => b * T + i);
    const alphas = pickRows(reshape(step.cross, [B * T, n]), B, n, (b) => b * T + i);
    logits.forEach((row, b) => {
      const o = out[b] as (typeof out)[number];
      const lp = logSoftmax(row);
      const best = lp.indexOf(Math.max(...lp));
      (prefixes[b] as number[]).push(best);
      if (o.done) return;
      o.logProb += lp[best] as number;
      o.alphas.push(alphas[b] as number[]);
      if (best === 2) o.done = true;
      else o.ids.push(best);
    });
  }
  return out.map(({ ids, alphas, logProb }) => ({ ids, alphas, logProb }));
}
