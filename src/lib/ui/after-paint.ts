/**
 * Runs `fn` once the page has painted its first frame (the frame after the
 * next animation frame), so a chunk loaded from there never delays the
 * server HTML's first paint or the islands' hydration. Returns a cancel
 * function. Hidden tabs skip animation frames; a timeout stands in for them.
 */
export function afterFirstPaint(fn: () => void): () => void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(run, 0);
  });
  const fallback = setTimeout(run, 500);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    clearTimeout(fallback);
  };
}

/** Runs `fn` after the next frame is painted (the same schedule, at any time): work the reader can wait a frame for. */
export const afterNextPaint = afterFirstPaint;

/**
 * Runs `fn` in the next frame's animation callbacks, i.e. the frame after the one being prepared now: what it
 * changes paints one frame after the current update (a chart after the numbers it draws). Hidden tabs skip
 * animation frames; a timeout stands in for them. Returns a cancel function.
 */
export function inFrameAfterNext(fn: () => void): () => void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  let second: number | undefined;
  const first = requestAnimationFrame(() => {
    second = requestAnimationFrame(run);
  });
  const fallback = setTimeout(run, 500);
  return () => {
    done = true;
    cancelAnimationFrame(first);
    if (second !== undefined) cancelAnimationFrame(second);
    clearTimeout(fallback);
  };
}

/**
 * Runs `fn` once the browser is idle (at the latest after `timeoutMs`); returns a cancel. Safari has no
 * requestIdleCallback: a short timeout stands in for it.
 */
export function whenBrowserIdle(fn: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const idle = requestIdleCallback(fn, { timeout: timeoutMs });
    return () => cancelIdleCallback(idle);
  }
  const timer = setTimeout(fn, 200);
  return () => clearTimeout(timer);
}

/**
 * Runs `fn` once the page has loaded, every widget in the document carries data-ready and the main thread is
 * idle: for chunks a reader needs only later (KaTeX re-typesets a formula after an edit; the server drew the
 * first one), so they never compete with what the widgets need to become ready. Widgets in shadow roots (a
 * deck's <stepwise-widget>) are not waited for; a timeout bounds the wait. Returns a cancel function.
 */
export function afterWidgetsReady(fn: () => void, timeoutMs = 8000): () => void {
  let done = false;
  let observer: MutationObserver | undefined;
  let cancelIdle = () => {};
  const run = () => {
    if (done) return;
    done = true;
    cleanup();
    fn();
  };
  const fallback = setTimeout(run, timeoutMs);
  const allReady = () => document.querySelector('[data-widget]:not([data-ready])') === null;
  const whenIdle = () => {
    observer?.disconnect();
    cancelIdle = whenBrowserIdle(run, 1000);
  };
  const watch = () => {
    if (done) return;
    if (allReady()) return whenIdle();
    observer = new MutationObserver(() => {
      if (allReady()) whenIdle();
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  };
  const cleanup = () => {
    clearTimeout(fallback);
    observer?.disconnect();
    cancelIdle();
    removeEventListener('load', watch);
  };
  if (document.readyState === 'complete') watch();
  else addEventListener('load', watch, { once: true });
  return () => {
    done = true;
    cleanup();
  };
}
