/**
 * What a widget may know about the engine's backends, without importing the
 * engine itself: the op calls a computation made (its state class returns
 * them from `traceCalls`) and which renderer a backend runs on.
 */
import { getBackend, type OpCall } from '~engine/registry.ts';
import type { BackendName } from '~engine/tensor.ts';

export type { OpCall };

/** The renderer behind backend `name` (e.g. the GPU's name for 'webgl2'), or undefined when it is not loaded. */
export function backendRenderer(name: string): string | undefined {
  return getBackend(name as BackendName)?.renderer();
}
