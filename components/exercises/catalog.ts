import { pageLocale, siteLocale } from '~lib/i18n/locale.ts';
import { m } from '~lib/i18n/messages.ts';
import type { ChapterExercises, Exercise } from './schema.ts';

/**
 * Every chapter's exercises.ts, loaded only when asked: an exercise on a page pulls in its own chapter's
 * module (which shares the state classes its widgets already loaded), never the whole site's.
 */
const modules = import.meta.glob<{ default: ChapterExercises }>('../../content/*/exercises.ts');

/** `../../content/05-lstm/exercises.ts` → `lstm`. */
export function slugOfPath(path: string): string {
  const folder = path.split('/').at(-2) ?? '';
  return /^\d+-(.+)$/.exec(folder)?.[1] ?? folder;
}

/**
 * The exercises' own words a translation may name (the Set up button), handed to it from here: a translation
 * that imported the message would split it out of this island into a chunk English pages fetch too. Named one
 * by one, never as the whole catalog `m`, which would keep every message in the bundle.
 */
export const exerciseUi = { setUp: m.exercise_challenge_set_up };

const loaders = new Map(Object.entries(modules).map(([path, load]) => [slugOfPath(path), load]));
/** Each chapter's exercises.ts by slug: a translation sits beside it (`exercises.zh.ts`). */
const paths = new Map(Object.keys(modules).map((path) => [slugOfPath(path), path]));

/** The chapter an exercise id belongs to: the longest slug it starts with (`self-attention-…`, not `self-…`). */
export function chapterOfId(id: string, slugs: Iterable<string> = loaders.keys()): string | undefined {
  let best: string | undefined;
  for (const s of slugs) if (id.startsWith(`${s}-`) && s.length > (best?.length ?? 0)) best = s;
  return best;
}

/**
 * Loads one chapter's exercises (undefined when it has none), in `locale` (the page's language) where the
 * chapter has a translation for it, else in English.
 */
export async function loadChapter(slug: string, locale: string = pageLocale()): Promise<ChapterExercises | undefined> {
  const load = loaders.get(slug);
  const path = paths.get(slug);
  if (!load || path === undefined) return undefined;
  if (locale === siteLocale) return (await load()).default;
  // Only a page in another language loads the translations' table and the code that applies one.
  const [en, { translated }] = await Promise.all([load(), import('./translation.ts')]);
  return translated(en, path, locale, exerciseUi);
}

/** Loads the exercise with this id in `locale`, or undefined. */
export async function loadExercise(id: string, locale: string = pageLocale()): Promise<Exercise | undefined> {
  const slug = chapterOfId(id);
  if (slug === undefined) return undefined;
  return (await loadChapter(slug, locale))?.exercises.find((e) => e.id === id);
}

/** Every chapter that has exercises, loaded in `locale` (for the progress page's build and for tests). */
export async function loadAll(locale: string = pageLocale()): Promise<ChapterExercises[]> {
  return Promise.all([...loaders.keys()].map(async (slug) => (await loadChapter(slug, locale)) as ChapterExercises));
}
