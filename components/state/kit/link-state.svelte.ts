import { onMount } from 'svelte';
import type { Fields, StateOf } from '~lib/url/state.ts';
import { type WidgetEntry, type WidgetId, widgetById } from '~components/widgets/registry.ts';
import type { FieldKeysOf } from '~components/widgets/registry-fields.ts';
import { publishWidget } from './live-widgets.ts';
import { UrlSync } from './url-sync.svelte.ts';

/** What a widget's model offers its link: its whole state as the link's fields, and the way back. */
export interface Linkable<F extends Fields> {
  snapshot(): StateOf<F>;
  restore(state: StateOf<F>): void;
}

/** A widget instance tied to its link, as its WidgetFrame takes it: the frame reads title, messages and Share from it. */
export interface WidgetLink {
  /** The instance id: data-widget and the link key (the registry id unless a second instance on a page). */
  readonly id: string;
  /** The widget's registry entry (title, fields, capabilities). */
  readonly entry: WidgetEntry;
  /** The link itself: refused-state messages, dismiss, flush before a Share. */
  readonly sync: UrlSync<Fields>;
}

/** The props every widget takes. */
export interface WidgetProps {
  /** A second instance of the widget on one page: its own data-widget and link key (default: the registry id). */
  id?: string;
}

/**
 * Compiles only when `F` has exactly the field keys the registry lists for the widget: a field added to a
 * state class without its registry entry (or the other way round) is a type error at the linkState call.
 * Fields built from a table (Bahdanau's weights) have no literal keys; tests/components/widget-contract.test.ts
 * checks every widget's keys at run time.
 */
type ExactKeys<F, K extends PropertyKey> = string extends keyof F
  ? unknown
  : [Exclude<keyof F, K>, Exclude<K, keyof F>] extends [never, never]
    ? unknown
    : { readonly 'fields differ from the registry entry': [Exclude<keyof F, K>, Exclude<K, keyof F>] };

/**
 * The one way a widget wires its link state: ties its model to its link (`#w-<id>=…`, or the embed host's
 * state), restoring the model once the widget is mounted (in the browser, so a link wins over the defaults the
 * page was rendered with; onMount callbacks registered before this call run first), then writing every later
 * change back, debounced; publishes the model to the page's exercises (publishWidget); and returns what the
 * widget's WidgetFrame takes. Call it while the component initialises, as `onMount` is.
 */
export function linkState<W extends WidgetId, F extends Fields>(
  widget: W,
  fields: F & ExactKeys<F, FieldKeysOf<W>>,
  model: Linkable<F>,
  instance?: string,
): WidgetLink;
/** The same for a widget outside the registry (the component kit's test widget), its entry given whole. */
export function linkState<F extends Fields>(
  widget: WidgetEntry,
  fields: F,
  model: Linkable<F>,
  instance?: string,
): WidgetLink;
export function linkState<F extends Fields>(
  widget: string | WidgetEntry,
  fields: F,
  model: Linkable<F>,
  instance?: string,
): WidgetLink {
  const entry = typeof widget === 'string' ? widgetById(widget) : widget;
  if (!entry) throw new Error(`linkState: no registry entry for “${widget}”`);
  const id = instance ?? entry.id;
  const sync = new UrlSync<F>(id, fields);
  onMount(() => {
    const state = sync.read();
    // Without a link the model already holds the defaults the page was built with, and restoring equal values
    // would still replace every matrix with a copy and recompute the whole widget right after hydration.
    if (!sameValue(model.snapshot(), state)) model.restore(state);
  });
  $effect(() => sync.write(model.snapshot()));
  publishWidget(id, fields, model);
  return { id, entry, sync };
}

/** Whether two link states (numbers, strings, booleans, arrays and plain objects of them) hold the same values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const keys = Object.keys(a);
    const other = b as Record<string, unknown>;
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => k in other && sameValue((a as Record<string, unknown>)[k], other[k]))
    );
  }
  return Object.is(a, b);
}
