import { valueAndGrad } from '../autodiff/tape.ts';
import type { Seq2Seq } from '../models/seq2seq.ts';
import type { Batch } from '../tasks/batch.ts';
import { clipByGlobalNorm } from './clip.ts';
import { type OptimizerConfig, type OptimizerState, optimizerStep } from './optimizers.ts';
import { teacherForced } from './seq2seq-loss.ts';

/** What one training step measured. */
export interface StepReport {
  /** Mean cross-entropy per target token before the update. */
  readonly loss: number;
  /** Global gradient norm before clipping. */
  readonly gradNorm: number;
  readonly clipped: boolean;
  /** True when the loss or gradient was not finite: the update was refused and the model kept. */
  readonly skipped: boolean;
}

/**
 * Wraps each training step where training registers it (train/step-arena.ts, through train/fast-kernels.ts: the
 * kernels' output buffers are reused from step to step); unset, a step just runs.
 */
export const stepScope: { around?: <T>(step: () => T) => T } = {};

/**
 * One step: teacher-forced loss on `batch` → gradients → clip by global
 * norm (when `clip` is given) → optimizer update. Pure: returns the new
 * model and optimizer state and leaves the given ones as they were.
 */
export function trainStep(
  model: Seq2Seq,
  batch: Batch,
  optimizer: OptimizerConfig,
  state: OptimizerState,
  clip?: number,
): { model: Seq2Seq; state: OptimizerState; report: StepReport } {
  const run = () => stepOnce(model, batch, optimizer, state, clip);
  return stepScope.around === undefined ? run() : stepScope.around(run);
}

function stepOnce(
  model: Seq2Seq,
  batch: Batch,
  optimizer: OptimizerConfig,
  state: OptimizerState,
  clip?: number,
): { model: Seq2Seq; state: OptimizerState; report: StepReport } {
  const { value, grads } = valueAndGrad((p) => teacherForced(model, batch, p), model.params);
  const loss = value.loss.values()[0] as number;
  const c = clipByGlobalNorm(grads, clip ?? Number.POSITIVE_INFINITY);
  if (!Number.isFinite(loss) || !Number.isFinite(c.norm)) {
    return { model, state, report: { loss, gradNorm: c.norm, clipped: false, skipped: true } };
  }
  const next = optimizerStep(optimizer, model.params, c.grads, state);
  return {
    model: { config: model.config, params: next.params },
    state: next.state,
    report: { loss, gradNorm: c.norm, clipped: c.clipped, skipped: false },
  };
}
