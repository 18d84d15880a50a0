/**
 * Digit-string tasks: reverse ("1 2 3" → "3 2 1": the first output needs
 * the last input, so the alignment is the anti-diagonal) and copy (the
 * diagonal). One token per digit.
 */
import type { Rng } from '../random.ts';
import { randInt, type Task } from './task.ts';
import { makeVocab } from './vocab.ts';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

function digitTask(name: string, solve: (s: readonly string[]) => string[]): Task {
  const vocab = makeVocab(DIGITS);
  return {
    name,
    source: vocab,
    target: vocab,
    sample: (rng: Rng, size: number) => {
      const source = Array.from({ length: size }, () => DIGITS[randInt(rng, 0, 9)] as string);
      return { source, target: solve(source) };
    },
    solve,
  };
}

/** Reverse a digit string of the requested length. */
export function reverseTask(): Task {
  return digitTask('reverse', (s) => [...s].reverse());
}

/** Copy a digit string of the requested length. */
export function copyTask(): Task {
  return digitTask('copy', (s) => [...s]);
}
