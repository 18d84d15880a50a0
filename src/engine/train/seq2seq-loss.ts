import { type DecoderState, decoderStep, encode, initialState, readout, type Seq2Seq } from '../models/seq2seq.ts';
import type { Seq2SeqParams } from '../models/seq2seq-params.ts';
import { concat } from '../ops/concat.ts';
import type { Batch } from '../tasks/batch.ts';
import type { Tensor } from '../tensor.ts';
import { tokenCrossEntropy } from './cross-entropy.ts';

/** A teacher-forced pass: the mean cross-entropy per target token, the logits, and α per decoder step. */
export interface TeacherForced {
  readonly loss: Tensor;
  /** [T·B, V_tgt], rows step-major (row i·B + b is step i of example b). */
  readonly logits: Tensor;
  /** α_i [B, n] per decoder step (empty without attention). */
  readonly alphas: Tensor[];
}

/**
 * Teacher forcing: decoder step i reads the true y_{i−1} (not its own
 * guess), so one pass scores every target token. Loss
 * L = −(1/N) Σ_{b,i} log p(y_bi | y_b,<i, x_b) over the N non-pad targets.
 * Pass `params` explicitly so valueAndGrad can track them.
 */
export function teacherForced(model: Seq2Seq, batch: Batch, params: Seq2SeqParams = model.params): TeacherForced {
  const enc = encode({ config: model.config, params }, batch.source, batch.sourceLengths);
  let state: DecoderState = initialState(enc);
  const T = batch.decoderInput[0]?.length ?? 0;
  const features: Tensor[] = [];
  const alphas: Tensor[] = [];
  const targets: number[] = [];
  for (let i = 0; i < T; i++) {
    const out = decoderStep(
      enc,
      state,
      batch.decoderInput.map((row) => row[i] ?? 0),
    );
    state = out.state;
    features.push(out.features);
    if (out.alpha !== undefined) alphas.push(out.alpha);
    for (const row of batch.target) targets.push(row[i] ?? 0);
  }
  const logits = readout(params, concat(features, 0));
  return { loss: tokenCrossEntropy(logits, targets), logits, alphas };
}
