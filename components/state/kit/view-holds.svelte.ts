import { createContext, untrack } from 'svelte';

/**
 * Views inside one widget whose library has not arrived yet: a chart waiting
 * for Observable Plot, a formula whose numbers changed before KaTeX loaded.
 * WidgetFrame keeps data-ready off while any is held, so "ready" still means
 * the first computation is on screen in every view, charts and formulas too.
 */
export class ViewHolds {
  // The holds themselves live in a plain Set: a counter in $state lost increments made while a widget
  // mounted inside a custom element's first update (Svelte reverted those writes), went negative when
  // the releases came, and kept data-ready off for good. $state only signals that the Set changed.
  #holds = new Set<symbol>();
  #changes = $state(0);

  /** True when no view is waiting. */
  get settled(): boolean {
    void this.#changes;
    return this.#holds.size === 0;
  }

  /** Holds the widget's readiness; call the returned function (once or more) to let go. */
  hold(): () => void {
    const token = Symbol('hold');
    this.#holds.add(token);
    // Untracked: views hold from inside their own effects, which must not come to depend on the signal.
    untrack(() => this.#changes++);
    return () => {
      if (this.#holds.delete(token)) untrack(() => this.#changes++);
    };
  }
}

const [getHolds, setHolds] = createContext<ViewHolds>();

/** WidgetFrame's holds, shared with the views inside it. */
export function provideViewHolds(): ViewHolds {
  return setHolds(new ViewHolds());
}

/** The enclosing widget's holds; a view used outside a widget holds nothing. */
export function useViewHolds(): ViewHolds | undefined {
  try {
    return getHolds();
  } catch {
    return undefined;
  }
}
