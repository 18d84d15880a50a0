import { whenBrowserIdle } from '~lib/ui/after-paint.ts';

/**
 * How long a run of edits must pause before off-screen views catch up. A reader dragging or typing sends an edit
 * every frame or few; an idle period between two of them is not the end of the run, and a catch-up started there
 * (a picture, a typeset formula and a chart redrawn at once: 40–70 ms on /gru/, profiled) delayed the next edit's
 * frame by that much (the p95 of a GRU weight edit) and was a long task while dragging (issue 16).
 */
export const QUIET_MS = 250;

/**
 * Runs `fn` once no call has re-armed it for `quietMs` and the browser is then idle (at the latest `idleMs` after
 * the quiet period). Returns a cancel: the caller cancels and re-arms on each change (an effect's cleanup), so `fn`
 * runs once, after the last change of a run. So `fn` follows the last change within about `quietMs + idleMs`.
 */
export function whenQuietThenIdle(fn: () => void, quietMs = QUIET_MS, idleMs = 250): () => void {
  let cancelIdle: (() => void) | undefined;
  const timer = setTimeout(() => {
    cancelIdle = whenBrowserIdle(fn, idleMs);
  }, quietMs);
  return () => {
    clearTimeout(timer);
    cancelIdle?.();
  };
}
