import type { Exercise } from './schema.ts';

/**
 * What of an exercise survives being rendered at build time and handed to its island as props: every string,
 * number and state, none of its functions (the answers, the check, the sentences it says). The page shows the
 * exercise whole from the first paint, so nothing below it moves when its island loads the real one, and a
 * reader without JavaScript reads the question.
 */
export type Preview<T> = T extends (...args: never[]) => unknown
  ? unknown
  : T extends object
    ? { readonly [K in keyof T]: Preview<T[K]> }
    : T;

export type ExercisePreview = Preview<Exercise>;

/** The exercise without its functions: exactly what Astro can serialise into the island's props. */
export function previewOf(exercise: Exercise): ExercisePreview {
  return JSON.parse(JSON.stringify(exercise)) as ExercisePreview;
}
