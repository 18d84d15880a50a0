/// <reference lib="webworker" />
/**
 * The pretrained widgets' worker: reads the snapshots it is sent, then answers
 * decode and accuracy-row requests in order (see pretrained-worker-port.ts).
 */
import { warmUp } from '~lib/worker/warm-up.ts';
import { decodeView, type LoadedPair, pretrainedWork, type SnapshotText } from './pretrained-compute.ts';

/** A request from the page; `id` pairs it with its answer. */
export type PretrainedRequest =
  | { id: number; kind: 'load'; main: SnapshotText; baseline: SnapshotText | undefined }
  | { id: number; kind: 'decode'; tokens: string[] }
  | { id: number; kind: 'row'; size: number; count: number };

/** The answer to request `id`: its value, or why it failed. */
export type PretrainedAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

let pair: LoadedPair | undefined;
/** Whether the decoding code has been warmed up (src/lib/worker/warm-up.ts): once, after the first decode. */
let warmed = false;

function answer(request: PretrainedRequest): unknown {
  if (request.kind === 'load') {
    pair = pretrainedWork.load(request.main, request.baseline);
    return null;
  }
  if (pair === undefined) throw new Error('no snapshot loaded');
  if (request.kind === 'decode') return decodeView(pair.main, request.tokens);
  return pretrainedWork.row(pair, request.size, request.count);
}

self.addEventListener('message', (e: MessageEvent<PretrainedRequest>) => {
  const request = e.data;
  let reply: PretrainedAnswer;
  try {
    reply = { id: request.id, ok: true, value: answer(request) };
  } catch (err) {
    reply = { id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply);
  if (request.kind === 'decode' && reply.ok && !warmed) {
    warmed = true;
    warmUp(() => answer(request));
  }
});
