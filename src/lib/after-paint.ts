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
