/// <reference lib="webworker" />
/**
 * The decoding widgets' worker: reads the snapshots it is sent, then decodes the readers' inputs in order (see
 * decoding-worker-port.ts), so a beam search over the translator never holds up the page.
 */

import { warmUp } from '~lib/worker/warm-up.ts';
import type { LoadedSnapshot } from '~components/widgets/lab/pretrained-compute.ts';
import { readSnapshot } from '~components/widgets/lab/pretrained-compute.ts';
import { type DecodeRequest, decodeView } from './decoding.compute.ts';

/** A request from the page; `id` pairs it with its answer. */
export type DecodingWorkerRequest =
  | { id: number; kind: 'load'; name: string; text: string }
  | { id: number; kind: 'decode'; name: string; request: DecodeRequest };

/** The answer to request `id`: its value, or why it failed. */
export type DecodingWorkerAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

const snapshots = new Map<string, LoadedSnapshot>();
/** Snapshots whose decoding code has been warmed up (src/lib/worker/warm-up.ts): once each, after its first decode. */
const warmed = new Set<string>();

function answer(message: DecodingWorkerRequest): unknown {
  if (message.kind === 'load') {
    if (!snapshots.has(message.name)) snapshots.set(message.name, readSnapshot(message.name, message.text));
    return null;
  }
  const snapshot = snapshots.get(message.name);
  if (snapshot === undefined) throw new Error(`${message.name} is not loaded`);
  return decodeView(snapshot, message.request);
}

self.addEventListener('message', (e: MessageEvent<DecodingWorkerRequest>) => {
  let reply: DecodingWorkerAnswer;
  try {
    reply = { id: e.data.id, ok: true, value: answer(e.data) };
  } catch (err) {
    reply = { id: e.data.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply);
  const request = e.data;
  if (request.kind === 'decode' && reply.ok && !warmed.has(request.name)) {
    warmed.add(request.name);
    warmUp(() => answer(request));
  }
});
