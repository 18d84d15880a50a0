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

const loaders = new Map(Object.entries(modules).map(([path, load]) => [slugOfPath(path), load]));

/** The chapter an exercise id belongs to: the longest slug it starts with (`self-attention-…`, not `self-…`). */
export function chapterOfId(id: string, slugs: Iterable<string> = loaders.keys()): string | undefined {
  let best: string | undefined;
  for (const s of slugs) if (id.startsWith(`${s}-`) && s.length > (best?.length ?? 0)) best = s;
  return best;
}

/** Loads one chapter's exercises (undefined when it has none). */
export async function loadChapter(slug: string): Promise<ChapterExercises | undefined> {
  const load = loaders.get(slug);
  return load ? (await load()).default : undefined;
}

/** Loads the exercise with this id, or undefined. */
export async function loadExercise(id: string): Promise<Exercise | undefined> {
  const slug = chapterOfId(id);
  if (slug === undefined) return undefined;
  return (await loadChapter(slug))?.exercises.find((e) => e.id === id);
}

/** Every chapter that has exercises, loaded (for the progress page's build and for tests). */
export async function loadAll(): Promise<ChapterExercises[]> {
  return Promise.all([...loaders.keys()].map(async (slug) => (await loadChapter(slug)) as ChapterExercises));
}
