import type { AnyWidget } from './portable-components.ts';
import { widgetLoaders } from './widget-components.ts';

const loaded = new Map<string, AnyWidget>();

/** Loads a registered widget's component (its own chunk) so that `loadedWidget(id)` can return it. */
export async function preloadWidget(id: string): Promise<void> {
  const load = widgetLoaders[id];
  if (load === undefined) throw new Error(`unknown widget ${id}`);
  loaded.set(id, (await load()).default);
}

/** The component of a widget that `preloadWidget` has loaded (undefined before). */
export function loadedWidget(id: string): AnyWidget | undefined {
  return loaded.get(id);
}

// An embed page names its one widget on <body data-embed-widget>. The island's module waits here (top-level
// await) until that widget's chunk is in, so hydration renders the same component the server did, with no
// empty first frame; the other widgets' chunks are never fetched. The server preloads in [widget].astro.
const id = typeof document === 'undefined' ? undefined : document.body?.dataset.embedWidget;
if (id !== undefined) await preloadWidget(id);
