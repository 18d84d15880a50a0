import { readFileSync } from 'node:fs';
import { getCollection, getEntry, render } from 'astro:content';
import type { Locale } from '../i18n/locale.ts';
import { type Alternates, matchAnchors } from './alternates.ts';
import { byChapterOrder, type ChapterEntry, chapterRef, neighbours } from './chapters.ts';
import { behindReport, twinFreshness } from './freshness.ts';

/** An edition's chapters in reading order: English, or the Chinese twins that exist. */
export async function editionChapters(locale?: Locale): Promise<ChapterEntry[]> {
  const entries: ChapterEntry[] = locale === 'zh' ? await getCollection('chaptersZh') : await getCollection('chapters');
  return byChapterOrder(entries);
}

/**
 * The twins whose English source changed since they were translated (by id). The build logs them once, when
 * the Chinese pages' paths are made; each such page shows a notice linking to its English.
 */
async function twinsBehind(twins: readonly ChapterEntry[]): Promise<Set<string>> {
  const compared = [];
  for (const twin of twins) {
    const english = await getEntry('chapters', twin.id);
    if (!english?.filePath || !('translatedFrom' in twin.data)) continue;
    compared.push(twinFreshness(twin.id, twin.data.translatedFrom, readFileSync(english.filePath)));
  }
  const report = behindReport(compared, 'Chinese');
  if (report) console.warn(`[stepwise:freshness] ${report}`);
  return new Set(compared.filter((t) => t.behind).map((t) => t.id));
}

/** A chapter page in both languages: its URLs, and its heading ids' counterparts on the other one. */
async function chapterTwin(
  entry: ChapterEntry,
  locale?: Locale,
): Promise<{ alternates: Alternates; anchors: Record<string, string> }> {
  const en = chapterRef(entry.id).href;
  const other = locale === 'zh' ? await getEntry('chapters', entry.id) : await getEntry('chaptersZh', entry.id);
  if (!other) return { alternates: locale === 'zh' ? { zh: chapterRef(entry.id, 'zh').href } : { en }, anchors: {} };
  const [mine, theirs] = await Promise.all([render(entry), render(other)]);
  const alternates = { en, zh: chapterRef(entry.id, 'zh').href };
  return { alternates, anchors: matchAnchors(mine.headings, theirs.headings) };
}

/** getStaticPaths for an edition's chapter pages: one per chapter, with its neighbours for previous/next. */
export async function chapterPaths(locale?: Locale) {
  const all = await editionChapters(locale);
  const behind = locale ? await twinsBehind(all) : new Set<string>();
  return Promise.all(
    all.map(async (entry) => {
      const { prev, next } = neighbours(all, entry.id);
      const props = { entry, all, prev, next, behind: behind.has(entry.id), ...(await chapterTwin(entry, locale)) };
      return { params: { slug: chapterRef(entry.id).slug }, props };
    }),
  );
}
