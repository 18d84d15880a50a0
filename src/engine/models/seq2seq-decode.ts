/**
 * Decoding without the answer: each step feeds back the model's own token.
 *
 *   greedy: y_i = argmax_k p(k | y_<i, x), all rows of a batch together
 *   beam:   keep the `width` prefixes with the highest Σ log p; a prefix that
 *           emits <eos> is finished; stop when no live prefix can beat the
 *           best finished one (log p only falls) or at maxLength
 *
 * Both return α per step as plain arrays, ready for a heatmap: alphas[i][j]
 * is how much output step i read source position j.
 */
import { concat } from '../ops/concat.ts';
import { matmul } from '../ops/matmul.ts';
import { Tensor } from '../tensor.ts';
import {
  type DecoderState,
  decoderStep,
  type Encoded,
  encode,
  initialState,
  readout,
  type Seq2Seq,
} from './seq2seq.ts';

const EOS = 2;
const SOS = 1;

/** A decoded sequence: token ids (without <sos>/<eos>) and α rows per output step. */
export interface Decoded {
  readonly ids: number[];
  readonly alphas: number[][];
  /** Σ log p of the emitted tokens (<eos> included when emitted). */
  readonly logProb: number;
}

/** log softmax of one row, in float64. */
function logSoftmax(row: Float32Array | number[]): number[] {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of row) max = Math.max(max, v);
  let s = 0;
  for (const v of row) s += Math.exp(v - max);
  const lse = max + Math.log(s);
  return Array.from(row, (v) => v - lse);
}

const rowsOf = (t: Tensor) => {
  const [r, c] = t.shape as [number, number];
  const v = t.values();
  return Array.from({ length: r }, (_, i) => Array.from(v.subarray(i * c, (i + 1) * c)));
};

/** Greedy decoding of a batch of padded source rows, up to maxLength tokens each. */
export function greedyDecode(
  model: Seq2Seq,
  source: readonly (readonly number[])[],
  maxLength: number,
  lengths?: readonly number[],
): Decoded[] {
  const enc = encode(model, source, lengths);
  let state = initialState(enc);
  const out = source.map(() => ({ ids: [] as number[], alphas: [] as number[][], logProb: 0, done: false }));
  let previous = source.map(() => SOS);
  for (let i = 0; i < maxLength && out.some((o) => !o.done); i++) {
    const step = decoderStep(enc, state, previous);
    state = step.state;
    const logits = rowsOf(readout(model.params, step.features));
    const alphas = step.alpha === undefined ? undefined : rowsOf(step.alpha);
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

interface Hypothesis {
  readonly ids: number[];
  readonly alphas: number[][];
  readonly logProb: number;
  readonly row: number;
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

/** Beam search over one source row (ids without padding); returns the best finished hypothesis. */
export function beamDecode(model: Seq2Seq, source: readonly number[], width: number, maxLength: number): Decoded {
  const enc = encode(model, [source]);
  let state: DecoderState = initialState(enc);
  let live: Hypothesis[] = [{ ids: [], alphas: [], logProb: 0, row: 0 }];
  const finished: Hypothesis[] = [];
  for (let i = 0; i < maxLength && live.length > 0; i++) {
    const step = decoderStep(
      tile(enc, live.length),
      state,
      live.map((h) => h.ids[h.ids.length - 1] ?? SOS),
    );
    const logits = rowsOf(readout(model.params, step.features));
    const alphas = step.alpha === undefined ? undefined : rowsOf(step.alpha);
    const candidates: (Hypothesis & { token: number })[] = [];
    live.forEach((h, r) => {
      logSoftmax(logits[r] as number[]).forEach((lp, token) => {
        const a = alphas === undefined ? h.alphas : [...h.alphas, alphas[r] as number[]];
        candidates.push({ ids: h.ids, alphas: a, logProb: h.logProb + lp, row: r, token });
      });
    });
    candidates.sort((a, b) => b.logProb - a.logProb);
    const next: Hypothesis[] = [];
    for (const c of candidates.slice(0, width)) {
      if (c.token === EOS) finished.push({ ids: c.ids, alphas: c.alphas, logProb: c.logProb, row: c.row });
      else next.push({ ids: [...c.ids, c.token], alphas: c.alphas, logProb: c.logProb, row: c.row });
    }
    const best = finished.reduce((m, h) => Math.max(m, h.logProb), Number.NEGATIVE_INFINITY);
    live = next.filter((h) => h.logProb > best);
    if (live.length > 0) {
      const rows = live.map((h) => h.row);
      state = { s: pickRows(step.state.s, rows), context: pickRows(step.state.context, rows) };
      live = live.map((h, k) => ({ ...h, row: k }));
    }
  }
  const pool = finished.length > 0 ? finished : live;
  const best = pool.reduce((a, b) => (b.logProb > a.logProb ? b : a));
  return { ids: best.ids, alphas: best.alphas, logProb: best.logProb };
}
