import { createHash } from 'node:crypto';

/**
 * Whether a translated chapter still follows its English source. A twin's front matter records
 * `translatedFrom`: the first 12 hex digits of the sha256 of the English index.mdx it was translated from
 * (`sha256sum content/04-gru/index.mdx | cut -c1-12`). Server-side only (node:crypto).
 */

/** The 12-digit hash a twin records for an English file's bytes, as `sha256sum … | cut -c1-12` prints it. */
export function sourceHash(source: string | Uint8Array): string {
  return createHash('sha256').update(source).digest('hex').slice(0, 12);
}

/** One twin compared with its English source now. */
export interface TwinFreshness {
  id: string;
  translatedFrom: string;
  /** The English file's hash today. */
  current: string;
  /** True when the English has changed since the twin was translated. */
  behind: boolean;
}

/** Compares a twin's `translatedFrom` with the hash of its English source's current bytes. */
export function twinFreshness(id: string, translatedFrom: string, englishSource: string | Uint8Array): TwinFreshness {
  const current = sourceHash(englishSource);
  return { id, translatedFrom, current, behind: current !== translatedFrom.toLowerCase() };
}

/** The build's line about twins that are behind, or undefined when every twin is up to date. */
export function behindReport(twins: readonly TwinFreshness[], language: string): string | undefined {
  const behind = twins.filter((t) => t.behind);
  if (behind.length === 0) return undefined;
  const list = behind.map((t) => `${t.id} (translatedFrom ${t.translatedFrom}, English now ${t.current})`);
  return `${behind.length} ${language} page(s) behind their English: ${list.join('; ')}`;
}
