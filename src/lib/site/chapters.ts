import type { CollectionEntry } from 'astro:content';
import type { Locale } from '../i18n/locale.ts';

/** The URL prefix of each language's pages: English at the root, Chinese under /zh/. */
const localePrefix: Readonly<Record<Locale, string>> = { en: '', zh: '/zh' };

/**
 * The edition Astro's i18n routing found in a page's URL (`Astro.currentLocale`: 'zh' under /zh/, else the default
 * 'en'), or undefined for the base language's pages, whose messages render in the catalog's base language (English;
 * the pseudo-locale in a pseudo build).
 */
export function editionOf(currentLocale: string | undefined): Locale | undefined {
  return (Object.keys(localePrefix) as Locale[]).find((l) => localePrefix[l] && l === currentLocale);
}

/** A site path (`/gru/`, `/`) in `locale`'s edition: `/zh/gru/`, `/zh/`. */
export function localePath(path: string, locale: Locale | undefined): string {
  return `${locale ? localePrefix[locale] : ''}${path}`;
}

/** A chapter page's entry in either edition (the Chinese schema adds `translatedFrom`). */
export type ChapterEntry = CollectionEntry<'chapters'> | CollectionEntry<'chaptersZh'>;

/** What the site needs to know about a chapter folder to order and link it. */
export interface ChapterRef {
  id: string;
  slug: string;
  order: number;
  href: string;
}

/**
 * Splits a chapter folder name like `02-memory` into its order (2) and slug
 * (`memory`). Folders without a number sort last, so a typo shows up at the
 * end of the contents instead of vanishing.
 */
export function chapterRef(id: string, locale?: Locale): ChapterRef {
  const match = /^(\d+)-(.+)$/.exec(id);
  const order = match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
  const slug = match?.[2] ?? id;
  return { id, slug, order, href: localePath(`/${slug}/`, locale) };
}

/** Sorts entries by their folder number, then by id for a stable order. */
export function byChapterOrder<T extends { id: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => chapterRef(a.id).order - chapterRef(b.id).order || a.id.localeCompare(b.id));
}

/** The entries either side of `id` in chapter order (for previous/next links). */
export function neighbours<T extends { id: string }>(sorted: readonly T[], id: string): { prev?: T; next?: T } {
  const i = sorted.findIndex((e) => e.id === id);
  if (i < 0) return {};
  return { prev: sorted[i - 1], next: sorted[i + 1] };
}

/**
 * Printed chapter numbers, counted in folder order over the entries marked
 * `numbered`, so adding a chapter never means renumbering the others by hand.
 */
export function chapterNumbers<T extends { id: string; data: { numbered?: boolean } }>(
  sorted: readonly T[],
): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const e of sorted) if (e.data.numbered) numbers.set(e.id, numbers.size + 1);
  return numbers;
}
