import type { DecodeCompute, DecodeOutcome } from './decoding.compute.ts';
import type { DecodingWorkerAnswer, DecodingWorkerRequest } from './decoding-worker.ts';

// Request without its id (a distributive Omit keeps the union's members apart).
type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

let shared: DecodeCompute | undefined;

/**
 * The page's decoding worker (a module worker Vite bundles separately), started at the first call and shared by
 * every decoding widget on the page: one copy of each snapshot, one queue of decodes.
 */
export function decodingWorker(): DecodeCompute {
  shared ??= start();
  return shared;
}

function start(): DecodeCompute {
  const worker = new Worker(new URL('./decoding-worker.ts', import.meta.url), { type: 'module', name: 'decoding' });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const loaded = new Map<string, Promise<unknown>>();
  let next = 0;
  worker.addEventListener('message', (e: MessageEvent<DecodingWorkerAnswer>) => {
    const waiting = pending.get(e.data.id);
    if (waiting === undefined) return;
    pending.delete(e.data.id);
    if (e.data.ok) waiting.resolve(e.data.value);
    else waiting.reject(new Error(e.data.error));
  });
  worker.addEventListener('error', (e) => {
    for (const w of pending.values()) w.reject(new Error(e.message || 'the decoding worker failed'));
    pending.clear();
  });
  const ask = (body: Body<DecodingWorkerRequest>) =>
    new Promise<unknown>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...body, id });
    });
  return {
    load: async (name, text) => {
      let p = loaded.get(name);
      if (p === undefined) {
        p = ask({ kind: 'load', name, text });
        p.catch(() => loaded.delete(name));
        loaded.set(name, p);
      }
      await p;
    },
    decode: async (name, request) => (await ask({ kind: 'decode', name, request })) as DecodeOutcome,
  };
}
