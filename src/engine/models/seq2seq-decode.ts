/**
 * Decoding without the answer: each step feeds back the model's own token.
 *
 *   greedy: y_i = argmax_k p(k | y_<i, x), all rows of a batch together
 *   beam:   keep the `width` prefixes with the highest Σ log p (beamSearch in
 *           decode-search.ts, over this file's seq2seqStepModel)
 *
 * Both return α per step as plain arrays, ready for a heatmap: alphas[i][j]
 * is how much output step i read source position j.
 */
import { concat } from '../ops/concat.ts';
import { matmul } from '../ops/matmul.ts';
import { Tensor } from '../tensor.ts';
import { beamSearch, logSoftmax, type StepModel } from './decode-search.ts';
import {
  type DecoderState,
  decoderStep,
  type Encoded,
  encode,
  initialState,
  readout,
  type Seq2Seq,
} from './seq2seq.ts';
import { transformerGreedy, transformerStepModel } from './transformer-seq2seq.ts';

const EOS = 2;
const SOS = 1;

/** A decoded sequence: token ids (without <sos>/<eos>) and α rows per output step. */
export interface Decoded {
  readonly ids: number[];
  readonly alphas: number[][];
  /** Σ log p of the emitted tokens (<eos> included when emitted). */
  readonly logProb: number;
}

/** Greedy decoding of a batch of padded source rows, up to maxLength tokens each. */
export function greedyDecode(
  model: Seq2Seq,
  source: readonly (readonly number[])[],
  maxLength: number,
  lengths?: readonly number[],
): Decoded[] {
  if (model.config.attention === 'transformer') return transformerGreedy(model, source, maxLength, lengths);
  const enc = encode(model, source, lengths);
  let state = initialState(enc);
  const out = source.map(() => ({ ids: [] as number[], alphas: [] as number[][], logProb: 0, done: false }));
  let previous = source.map(() => SOS);
  for (let i = 0; i < maxLength && out.some((o) => !o.done); i++) {
    const step = decoderStep(enc, state, previous);
    state = step.state;
    const logits = readout(model.params, step.features).toRows();
    const alphas = step.alpha === undefined ? undefined : step.alpha.toRows();
    previous = logits.map((row, b) => {
      const o = out[b] as (typeof out)[number];
      const lp = logSoftmax(row);
      const best = lp.indexOf(Math.max(...lp));
      if (!o.done) {
        o.logProb += lp[best] as number;
        if (alphas !== undefined) o.alphas.push(alphas[b] as number[]);
        if (best === EOS) o.done = true;
        else o.ids.push(best);
      }
      return best;
    });
  }
  return out.map(({ ids, alphas, logProb }) => ({ ids, alphas, logProb }));
}

/** Rows `picks` of x [R, ·] as a new [picks.length, ·] tensor (a one-hot selection matmul, so it runs on any backend). */
function pickRows(x: Tensor, picks: readonly number[]): Tensor {
  const R = x.shape[0] as number;
  const sel = new Float32Array(picks.length * R);
  picks.forEach((r, k) => {
    sel[k * R + r] = 1;
  });
  return matmul(new Tensor([picks.length, R], sel), x);
}

/** Repeats the single-row memory of `enc` to `k` rows. */
function tile(enc: Encoded, k: number): Encoded {
  const rep = (t: Tensor) => (k === 1 ? t : concat(new Array<Tensor>(k).fill(t), 0));
  const m = enc.memory;
  const memory = { annotations: rep(m.annotations), mask: m.mask && rep(m.mask), keys: rep(m.keys) };
  return { ...enc, memory, summary: rep(enc.summary) };
}

/**
 * One source row's decoder as a StepModel (decode-search.ts): a prefix's
 * state is its one-row DecoderState; a step stacks the prefixes' rows into
 * one batch, so a beam of width k costs one decoder step of k rows.
 */
export function seq2seqStepModel(model: Seq2Seq, source: readonly number[]): StepModel<unknown> {
  return model.config.attention === 'transformer'
    ? (transformerStepModel(model, source) as StepModel<unknown>)
    : (recurrentStepModel(model, source) as StepModel<unknown>);
}

function recurrentStepModel(model: Seq2Seq, source: readonly number[]): StepModel<DecoderState> {
  const enc = encode(model, [source]);
  const tiles = new Map<number, Encoded>();
  const tiled = (k: number) => tiles.get(k) ?? (tiles.set(k, tile(enc, k)).get(k) as Encoded);
  const stack = (ts: Tensor[]) => (ts.length === 1 ? (ts[0] as Tensor) : concat(ts, 0));
  return {
    vocab: model.config.targetVocab,
    initial: () => initialState(enc),
    step(states, previous) {
      const k = states.length;
      const state = { s: stack(states.map((s) => s.s)), context: stack(states.map((s) => s.context)) };
      const out = decoderStep(
        tiled(k),
        state,
        previous.map((p) => p ?? SOS),
      );
      const logProbs = readout(model.params, out.features).toRows().map(logSoftmax);
      const alphas = out.alpha === undefined ? undefined : out.alpha.toRows();
      const split = Array.from({ length: k }, (_, r) => ({
        s: k === 1 ? out.state.s : pickRows(out.state.s, [r]),
        context: k === 1 ? out.state.context : pickRows(out.state.context, [r]),
      }));
      return { logProbs, alphas, states: split };
    },
  };
}

/** Beam search over one source row (ids without padding); returns the best finished hypothesis. */
export function beamDecode(
  model: Seq2Seq,
  source: readonly number[],
  width: number,
  maxLength: number,
  alpha = 0,
): Decoded {
  const best = beamSearch(seq2seqStepModel(model, source), { width, maxLength, alpha }).hypotheses[0];
  if (best === undefined) throw new Error('beam search found no hypothesis (maxLength 0?)');
  return { ids: best.ids, alphas: best.alphas, logProb: best.logProb };
}
