import type { Locator, Page } from '@playwright/test';

/** How many animation frames the page draws in the next `ms` (0 when it has stopped drawing). */
export function framesDrawn(page: Page, ms = 2000): Promise<number> {
  return page.evaluate(
    (span) =>
      new Promise<number>((done) => {
        let frames = 0;
        const count = () => {
          frames++;
          requestAnimationFrame(count);
        };
        requestAnimationFrame(count);
        setTimeout(() => done(frames), span);
      }),
    ms,
  );
}

/**
 * Scrolls `target` into view, and if Playwright times out waiting for it to be stable, says whether the page was
 * drawing frames at all: in CI a page sometimes stopped drawing (a sweep's scroll waited 30 s for stability, and no
 * failure screenshot could be taken), which a stability timeout alone does not tell apart from a moving widget.
 */
export async function scrollIntoView(page: Page, target: Locator): Promise<void> {
  try {
    await target.scrollIntoViewIfNeeded();
  } catch (e) {
    const frames = await framesDrawn(page).catch(() => Number.NaN);
    throw new Error(`${e instanceof Error ? e.message : String(e)}\nThe page drew ${frames} frames in the 2 s after.`);
  }
}
