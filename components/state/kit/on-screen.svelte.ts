/**
 * Whether a view is on screen, as reactive state, so a view scrolled away can stop following every edit (issue
 * 16: a GRU weight edit redrew the chart, the picture and the formula of views the reader could not see) and
 * catch up when it comes back. Until the element is observed (the server's HTML, the first render) it counts
 * as on screen, so a first computation is never skipped.
 */
export class OnScreen {
  #visible = $state(true);
  readonly #margin: string;

  /** `margin`: how far outside the viewport a view already counts as on screen (IntersectionObserver's rootMargin). */
  constructor(margin = '0px') {
    this.#margin = margin;
  }

  /** True while the observed element intersects the viewport (grown by the margin), or before it is observed. */
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
 * `compute()` while `visible()`; while not, the value it last returned, without reading (so without depending
 * on) what it reads: an edit made off screen recomputes nothing until the view is back, and then at once.
 * Nothing is made up: the value shown is always what `compute` returned, for the inputs of that moment.
 * Return plain values built inside `compute` (strings, numbers, fresh objects): a reference to live state (a
 * widget's $state inputs) would still change under the frozen value, and whatever reads it would follow.
 * `key`: when it changes, the value is recomputed even off screen (a stepper that moves a formula to another line:
 * what the view says changes at once; only its numbers wait).
 */
export function whileVisible<T>(
  compute: () => T,
  visible: () => boolean,
  key: () => unknown = () => undefined,
): { readonly current: T } {
  let last: { value: T; key: unknown } | undefined;
  const value = $derived.by(() => {
    // A new key (what the view shows, not its numbers: a formula's template) recomputes off screen too.
    const k = key();
    if (last !== undefined && !visible() && Object.is(k, last.key)) return last.value;
    last = { value: compute(), key: k };
    return last.value;
  });
  return {
    get current() {
      return value;
    },
  };
}
