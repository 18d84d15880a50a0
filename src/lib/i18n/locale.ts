import type { Locale } from './paraglide/runtime.js';

/** The catalog's languages and the one pages are built in (from the inlang project, by src/build/i18n.ts). */
// Outside Vite (a Playwright helper importing src/lib in plain Node) nothing defines them: English alone.
const locales = (typeof __STEPWISE_LOCALES__ === 'undefined' ? ['en'] : __STEPWISE_LOCALES__) as readonly Locale[];
const baseLocale = (typeof __STEPWISE_BASE_LOCALE__ === 'undefined' ? 'en' : __STEPWISE_BASE_LOCALE__) as Locale;

/**
 * The language messages render in: one per document. On a page it is the page's `<html lang>` (what the
 * server rendered), read when a widget hydrates; an embed page's `?lang=` and a `<stepwise-widget lang>`
 * choose another with `useLocale`. Only languages the catalog has are taken; anything else resolves to the
 * page's own (today: English).
 */
let chosen: Locale | undefined;
/** `<html lang>` resolved once: it does not change while the page lives, and every message asks. */
let fromDocument: Locale | undefined;

export type { Locale };

/** The catalog's language for a BCP 47 tag: the exact locale, else the one with its primary subtag, else none. */
export function matchLocale(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  const exact = locales.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const primary = lower.split('-')[0];
  return locales.find((l) => l.toLowerCase() === primary);
}

/** The language of this document: the one chosen by `useLocale`, else `<html lang>`, else the catalog's base. */
export function pageLocale(): Locale {
  if (chosen) return chosen;
  if (typeof document === 'undefined') return baseLocale;
  fromDocument ??= matchLocale(document.documentElement.lang) ?? baseLocale;
  return fromDocument;
}

/** Renders messages in `tag`'s language from now on, if the catalog has it; returns the language in use. */
export function useLocale(tag: string | null | undefined): Locale {
  const found = matchLocale(tag);
  if (found) chosen = found;
  return pageLocale();
}

/** The catalog's base language: English pages, and the fallback for any message a language lacks. */
export const siteLocale: Locale = baseLocale;

/**
 * Server rendering only: the language the page being built renders its messages in (src/middleware.ts sets it
 * from the URL before each page; Astro builds one page at a time). In a browser the document decides instead.
 */
export function renderLocale(locale: Locale): void {
  // A catalog without the URL's language (the pseudo-locale build has en-XA and en) renders its base language.
  if (typeof document === 'undefined') chosen = matchLocale(locale) ?? baseLocale;
}

/** `<html lang>` for a catalog language: Chinese is written in simplified characters (zh-CN). */
export function htmlLang(locale: Locale): string {
  return locale === 'zh' ? 'zh-CN' : locale;
}
