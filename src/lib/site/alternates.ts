import type { Locale } from '../i18n/locale.ts';

/**
 * A page's versions in each language (URL paths), for `<link rel="alternate" hreflang>` and the language switch.
 * Only languages the page really exists in are listed.
 */
export type Alternates = Partial<Record<Locale, string>>;

/** A page that exists in both editions (the Chinese one under /zh/): its alternates. */
export function bothEditions(path: string): Alternates {
  return { en: path, zh: `/zh${path}` };
}

/** The edition a language switch on a `locale` page leads to (two languages: the other one). */
export function otherLocale(locale: Locale): Locale {
  return locale === 'zh' ? 'en' : 'zh';
}

/** A heading's depth and id, as Astro's render() lists them. */
export interface HeadingRef {
  depth: number;
  slug: string;
}

/**
 * Each of this page's heading ids and the id of the same heading on its twin, so the language switch keeps the
 * reader's place: `#the-two-gates` → `#两个门`. A translation keeps the English headings one for one; when the two
 * lists differ in length or depth the pairing would be a guess, so there is none (the switch opens the page's
 * top). Ids equal in both (exercises, widgets) need no entry.
 */
export function matchAnchors(mine: readonly HeadingRef[], theirs: readonly HeadingRef[]): Record<string, string> {
  if (mine.length !== theirs.length || mine.some((h, i) => h.depth !== theirs[i]?.depth)) return {};
  const pairs = mine.map((h, i) => [h.slug, theirs[i]?.slug ?? h.slug] as const).filter(([a, b]) => a !== b);
  return Object.fromEntries(pairs);
}
