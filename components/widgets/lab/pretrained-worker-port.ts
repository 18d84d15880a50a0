import type { AlignmentView, PretrainedCompute, SizeRow } from './pretrained-compute.ts';
import type { PretrainedAnswer, PretrainedRequest } from './pretrained-worker.ts';

// Request without its id (a distributive Omit keeps the union's members apart).
type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Starts a pretrained widget's worker (a module worker Vite bundles separately) as its PretrainedCompute. */
export function startPretrainedWorker(): PretrainedCompute {
  const worker = new Worker(new URL('./pretrained-worker.ts', import.meta.url), {
    type: 'module',
    name: 'pretrained',
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.addEventListener('message', (e: MessageEvent<PretrainedAnswer>) => {
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
  const ask = (body: Body<PretrainedRequest>) =>
    new Promise<unknown>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...body, id });
    });
  return {
    load: async (main, baseline) => {
      await ask({ kind: 'load', main, baseline });
    },
    decode: async (tokens) => (await ask({ kind: 'decode', tokens })) as AlignmentView,
    row: async (size, count) => (await ask({ kind: 'row', size, count })) as SizeRow,
    close: () => {
      worker.terminate();
      pending.clear();
    },
  };
}
