/**
 * An encoder–decoder (the lab's model, from the seq2seq and Bahdanau chapters), batched with rows = examples:
 *
 *   encoder:  h→_j = GRU(x_j, h→_{j−1}),  h←_j = GRU(x_j, h←_{j+1}),  h_j = [h→_j; h←_j]   (LSTM selectable)
 *   start:    s₀ = tanh(W_init [h→_n; h←_1] + b_init)
 *   bahdanau: c_i = read(s_{i−1}),  s_i = GRU([E y_{i−1}; c_i], s_{i−1})
 *   luong:    s_i = GRU([E y_{i−1}; c_{i−1}], s_{i−1}),  c_i = read(s_i)         (input feeding, c₀ = 0)
 *   none:     c_i = [h→_n; h←_1] for every i,  s_i = GRU([E y_{i−1}; c], s_{i−1})  (Cho et al. 2014)
 *   output:   p(y_i) = softmax(W_out [s_i; c_i] + b_out)
 *
 * Padded source positions are masked twice: the encoder keeps its state
 * across them (h_j = h_{j−1} + m_j (GRU(·) − h_{j−1})), and attention gives
 * them −∞. Embedding lookups are one-hot rows times the table, so they are
 * ordinary matmuls with gradients.
 */
import { add } from '../ops/add.ts';
import { concat } from '../ops/concat.ts';
import { matmul } from '../ops/matmul.ts';
import { mul } from '../ops/mul.ts';
import { reshape } from '../ops/reshape.ts';
import { sub } from '../ops/sub.ts';
import { tanh } from '../ops/tanh.ts';
import { Tensor, zeros } from '../tensor.ts';
import type { CellState, RecurrentCell } from './cell.ts';
import { gruCell } from './gru.ts';
import { lstmCell } from './lstm.ts';
import { prepareKeys, readSource, type SourceMemory } from './seq2seq-attention.ts';
import type { Seq2SeqConfig, Seq2SeqParams } from './seq2seq-params.ts';

/** A model: its configuration and its current (immutable) parameters. */
export interface Seq2Seq {
  readonly config: Seq2SeqConfig;
  readonly params: Seq2SeqParams;
}

/** Everything decoder steps share for one batch of sources. */
export interface Encoded {
  readonly config: Seq2SeqConfig;
  readonly params: Seq2SeqParams;
  readonly memory: SourceMemory;
  /** [h→_n; h←_1], [B, D]. */
  readonly summary: Tensor;
  readonly decoder: RecurrentCell;
}

/** The decoder's recurrent state: s [B, S] and the last context c [B, D]. */
export interface DecoderState {
  readonly s: Tensor;
  readonly context: Tensor;
}

/** Looks a parameter up by its state_dict name. */
export function param(params: Seq2SeqParams, name: string): Tensor {
  const t = params[name];
  if (t === undefined) throw new Error(`seq2seq params lack ${name}`);
  return t;
}

/** One-hot rows [B, V] for ids (a constant: no gradient flows into ids). */
export function oneHot(ids: readonly number[], vocab: number): Tensor {
  const out = new Float32Array(ids.length * vocab);
  ids.forEach((id, b) => {
    if (!Number.isInteger(id) || id < 0 || id >= vocab) throw new RangeError(`token id ${id} is outside [0, ${vocab})`);
    out[b * vocab + id] = 1;
  });
  return new Tensor([ids.length, vocab], out);
}

function recurrent(params: Seq2SeqParams, prefix: string, suffix: string) {
  const at = (n: string) => param(params, `${prefix}.${n}${suffix}`);
  return { W_ih: at('weight_ih'), W_hh: at('weight_hh'), b_ih: at('bias_ih'), b_hh: at('bias_hh') };
}

function encoderCell(c: Seq2SeqConfig, params: Seq2SeqParams, reverse: boolean): RecurrentCell {
  const p = recurrent(params, 'encoder.rnn', reverse ? '_l0_reverse' : '_l0');
  return c.encoder === 'lstm' ? lstmCell(p) : gruCell(p, c.gruVariant ?? 'pytorch');
}

/** old + m (new − old): rows with m = 0 keep their state (padding). */
function blend(next: CellState, old: CellState, m: Tensor | undefined): CellState {
  if (m === undefined) return next;
  const mix = (a: Tensor, b: Tensor) => add(b, mul(m, sub(a, b)));
  return next.c === undefined || old.c === undefined
    ? { h: mix(next.h, old.h) }
    : { h: mix(next.h, old.h), c: mix(next.c, old.c) };
}

