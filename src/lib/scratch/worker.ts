/// <reference lib="webworker" />
/**
 * The scratchpads' worker: mathjs lives here, not on the page. Building its instance took 375–422 ms of one
 * main-thread task on this machine (bench/profile-edit.ts on /memory/, 2026-12-06), which landed while a reader
 * scrolled a widget with a scratchpad into view and froze the page that long; each evaluation after it ran in the
 * frame after an edit as well. Requests carry the page's language, so the messages come back in it.
 */

import { useLocale } from '../i18n/locale.ts';
import { evaluateScratch } from './math.ts';
import type { ScratchAnswer, ScratchRequest } from './port.ts';

self.addEventListener('message', (e: MessageEvent<ScratchRequest>) => {
  const { id, locale, expression, scope } = e.data;
  useLocale(locale);
  const answer: ScratchAnswer = { id, result: evaluateScratch(expression, scope) };
  self.postMessage(answer);
});
