import { embedContext } from '~lib/embed/context.ts';
import { decodeState, encodeState, type Fields, readHashParam, type StateOf, writeHashParam } from '~lib/url/state.ts';
import { widgetById } from '~components/widgets/registry.ts';
import { provideViews, viewField, type WidgetViews } from './widget-views.svelte.ts';

/** Where the hash lives; injectable so tests need no browser. */
export interface HashHost {
  get(): string;
  /** Replaces the hash without a new history entry. */
  replace(hash: string): void;
}

/** The page's own location and history. */
export const browserHash: HashHost = {
  get: () => globalThis.location?.hash ?? '',
  replace(hash) {
    const { pathname, search } = globalThis.location;
    globalThis.history.replaceState(globalThis.history.state, '', `${pathname}${search}${hash}`);
  },
};

/**
 * Keeps one widget instance's state in the URL hash (`#w-<id>=…`): `read()`
 * on mount returns the saved state (field by field, defaults for refused
 * fields, with messages), and `write(state)` afterwards updates the hash,
 * debounced, with history.replaceState so the back button is not flooded.
 */
export class UrlSync<F extends Fields> {
  readonly widgetId: string;
  readonly #fields: F;
  readonly #host: HashHost;
  readonly #delayMs: number;
  #messages = $state<readonly string[]>([]);
  #read = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The state to write; encoded when written, not on every change (an edit's update need not pay for it). */
  #pending: StateOf<F> | undefined;
  #pendingView = '';
  /** The widget's views (tabs in an embed); their choice is the link's `view` field once the widget has any. */
  readonly views: WidgetViews;

  constructor(widgetId: string, fields: F, options: { host?: HashHost; delayMs?: number } = {}) {
    this.widgetId = widgetId;
    this.#fields = fields;
    // Mounted by an embed host (the /embed/ page, <stepwise-widget>): its state lives where the host says.
    const embed = embedContext();
    this.#host = options.host ?? embed?.host ?? browserHash;
    this.#delayMs = options.delayMs ?? 250;
    this.views = provideViews(embed !== undefined, widgetId, widgetById(widgetId)?.views ?? []);
    embed?.attach(this);
  }

  /** The state's fields (schemas and defaults), e.g. to validate state an embedding page sends; `view` too when the widget has views. */
  get fields(): F {
    return this.views.any ? { ...this.#fields, view: viewField } : this.#fields;
  }

  /** Why parts of the saved state were refused (shown in the widget's message area). */
  get messages(): readonly string[] {
    return this.#messages;
  }

  /** Reads the saved state from the URL; from now on `write` updates it. */
  read(): StateOf<F> {
    const decoded = decodeState(this.fields, readHashParam(this.#host.get(), this.widgetId));
    // A widget without views may have a `view` field of its own (performance-results' chart choice): keep it.
    if (!this.views.any) {
      this.#messages = decoded.messages;
      this.#read = true;
      return decoded.state as StateOf<F>;
    }
    const { view, ...state } = decoded.state as StateOf<F> & { view?: string };
    const messages = [...decoded.messages];
    if (view !== undefined && !this.views.select(view))
      messages.push(`“${view}” is not a view of this widget; showing its core view.`);
    this.#messages = messages;
    this.#read = true;
    return state as StateOf<F>;
  }

  /** Schedules writing `state` to the hash (ignored until `read` ran, so defaults never overwrite a link). */
  write(state: StateOf<F>): void {
    // Read before the guard: the caller's effect then re-runs when the reader picks another tab.
    const view = this.views.current;
    if (!this.#read) return;
    this.#pending = state;
    this.#pendingView = view;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), this.#delayMs);
  }

  /** Writes a scheduled state now. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending === undefined) return;
    const current = this.#host.get();
    const state = this.views.any ? { ...this.#pending, view: this.#pendingView } : this.#pending;
    const next = writeHashParam(current, this.widgetId, encodeState(this.fields, state));
    this.#pending = undefined;
    if (next !== current && !(next === '' && current === '#')) this.#host.replace(next);
  }

  /** The link's messages followed by the widget's own problems (empty strings and undefined are left out). */
  messagesWith(...problems: (string | undefined)[]): readonly string[] {
    const own = problems.filter((p): p is string => p !== undefined && p !== '');
    return own.length === 0 ? this.#messages : [...this.#messages, ...own];
  }

  /** Hides the messages (the reader has seen them). */
  dismiss(): void {
    this.#messages = [];
  }
}
