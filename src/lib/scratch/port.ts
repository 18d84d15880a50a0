import { pageLocale } from '../i18n/locale.ts';
import type { ScopeValue, ScratchResult } from './math.ts';

/** One expression over one scope, in the page's language; `id` pairs it with its answer. */
export interface ScratchRequest {
  id: number;
  locale: string;
  expression: string;
  scope: Record<string, ScopeValue>;
}

/** The result of request `id`. */
export interface ScratchAnswer {
  id: number;
  result: ScratchResult;
}

/** Evaluates an expression over plain numbers (no reactive proxies: they cross to a worker). */
export type EvaluateScratch = (expression: string, scope: Record<string, ScopeValue>) => Promise<ScratchResult>;

let shared: Promise<EvaluateScratch> | undefined;

/**
 * The page's scratchpad evaluator, started at the first call and shared by every scratchpad on the page. In a
 * browser it is a module worker (src/lib/scratch/worker.ts) and resolves once the worker has built mathjs and
 * answered a first request; where there are no workers (unit tests in Node) mathjs is imported here instead.
 * Rejects if the worker cannot start or load the library (the scratchpad says so).
 */
export function scratchEvaluator(): Promise<EvaluateScratch> {
  shared ??= typeof Worker === 'undefined' ? inThisThread() : inWorker();
  shared.catch(() => {
    shared = undefined;
  });
  return shared;
}

async function inThisThread(): Promise<EvaluateScratch> {
  const { evaluateScratch } = await import('./math.ts');
  return async (expression, scope) => evaluateScratch(expression, scope);
}

function inWorker(): Promise<EvaluateScratch> {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'scratchpad' });
  const pending = new Map<number, { resolve: (r: ScratchResult) => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.addEventListener('message', (e: MessageEvent<ScratchAnswer>) => {
    pending.get(e.data.id)?.resolve(e.data.result);
    pending.delete(e.data.id);
  });
  // A worker that fails to load (its file missing, refused) or throws fails every question asked of it.
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    const reason = new Error(e.message || 'the scratchpad worker failed to start');
    for (const p of pending.values()) p.reject(reason);
    pending.clear();
  });
  const evaluate: EvaluateScratch = (expression, scope) =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      const request: ScratchRequest = { id, locale: pageLocale(), expression, scope };
      worker.postMessage(request);
    });
  // Ready once mathjs answers: an empty expression evaluates nothing but needs the library built.
  return evaluate('', {}).then(() => evaluate);
}
