import { getCollection } from 'astro:content';
import type { Locale } from '../i18n/locale.ts';
import { byChapterOrder, type ChapterEntry, chapterRef, neighbours } from './chapters.ts';

/** An edition's chapters in reading order: English, or the Chinese twins that exist. */
export async function editionChapters(locale?: Locale): Promise<ChapterEntry[]> {
  const entries: ChapterEntry[] = locale === 'zh' ? await getCollection('chaptersZh') : await getCollection('chapters');
  return byChapterOrder(entries);
}

/** getStaticPaths for an edition's chapter pages: one per chapter, with its neighbours for previous/next. */
export async function chapterPaths(locale?: Locale) {
  const all = await editionChapters(locale);
  return all.map((entry) => {
    const { prev, next } = neighbours(all, entry.id);
    return { params: { slug: chapterRef(entry.id).slug }, props: { entry, all, prev, next } };
  });
}
