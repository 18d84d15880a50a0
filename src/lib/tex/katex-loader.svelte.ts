import type Katex from 'katex';
import { afterWidgetsReady } from '../ui/after-paint.ts';

type KatexApi = typeof Katex;

/**
 * KaTeX (~75 KB gzipped) is not part of a chapter's first JavaScript. The
 * build renders every formula into the HTML; in the browser KaTeX loads once
 * the page's widgets are ready and the main thread is idle (it is needed only
 * to re-typeset after an edit), or at once when a formula's TeX changes before then.
 * `module` is reactive: formulas rendered with `renderTex` re-render when it
 * arrives.
 */
class KatexLoader {
  #module = $state.raw<KatexApi | undefined>(undefined);
  #failure = $state<string | undefined>(undefined);
  #loading: Promise<KatexApi> | undefined;
  #scheduled = false;

  /** KaTeX once loaded (reactive), else undefined. */
  get module(): KatexApi | undefined {
    return this.#module;
  }

  /** Why KaTeX could not be loaded (reactive), if it could not. */
  get failure(): string | undefined {
    return this.#failure;
  }

  /** Loads KaTeX now (once); resolves with it. */
  load(): Promise<KatexApi> {
    this.#loading ??= import('katex').then(
      (m) => {
        this.#module = m.default;
        this.#failure = undefined;
        return m.default;
      },
      (e: unknown) => {
        this.#loading = undefined; // a later call may retry
        this.#failure = e instanceof Error ? e.message : String(e);
        throw e;
      },
    );
    return this.#loading;
  }

  /** Loads KaTeX once the page's widgets are ready and idle (the first call schedules it; later calls do nothing). */
  loadWhenWidgetsReady(): void {
    if (this.#scheduled || this.#module) return;
    this.#scheduled = true;
    afterWidgetsReady(() => void this.load().catch(() => {}));
  }
}

export const katexLoader = new KatexLoader();
