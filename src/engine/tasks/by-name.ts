import { dateTask } from './dates.ts';
import { copyTask, reverseTask } from './digits.ts';
import type { Task } from './task.ts';
import { translateTask } from './translate.ts';

/** The tasks the lab offers, by the name a trainer's config (and a URL) uses. */
export type TaskName = 'reverse' | 'copy' | 'dates' | 'translate';

const MAKERS: Record<TaskName, () => Task> = {
  reverse: reverseTask,
  copy: copyTask,
  dates: dateTask,
  translate: translateTask,
};

/** The task called `name`; throws listing the names on an unknown one. */
export function taskByName(name: TaskName): Task {
  const make = MAKERS[name];
  if (make === undefined)
    throw new RangeError(`unknown task "${name}"; expected one of ${Object.keys(MAKERS).join(', ')}`);
  return make();
}