/** Runs the bidirectional encoder over padded id rows and prepares the decoder. */
export function encode(model: Seq2Seq, source: readonly (readonly number[])[], lengths?: readonly number[]): Encoded {
  const { config: c, params } = model;
  const B = source.length;
  const n = source[0]?.length ?? 0;
  if (B === 0 || n === 0) throw new RangeError('encode needs at least one non-empty source row');
  const lens = lengths ?? source.map(() => n);
  const ragged = lens.some((l) => l !== n);
  const masks = Array.from({ length: n }, (_, j) =>
    ragged
      ? new Tensor(
          [B, 1],
          Float32Array.from(lens, (l) => (j < l ? 1 : 0)),
        )
      : undefined,
  );
  const table = param(params, 'encoder.embedding.weight');
  const xs = Array.from({ length: n }, (_, j) =>
    matmul(
      oneHot(
        source.map((r) => r[j] ?? 0),
        c.sourceVocab,
      ),
      table,
    ),
  );
  const fwd = encoderCell(c, params, false);
  const bwd = encoderCell(c, params, true);
  const forward: CellState[] = [];
  let state = fwd.zeroState(B);
  for (let j = 0; j < n; j++) {
    state = blend(fwd.step(xs[j] as Tensor, state), state, masks[j]);
    forward.push(state);
  }
  const backward = new Array<CellState>(n);
  state = bwd.zeroState(B);
  for (let j = n - 1; j >= 0; j--) {
    state = blend(bwd.step(xs[j] as Tensor, state), state, masks[j]);
    backward[j] = state;
  }
  const D = 2 * c.hidden;
  const rows = forward.map((f, j) => reshape(concat([f.h, (backward[j] as CellState).h], 1), [B, 1, D]));
  const annotations = n === 1 ? (rows[0] as Tensor) : concat(rows, 1);
  const mask = ragged
    ? new Tensor(
        [B, n],
        Float32Array.from({ length: B * n }, (_, k) =>
          k % n < (lens[Math.floor(k / n)] ?? n) ? 0 : Number.NEGATIVE_INFINITY,
        ),
      )
    : undefined;
  const summary = concat([(forward[n - 1] as CellState).h, (backward[0] as CellState).h], 1);
  const decoder = gruCell(recurrent(params, 'decoder.rnn', '_l0'), c.gruVariant ?? 'pytorch');
  return { config: c, params, memory: prepareKeys(c, params, annotations, mask), summary, decoder };
}

/** The decoder's first state: s₀ = tanh(W_init summary + b_init), c₀ = 0 (Luong) or the summary (none). */
export function initialState(enc: Encoded): DecoderState {
  const { params, summary } = enc;
  const s = tanh(
    add(
      matmul(summary, param(params, 'decoder.init.weight'), { transposeB: true }),
      param(params, 'decoder.init.bias'),
    ),
  );
  const context = enc.config.attention === 'none' ? summary : zeros(summary.shape);
  return { s, context };
}

/** One decoder step from the previous tokens' ids; returns the new state, [s_i; c_i] and α_i (undefined without attention). */
export function decoderStep(
  enc: Encoded,
  state: DecoderState,
  previous: readonly number[],
): { state: DecoderState; features: Tensor; alpha: Tensor | undefined } {
  const { config: c, params } = enc;
  const y = matmul(oneHot(previous, c.targetVocab), param(params, 'decoder.embedding.weight'));
  const step = (context: Tensor) => enc.decoder.step(concat([y, context], 1), { h: state.s }).h;
  if (c.attention === 'none') {
    const s = step(state.context);
    return { state: { s, context: state.context }, features: concat([s, state.context], 1), alpha: undefined };
  }
  if (c.attention === 'bahdanau') {
    const read = readSource(c, params, state.s, enc.memory);
    const s = step(read.context);
    return { state: { s, context: read.context }, features: concat([s, read.context], 1), alpha: read.alpha };
  }
  const s = step(state.context);
  const read = readSource(c, params, s, enc.memory);
  return { state: { s, context: read.context }, features: concat([s, read.context], 1), alpha: read.alpha };
}

/** Logits [rows, V_tgt] from features [rows, S + D]. */
export function readout(params: Seq2SeqParams, features: Tensor): Tensor {
  return add(
    matmul(features, param(params, 'decoder.out.weight'), { transposeB: true }),
    param(params, 'decoder.out.bias'),
  );
}
