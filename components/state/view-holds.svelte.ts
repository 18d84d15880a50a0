import { createContext, untrack } from 'svelte';

/**
 * Views inside one widget whose library has not arrived yet: a chart waiting
 * for Observable Plot, a formula whose numbers changed before KaTeX loaded.
 * WidgetFrame keeps data-ready off while any is held, so "ready" still means
 * the first computation is on screen in every view, charts and formulas too.
 */
export class ViewHolds {
  #held = $state(0);

  /** True when no view is waiting. */
  get settled(): boolean {
    return this.#held === 0;
  }

  /** Holds the widget's readiness; call the returned function (once or more) to let go. */
  hold(): () => void {
    // Untracked: views hold from inside their own effects, which must not come to depend on the count.
    untrack(() => this.#held++);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      untrack(() => this.#held--);
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
