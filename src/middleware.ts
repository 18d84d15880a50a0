import { defineMiddleware } from 'astro:middleware';
import { renderLocale, siteLocale } from '~lib/i18n/locale.ts';
import { editionOf } from '~lib/site/chapters.ts';

/**
 * Every page renders its messages in the language its URL says (/zh/… Chinese, the rest English; Astro's i18n
 * routing reads the URL, astro.config.mjs `i18n`), set before the page renders: server-side, messages ask
 * src/lib/i18n/locale.ts, which has no document to read.
 */
export const onRequest = defineMiddleware((context, next) => {
  renderLocale(editionOf(context.currentLocale) ?? siteLocale);
  return next();
});
