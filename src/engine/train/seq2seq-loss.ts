import { type DecoderState, decoderStep, encode, initialState, readout, type Seq2Seq } from '../models/seq2seq.ts';
import type { Seq2SeqParams } from '../models/seq2seq-params.ts';
import { transformerDecode, transformerEncode } from '../models/transformer-seq2seq.ts';
import { concat } from '../ops/concat.ts';
import { reshape } from '../ops/reshape.ts';
import { slice } from '../ops/slice.ts';
import type { Batch } from '../tasks/batch.ts';
import type { Tensor } from '../tensor.ts';
import { tokenCrossEntropy } from './cross-entropy.ts';

/**
 * The Transformer's teacher forcing: every target position in one decoder
 * pass (the causal mask hides the future). Logit rows are example-major
 * here (row b·T + i), and the targets follow the same order; α per step is
 * the last layer's head-averaged cross-attention.
 */
function transformerForced(model: Seq2Seq, batch: Batch): TeacherForced {
  const enc = transformerEncode(model, batch.source, batch.sourceLengths);
  const { logits, cross } = transformerDecode(model, enc, batch.decoderInput);
  const [B, T, n] = cross.shape as [number, number, number];
  const alphas = Array.from({ length: T }, (_, i) => reshape(slice(cross, [0, i, 0], [B, 1, n]), [B, n]));
  return { loss: tokenCrossEntropy(logits, batch.target.flat()), logits, alphas };
}

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
  if (model.config.attention === 'transformer') return transformerForced({ config: model.config, params }, batch);
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
