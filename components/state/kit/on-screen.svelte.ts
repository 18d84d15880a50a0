import { untrack } from 'svelte';
import { whenQuietThenIdle } from './after-quiet.ts';

/** How far into the viewport (top or bottom) a view must reach to count as on screen: less is a sliver at the edge. */
export const SLIVER_PX = 24;

/**
 * Whether a view is on screen, as reactive state, so a view scrolled away can stop following every edit (issue
 * 16: a GRU weight edit redrew the chart, the picture and the formula of views the reader could not see) and
 * catch up when it comes back. Until the element is observed (the server's HTML, the first render) it counts
 * as on screen, so a first computation is never skipped.
 */
export class OnScreen {
  #visible = $state(true);
  readonly #margin: string;

  /**
   * `margin`: how far outside the viewport a view already counts as on screen (IntersectionObserver's rootMargin).
   * By default a view must come `SLIVER_PX` into the viewport: a chart whose top 5 px showed at the bottom of the
   * viewport (/lstm/) followed every edit at full cost for a strip nobody reads. Such a sliver still catches up once
   * the edits pause, and the moment the view comes further in, it shows the current numbers.
   */
  constructor(margin = `-${SLIVER_PX}px 0px`) {
    this.#margin = margin;
  }

  /** True while the element intersects the viewport (shrunk or grown by the margin), or before it is observed. */
  get visible(): boolean {
    return this.#visible;
  }

  /** An attachment (`{@attach screen.observe}`): follows the element until it is removed. */
  readonly observe = (el: Element): (() => void) => {
    if (typeof IntersectionObserver !== 'function') return () => {};
    const observer = new IntersectionObserver(
      (entries) => {
        const last = entries[entries.length - 1];
        if (last) this.#visible = last.isIntersecting;
      },
      { rootMargin: this.#margin },
    );
    observer.observe(el);
    return () => {
      observer.disconnect();
      this.#visible = true;
    };
  };
}

/**
 * `compute()`'s value for a view that is expensive to update (a typeset formula, a picture): on screen, every new
 * value at once; off screen, the last value shown until the edits pause and the browser is idle (whenQuietThenIdle:
 * each change re-arms the wait, so a drag's catch-up runs once, after its last edit, not between two of its frames),
 * so an edit paints without updating views nobody sees, yet no stale number stays in the page (screen readers,
 * copy, find) more than about half a second after edits stop. Back on screen,
 * the current value at once. `compute` itself runs on every change, so keep it cheap (the expensive part is what
 * the view does with the value). Nothing is made up: the value shown is always what `compute` returned.
 * Return plain values built inside `compute` (strings, numbers, fresh objects): a reference to live state (a
 * widget's $state inputs) would still change under the held value, and whatever reads it would follow.
 * `key`: when it changes, the value is published even off screen (a stepper that moves a formula to another line:
 * what the view says changes at once; only its numbers wait).
 */
export function whileVisible<T>(
  compute: () => T,
  visible: () => boolean,
  key: () => unknown = () => undefined,
): { readonly current: T } {
  const live = $derived.by(compute);
  /** Bumped when the browser is idle after an off-screen change: the view catches up then. */
  let catchUps = $state(0);
  let shown: { value: T; key: unknown; catchUps: number } | undefined;
  const value = $derived.by(() => {
    const k = key();
    const c = catchUps;
    if (shown !== undefined && !visible() && Object.is(k, shown.key) && c === shown.catchUps) return shown.value;
    shown = { value: live, key: k, catchUps: c };
    return shown.value;
  });
  $effect(() => {
    void live;
    if (untrack(visible)) return;
    return whenQuietThenIdle(() => catchUps++);
  });
  return {
    get current() {
      return value;
    },
  };
}
