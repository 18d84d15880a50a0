import * as v from 'valibot';

/**
 * A reader's progress: which exercises are done, kept in this browser's localStorage under one key and never
 * sent anywhere. Pure functions over a Storage-like object, so tests need no browser.
 */

/** The localStorage key (versioned, so a later format can migrate instead of misreading). */
export const progressKey = 'stepwise:exercises:v1';

const entrySchema = v.object({
  kind: v.picklist(['predict', 'challenge', 'open']),
  /** When it was done (ISO time). */
  at: v.pipe(v.string(), v.maxLength(40)),
  /** Predict questions: whether the committed answer was right. */
  correct: v.optional(v.boolean()),
  /** Challenges: whether "Show me" was used before it was solved. */
  shown: v.optional(v.boolean()),
});

/** One done exercise. */
export type ProgressEntry = v.InferOutput<typeof entrySchema>;
/** Done exercises by id. */
export type Progress = Readonly<Record<string, ProgressEntry>>;

const progressSchema = v.record(v.pipe(v.string(), v.maxLength(100)), entrySchema);

/** The part of Storage progress needs. */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Reads progress; missing, unreadable or malformed data reads as none (it is only a convenience). */
export function readProgress(storage: ProgressStorage | undefined): Progress {
  try {
    const text = storage?.getItem(progressKey);
    if (!text) return {};
    const r = v.safeParse(progressSchema, JSON.parse(text));
    return r.success ? r.output : {};
  } catch {
    return {};
  }
}

/** Writes progress; false when the browser refused (private mode, quota). */
export function writeProgress(storage: ProgressStorage | undefined, progress: Progress): boolean {
  try {
    if (!storage) return false;
    if (Object.keys(progress).length === 0) storage.removeItem(progressKey);
    else storage.setItem(progressKey, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}

/** Progress with `id` marked done (an earlier entry is kept: the first time counts). */
export function withDone(progress: Progress, id: string, entry: ProgressEntry): Progress {
  return progress[id] ? progress : { ...progress, [id]: entry };
}

/** Progress without `id` (to try again). */
export function without(progress: Progress, id: string): Progress {
  const { [id]: _, ...rest } = progress;
  return rest;
}

/** The JSON a reader downloads: what is stored, plus when and from where, so it reads on its own. */
export function exportProgress(progress: Progress, now: Date, site: string): string {
  return `${JSON.stringify({ site, exported: now.toISOString(), key: progressKey, exercises: progress }, null, 2)}\n`;
}
