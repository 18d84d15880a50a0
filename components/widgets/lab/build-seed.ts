import type * as ServerSeeds from './server-seeds.ts';

/**
 * Numbers the build computed for a widget whose browser gets them only later (a snapshot's weights are fetched,
 * a worker decodes): the server render shows them and writes them into the page beside the widget, and the
 * hydrating browser reads them back, so its first render is the server's. Its charts and formulas then keep the
 * pictures the build drew (no Plot or KaTeX before the widgets are ready) until the browser's own computation,
 * on the same weights and inputs, replaces the numbers with its own (equal) ones.
 *
 * The carrier is an attribute on a hidden element with the widget's `$props.id()` (stable across hydration);
 * a widget mounted without server HTML (a deck's slide) finds none and computes as before.
 */

/** At build time: the snapshots and the lab's session (server-seeds.ts). Never in a browser bundle (a constant false there). */
const server = import.meta.env.SSR ? await import('./server-seeds.ts') : undefined;

/** A seed as the widget renders it: the value, and the text its carrier element holds. */
export interface BuildSeed<T> {
  readonly value: T | undefined;
  readonly text: string | undefined;
}

/** The id of a widget's seed carrier (`<div hidden id={seedId(uid)} data-seed={seed.text}>`). */
export const seedId = (uid: string) => `${uid}-seed`;

/**
 * On the server: `compute()` (given the committed snapshots) and its text. In a hydrating browser: the value the
 * server wrote for `uid`, or undefined when there is none.
 */
export function buildSeed<T>(uid: string, compute: (at: typeof ServerSeeds) => T): BuildSeed<T> {
  if (server) {
    try {
      const value = compute(server);
      return { value, text: encode(value) };
    } catch {
      return { value: undefined, text: undefined };
    }
  }
  const text = typeof document === 'undefined' ? undefined : document.getElementById(seedId(uid))?.dataset.seed;
  return { value: readSeed<T>(text), text };
}

/** A seed's text read back (undefined for none or a malformed one): what the browser does with it. */
export function readSeed<T>(text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text, revive) as T;
  } catch {
    return undefined;
  }
}

/** JSON that keeps non-finite numbers (a log-probability of −∞ for a masked token). */
function encode(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? { nonFinite: String(v) } : v,
  );
}

function revive(_key: string, v: unknown): unknown {
  if (v !== null && typeof v === 'object' && 'nonFinite' in v && Object.keys(v).length === 1)
    return Number((v as { nonFinite: string }).nonFinite);
  return v;
}
