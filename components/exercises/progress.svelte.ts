import {
  type Progress,
  type ProgressEntry,
  type ProgressStorage,
  progressKey,
  readProgress,
  withDone,
  without,
  writeProgress,
} from './progress-store.ts';

function browserStorage(): ProgressStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage can throw on access when the browser blocks it (sandboxed frames, some privacy settings).
    return undefined;
  }
}

/**
 * The page's one view of the reader's progress, shared by every exercise island (one module instance per page),
 * read from localStorage on first use and kept in step with other tabs through the `storage` event.
 */
class ProgressStore {
  #progress = $state.raw<Progress>({});
  #saved = $state(true);

  constructor() {
    // Read when the module first loads in the browser (not on first read: a read may happen inside a $derived,
    // where writing state is not allowed). On the server there is no storage and nothing is done.
    if (typeof window === 'undefined') return;
    this.#progress = readProgress(browserStorage());
    window.addEventListener('storage', (e) => {
      if (e.key === progressKey || e.key === null) this.#progress = readProgress(browserStorage());
    });
  }

  /** Every done exercise by id. */
  get all(): Progress {
    return this.#progress;
  }

  /** False after the browser refused to store (then progress lasts only as long as the page). */
  get saved(): boolean {
    return this.#saved;
  }

  /** The entry for `id`, if it is done. */
  get(id: string): ProgressEntry | undefined {
    return this.all[id];
  }

  /** Marks `id` done (the first time counts). */
  done(id: string, entry: ProgressEntry): void {
    this.#set(withDone(this.all, id, entry));
  }

  /** Forgets `id`, to try it again. */
  forget(id: string): void {
    this.#set(without(this.all, id));
  }

  /** Forgets everything. */
  reset(): void {
    this.#set({});
  }

  #set(next: Progress): void {
    this.#progress = next;
    this.#saved = writeProgress(browserStorage(), next);
  }
}

/** The reader's progress on this page. */
export const progress = new ProgressStore();
