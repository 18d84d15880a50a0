/** Training: optimizers, clipping, the seq2seq loss, one step, evaluation and the snapshot-exact Trainer. */

export { type StatefulRng, statefulRng } from '../random.ts';
export { clipByGlobalNorm } from './clip.ts';
export { softmaxCrossEntropy, softmaxCrossEntropyCpu, tokenCrossEntropy } from './cross-entropy.ts';
export { type Evaluation, evaluate } from './evaluate.ts';
export {
  type AdamOptions,
  copyOptimizerState,
  initOptimizer,
  type OptimizerConfig,
  type OptimizerState,
  optimizerStep,
  type SgdOptions,
} from './optimizers.ts';
export { type TeacherForced, teacherForced } from './seq2seq-loss.ts';
export { type StepReport, trainStep } from './step.ts';
export { Trainer, type TrainerConfig, type TrainerSnapshot, trainerModelConfig } from './trainer.ts';
