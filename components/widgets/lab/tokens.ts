/**
 * The reader's typed input for the lab's tasks, as tokens: one digit or
 * one character per token for reverse, copy and dates; one word per token
 * for translation. Unknown tokens are named so the page can say which.
 */
import { taskByName } from '~engine/index.ts';
import { m } from '~lib/i18n/messages.ts';
import { taskLabel } from './labels.ts';
import type { LabTask } from './protocol.ts';

/** A typed input per task that the trained models can answer. */
export const defaultInputs: Readonly<Record<LabTask, string>> = {
  reverse: '31415926',
  copy: '27182818',
  dates: '21 Nov 2026',
  translate: 'the big red car sees the small dog',
};

/** Splits typed text into the task's tokens. */
export function tokenize(task: LabTask, text: string): string[] {
  if (task === 'translate') return text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (task === 'dates') return [...text.trim()];
  return [...text.replace(/[\s,]+/g, '')];
}

/** Tokens of `text`, or a message naming the tokens the task's vocabulary lacks. */
export function checkInput(
  task: LabTask,
  text: string,
  maxTokens = 40,
): { ok: true; tokens: string[] } | { ok: false; message: string } {
  const tokens = tokenize(task, text);
  if (tokens.length === 0) return { ok: false, message: m.widget_lab_input_empty() };
  if (tokens.length > maxTokens) {
    return { ok: false, message: m.widget_lab_input_too_long({ max: maxTokens, count: tokens.length }) };
  }
  const vocab = taskByName(task).source.tokens;
  const unknown = [...new Set(tokens.filter((t) => t.startsWith('<') || !vocab.includes(t)))];
  if (unknown.length > 0) {
    // The task's name as the picker shows it and the tokens (data, quoted) go in as parameters.
    const list = unknown.map((t) => `“${t}”`).join(m.part_list_separator());
    const name = taskLabel[task]();
    const message =
      task === 'translate'
        ? m.widget_lab_input_unknown_words({ task: name, list })
        : m.widget_lab_input_unknown_characters({ task: name, list });
    return { ok: false, message };
  }
  return { ok: true, tokens };
}

/** Tokens joined for display: words with spaces, characters as typed. */
export function joinTokens(task: LabTask, tokens: readonly string[]): string {
  return task === 'translate' ? tokens.join(' ') : tokens.join(task === 'dates' ? '' : ' ');
}
