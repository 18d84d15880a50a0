/** Grading a predict answer: pure, so the form and the tests agree on what counts as right. */
import { m } from '~lib/i18n/messages.ts';

/** A typed number read leniently: spaces, a Unicode minus and a decimal comma are fine; anything else is not. */
export function parseNumber(text: string): number | undefined {
  const t = text
    .trim()
    .replace(/\u2212/g, '-')
    .replace(/\s+/g, '');
  const normalised = /^-?\d+,\d+$/.test(t) ? t.replace(',', '.') : t;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalised)) return undefined;
  const x = Number(normalised);
  return Number.isFinite(x) ? x : undefined;
}

/** The outcome of grading one answer. */
export type Grade = { kind: 'invalid'; message: string } | { kind: 'graded'; correct: boolean };

/** |given − expected| ≤ tolerance, with a message instead of a grade when the text is not a number. */
export function gradeNumber(text: string, expected: number, tolerance: number): Grade {
  const given = parseNumber(text);
  if (given === undefined) return { kind: 'invalid', message: m.exercise_answer_type_number() };
  return { kind: 'graded', correct: Math.abs(given - expected) <= tolerance };
}

/** A chosen option against the right one; no choice yet is not a grade. */
export function gradeChoice(chosen: number | undefined, correct: number): Grade {
  if (chosen === undefined) return { kind: 'invalid', message: m.exercise_answer_choose() };
  return { kind: 'graded', correct: chosen === correct };
}

/** The index of the largest value (the first on ties): the right option of a "which weight is largest" pick. */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i;
  return best;
}
