/**
 * Runs `task` once the page has been loaded for `after` ms and the reader has not pressed, typed or edited for
 * `quietFor` ms, at the browser's next idle moment (or `idleTimeout` ms later at most). For background work that
 * competes with the reader for the CPU: on a 2-core machine, making the site's offline copy (about 500 files,
 * 22 MB) right at the load event slowed the first edits of a page by half (GRU cell, work p50 14.5 vs 9 ms).
 */
export interface QuietOptions {
  after: number;
  quietFor: number;
  idleTimeout: number;
}

/** What counts as the reader acting (scrolling and pointing do not: a reader reads that way). */
const activity = ['pointerdown', 'keydown', 'input'] as const;

export function whenQuiet(target: EventTarget, options: QuietOptions, task: () => void): void {
  let lastAct = Number.NEGATIVE_INFINITY;
  const onAct = () => {
    lastAct = performance.now();
  };
  for (const type of activity) target.addEventListener(type, onAct, { capture: true, passive: true });
  const check = () => {
    const wait = lastAct + options.quietFor - performance.now();
    if (wait > 0) {
      setTimeout(check, wait);
      return;
    }
    for (const type of activity) target.removeEventListener(type, onAct, { capture: true });
    // Not ~lib/ui/after-paint.ts whenBrowserIdle: every page registers the offline copy, and that import put the
    // widgets' idle helpers (0.5 KB gzipped) on pages without widgets (measured on /notation/, 2026-12-06).
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => task(), { timeout: options.idleTimeout });
    else task();
  };
  setTimeout(check, Math.max(options.after, options.quietFor));
}
