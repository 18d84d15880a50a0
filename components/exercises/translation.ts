import type { exerciseUi } from './catalog.ts';
import type { ChapterExercises, Exercise, Says } from './schema.ts';

/**
 * A chapter's exercises in another language: `content/NN-slug/exercises.<locale>.ts` gives, per exercise id,
 * the reader's text only. Ids, answers, checks and every number stay in the English exercises.ts (the
 * definition); the type below is derived from it, so a missing or extra id, a different number of options or
 * hints, or a sentence whose name or parameters differ fails typecheck.
 */

/** A string for each entry of `T`, keeping its length (options are answered by index, so their order too). */
type SameLength<T extends readonly unknown[]> = { readonly [K in keyof T]: string };

interface PredictText {
  readonly title: string;
  readonly question: string;
  readonly explanation: string;
}

/** The text a translation gives for exercise `E`. */
export type TextOf<E> = E extends { kind: 'predict'; answer: { options: infer O extends readonly string[] } }
  ? PredictText & { readonly options: SameLength<O> }
  : E extends { kind: 'predict' }
    ? PredictText
    : E extends { kind: 'challenge'; hints: infer H extends readonly string[]; says: infer S }
      ? {
          readonly title: string;
          readonly task: string;
          readonly hints: SameLength<H>;
          readonly explanation: string;
        } & (keyof S extends never ? unknown : { readonly says: S })
      : { readonly title: string; readonly question: string; readonly modelAnswer: string };

/** A chapter's translation: the text of every exercise its English file declares, by id. */
export type ChapterText<C extends ChapterExercises> = {
  readonly [E in C['exercises'][number] as E['id']]: TextOf<E>;
};

/** The shape every exercise's text has, whatever its kind (what `translated` reads). */
interface AnyText {
  readonly title: string;
  readonly question?: string;
  readonly options?: readonly string[];
  readonly explanation?: string;
  readonly task?: string;
  readonly hints?: readonly string[];
  readonly says?: Says;
  readonly modelAnswer?: string;
}

/** An English exercises.ts as a module: its exercises, and any figures it exports for its translations. */
export interface ExerciseModule {
  readonly default: ChapterExercises;
}

/**
 * A chapter's translation, or a function that makes it from the English module's exports (figures the
 * English text computes, such as a model's output): taken as an argument, not imported, so an English page
 * never loads a chunk split off for the translation's sake. A translation file imports only types from here
 * and from its English file: `import type * as en from './exercises.ts'`, then
 * `const zh: Translation<typeof en> = { … }; export default zh;`. The exercises' own words (the Set up
 * button's name) come as the argument `ui` (catalog.ts `exerciseUi`), not by importing their messages.
 */
export type Translation<M extends ExerciseModule> =
  | ChapterText<M['default']>
  | ((en: M, ui: typeof exerciseUi) => ChapterText<M['default']>);

/** One exercise with its text replaced; an exercise the translation lacks stays English. */
export function translatedExercise(e: Exercise, text: AnyText | undefined): Exercise {
  if (text === undefined) return e;
  switch (e.kind) {
    case 'predict': {
      const { question = e.question, explanation = e.explanation, options } = text;
      const answer = options && e.answer.type !== 'number' ? { ...e.answer, options } : e.answer;
      return { ...e, title: text.title, question, explanation, answer };
    }
    case 'challenge': {
      const { task = e.task, hints = e.hints, explanation = e.explanation, says = e.says } = text;
      return { ...e, title: text.title, task, hints, explanation, says } as typeof e;
    }
    default: {
      const { question = e.question, modelAnswer = e.modelAnswer } = text;
      return { ...e, title: text.title, question, modelAnswer };
    }
  }
}

/** A chapter with a translation applied (the English chapter itself when there is none). */
export function translatedChapter(
  en: ExerciseModule,
  text: Translation<ExerciseModule> | undefined,
  ui: typeof exerciseUi,
): ChapterExercises {
  if (text === undefined) return en.default;
  const byId = (typeof text === 'function' ? text(en, ui) : text) as Readonly<Record<string, AnyText | undefined>>;
  return { ...en.default, exercises: en.default.exercises.map((e) => translatedExercise(e, byId[e.id])) };
}

/** Every chapter's translations (`exercises.zh.ts` beside `exercises.ts`), each loaded only on a page in its language. */
const texts = import.meta.glob<{ default: Translation<ExerciseModule> }>('../../content/*/exercises.*.ts');

/** `../../content/05-lstm/exercises.ts` in `zh` → `../../content/05-lstm/exercises.zh.ts`. */
export function translationPath(englishPath: string, locale: string): string {
  return englishPath.replace(/\.ts$/, `.${locale}.ts`);
}

/** Every translation file, by path (for tests). */
export const translationPaths: readonly string[] = Object.keys(texts);

/** The English chapter `en` (loaded from `englishPath`) in `locale`, where it has a translation; else in English. */
export async function translated(
  en: ExerciseModule,
  englishPath: string,
  locale: string,
  ui: typeof exerciseUi,
): Promise<ChapterExercises> {
  const load = texts[translationPath(englishPath, locale)];
  return load ? translatedChapter(en, (await load()).default, ui) : en.default;
}
