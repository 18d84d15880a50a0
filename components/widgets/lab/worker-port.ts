import type { LabPort } from './training-lab.svelte.ts';

/** Starts the lab's worker (a module worker Vite bundles separately) and wraps it as a LabPort. */
export function startLabWorker(): LabPort {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'training-lab' });
  return {
    post: (m) => worker.postMessage(m),
    listen: (handler) => worker.addEventListener('message', (e: MessageEvent) => handler(e.data)),
    close: () => worker.terminate(),
  };
}
