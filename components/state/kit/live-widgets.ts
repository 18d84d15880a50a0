import { onMount } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import { type Fields, type StateOf, validateFields } from '~lib/url/state.ts';
import type { Linkable } from './link-state.svelte.ts';

/**
 * A mounted widget as the page's other islands see it (an exercise checking a challenge): its model, read-only
 * by convention, and one way to set its state. Reading `model` inside an effect tracks the widget's runes, so a
 * check reruns whenever the reader changes the widget.
 */
export interface LiveWidget {
  readonly id: string;
  /** The widget's state class (LstmState, SelfAttentionState, …); read it, never write it. */
  readonly model: object;
  /** The link state's fields, to validate what is set. */
  readonly fields: Fields;
  /**
   * Replaces the whole state by `state` over the defaults (fields it leaves out take their defaults), after
   * validating it as a link is validated. Returns the messages for refused fields (empty when all applied).
   */
  apply(state: Record<string, unknown>): readonly string[];
}

const live = new SvelteMap<string, LiveWidget>();

/** The mounted widget with link id `id`, reactively (undefined until it mounts). */
export function liveWidget(id: string): LiveWidget | undefined {
  return live.get(id);
}

/**
 * Publishes a widget's model under its link id while it is mounted (call while the component initialises, as
 * `onMount` is). linkState does it for every widget that uses it; the widget needs no code of its own.
 */
export function publishWidget<F extends Fields>(id: string, fields: F, model: Linkable<F>): void {
  onMount(() => {
    const entry: LiveWidget = {
      id,
      model,
      fields,
      apply(state) {
        const { state: full, messages } = validateFields(fields, state);
        model.restore(full as StateOf<F>);
        return messages;
      },
    };
    live.set(id, entry);
    return () => {
      if (live.get(id) === entry) live.delete(id);
    };
  });
}
