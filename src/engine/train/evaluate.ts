import type { Seq2Seq } from '../models/seq2seq.ts';
import { greedyDecode } from '../models/seq2seq-decode.ts';
import { statefulRng } from '../random.ts';
import { sampleBatch } from '../tasks/batch.ts';
import { type Accuracy, accuracy, accuracyByPosition, type PositionAccuracy } from '../tasks/metrics.ts';
import type { Example, Task } from '../tasks/task.ts';

/** Accuracy overall, per input size and per output position, with a few decoded examples to show. */
export interface Evaluation {
  readonly overall: Accuracy;
  readonly bySize: { size: number; accuracy: Accuracy }[];
  /** Token accuracy at output position k + 1, over every example of every size. */
  readonly byPosition: PositionAccuracy[];
  readonly samples: { example: Example; predicted: string[] }[];
}

/**
 * Greedy-decodes `count` fresh examples of each size in `sizes` (drawn
 * from `seed`, independent of training) and scores them.
 */
export function evaluate(
  model: Seq2Seq,
  task: Task,
  options: {
    readonly sizes: readonly number[];
    readonly count: number;
    readonly seed: number;
    readonly maxLength?: number;
  },
): Evaluation {
  const rng = statefulRng(options.seed).next;
  const all: { example: Example; predicted: string[] }[] = [];
  const bySize = options.sizes.map((size) => {
    const batch = sampleBatch(task, rng, options.count, size);
    const longest = Math.max(...batch.examples.map((e) => e.target.length));
    const decoded = greedyDecode(model, batch.source, options.maxLength ?? longest + 2, batch.sourceLengths);
    const rows = batch.examples.map((example, k) => ({
      example,
      predicted: task.target.decode(decoded[k]?.ids ?? []),
    }));
    all.push(...rows);
    return {
      size,
      accuracy: accuracy(
        rows.map((r) => r.predicted),
        rows.map((r) => r.example.target),
      ),
    };
  });
  const predicted = all.map((r) => r.predicted);
  const targets = all.map((r) => r.example.target);
  return {
    overall: accuracy(predicted, targets),
    bySize,
    byPosition: accuracyByPosition(predicted, targets),
    samples: all.slice(0, 8),
  };
}
