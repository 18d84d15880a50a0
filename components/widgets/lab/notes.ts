/**
 * The lab's status sentences, built from what the worker reported (the state class keeps the numbers; the
 * words live here, in the page's language).
 */
import { m } from '~lib/i18n/messages.ts';
import type { LabTask } from './protocol.ts';

/**
 * After "Find where greedy and beam differ": the example that made them disagree, or how many agreed. Sizes
 * count digits or noun phrases; dates have one size, so theirs is not said.
 */
export function disagreementNote(task: LabTask, found: boolean, tried: number, size: number): string {
  if (found) {
    if (task === 'dates') return m.widget_training_lab_disagree_found({ tried });
    if (task === 'translate') return m.widget_training_lab_disagree_found_phrases({ tried, size });
    return m.widget_training_lab_disagree_found_digits({ tried, size });
  }
  if (task === 'dates') return m.widget_training_lab_disagree_none({ tried });
  if (task === 'translate') return m.widget_training_lab_disagree_none_phrases({ tried, size });
  return m.widget_training_lab_disagree_none_digits({ tried, size });
}

/** After weights were loaded: where from, what the file says it is, and how long it was trained. */
export function loadedNote(origin: string, about: string, steps: number): string {
  if (about && steps > 0) return m.widget_training_lab_loaded_about_trained({ origin, about, steps });
  if (about) return m.widget_training_lab_loaded_about({ origin, about });
  if (steps > 0) return m.widget_training_lab_loaded_trained({ origin, steps });
  return m.widget_training_lab_loaded({ origin });
}
