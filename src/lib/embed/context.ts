import { getContext } from 'svelte';
import type { Fields } from '../url/state.ts';

/** Where a widget instance keeps its link state (the page hash, or an element's own attribute). */
export interface StateHost {
  get(): string;
  /** Replaces the hash without a new history entry. */
  replace(hash: string): void;
}

/** What a widget's UrlSync tells its embedding host about itself. */
export interface AttachedSync {
  readonly widgetId: string;
  readonly fields: Fields;
}

/**
 * Set (as Svelte context) by whatever mounts a widget for embedding: the
 * /embed/ page and the <stepwise-widget> element. A widget's UrlSync picks it
 * up when it is constructed, so widgets need no code of their own to be
 * embeddable: state lives where the host says, and the host learns the
 * widget's state schema to validate what a parent page sends.
 */
export interface EmbedContext {
  readonly host: StateHost;
  attach(sync: AttachedSync): void;
}

export const embedContextKey = Symbol.for('stepwise.embed');

/** The embed context of the component being initialised; undefined on chapter pages and outside components. */
export function embedContext(): EmbedContext | undefined {
  try {
    return getContext<EmbedContext | undefined>(embedContextKey);
  } catch {
    // Outside component initialisation (unit tests, module scope): no host.
    return undefined;
  }
}
