/**
 * Time to 95 %: the first of the lab's evaluations (every 25 steps) at which
 * a model's exact-sequence accuracy reached the mark, with the training steps
 * and the seconds that model had spent in its own steps by then. Read from
 * the evaluations the worker sent, so the words always match the chart.
 */
import { m } from '~lib/i18n/messages.ts';
import { formatNumber } from '~lib/ui/format.ts';

/** The exact-sequence accuracy the lab's comparison reports the time to. */
export const REACH_MARK = 0.95;

/** What one evaluation says about one model: its step, its accuracy and its training seconds so far. */
export interface ReachSample {
  readonly step: number;
  readonly sequence: number;
  readonly seconds: number;
}

/** The first evaluation at which a model reached the mark. */
export interface Reach {
  readonly step: number;
  readonly seconds: number;
}

/** The first sample (in step order) with sequence accuracy ≥ `mark`, or undefined if none has. */
export function firstReach(samples: readonly ReachSample[], mark = REACH_MARK): Reach | undefined {
  const sorted = [...samples].sort((a, b) => a.step - b.step);
  const hit = sorted.find((s) => s.sequence >= mark);
  return hit === undefined ? undefined : { step: hit.step, seconds: hit.seconds };
}

/** The mark as the lab writes it, e.g. `95%`. */
export const markText = (mark = REACH_MARK): string => `${formatNumber(100 * mark, 0)}%`;

/**
 * Words for one model's time to the mark, e.g. "95% at step 125, after 13.0 s";
 * weights loaded already past it say so (their seconds were spent elsewhere).
 */
export function reachText(reach: Reach | undefined, trainedBefore: number, mark = REACH_MARK): string {
  const pct = markText(mark);
  if (reach === undefined) return m.widget_training_lab_reach_not_yet({ mark: pct });
  if (reach.step <= trainedBefore) return m.widget_training_lab_reach_as_loaded({ mark: pct, step: reach.step });
  return m.widget_training_lab_reach_at({ mark: pct, step: reach.step, seconds: formatNumber(reach.seconds, 1) });
}
