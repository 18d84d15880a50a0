import { createContext } from 'svelte';

const [getArrow, setArrow] = createContext<string>();

/** Shares the frame's arrowhead marker id with the wires inside it (ids must be unique on a page). */
export const provideArrow = setArrow;

/** The `url(#…)` of the enclosing frame's arrowhead, or none outside a frame. */
export function useArrow(): string | undefined {
  try {
    return `url(#${getArrow()})`;
  } catch {
    return undefined;
  }
}
