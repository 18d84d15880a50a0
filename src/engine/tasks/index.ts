/** Seq2seq tasks generated from a seed: digit reversal and copy, date normalization, English → French. */
export { type Batch, sampleBatch, toBatch } from './batch.ts';
export { type TaskName, taskByName } from './by-name.ts';
export { DATE_FORMATS, dateTask, daysIn, formatDate } from './dates.ts';
export { copyTask, reverseTask } from './digits.ts';
export { type Accuracy, accuracy, accuracyByLength, accuracyByPosition, type PositionAccuracy } from './metrics.ts';
export { type Example, pick, randInt, type Task } from './task.ts';
export { toFrench, translateTask } from './translate.ts';
export { EOS, makeVocab, PAD, SOS, type Vocab } from './vocab.ts';
