import { defineMiddleware } from 'astro:middleware';
import { renderLocale, siteLocale } from '~lib/i18n/locale.ts';
import { localeOfPath } from '~lib/site/chapters.ts';

/**
 * Every page renders its messages in the language its URL says (/zh/… Chinese, the rest English), set before
 * the page renders: server-side, messages ask src/lib/i18n/locale.ts, which has no document to read.
 */
export const onRequest = defineMiddleware((context, next) => {
  renderLocale(localeOfPath(context.url.pathname) ?? siteLocale);
  return next();
});
