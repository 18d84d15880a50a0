import { onMount } from 'svelte';
import type { Fields, StateOf } from '~lib/url/state.ts';
import { publishWidget } from './live-widgets.svelte.ts';
import { UrlSync } from './url-sync.svelte.ts';

/** What a widget's model offers its link: its whole state as the link's fields, and the way back. */
export interface Linkable<F extends Fields> {
  snapshot(): StateOf<F>;
  restore(state: StateOf<F>): void;
}

/**
 * Ties a widget's model to its link (`#w-<id>=…`, or the embed host's state): restores the model once the
 * widget is mounted (in the browser, so a link wins over the defaults the page was rendered with), then
 * writes every later change back, debounced; and publishes the model to the page's exercises (publishWidget). Call it while the component initialises, as `onMount` is.
 */
export function linkState<F extends Fields>(id: string, fields: F, model: Linkable<F>): UrlSync<F> {
  const sync = new UrlSync(id, fields);
  onMount(() => model.restore(sync.read()));
  $effect(() => sync.write(model.snapshot()));
  publishWidget(id, fields, model);
  return sync;
}
