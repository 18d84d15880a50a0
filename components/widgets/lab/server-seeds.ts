import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dispatch } from '~engine/index.ts';
import { m } from '~lib/i18n/messages.ts';
import { type LoadedSnapshot, readSnapshot } from './pretrained-compute.ts';
import type { FromWorker } from './protocol.ts';
import { LabSession } from './session.ts';
import { snapshotUrl } from './snapshots.ts';
import type { LabState } from './training-lab.svelte.ts';

/**
 * What the build computes for the widgets whose browser computes later (build-seed.ts): the committed snapshots,
 * read from public/snapshots/ (the files the browser fetches), and the training lab's first replies. Imported
 * only by the server render (behind import.meta.env.SSR): none of it reaches a browser bundle.
 */
const read = new Map<string, LoadedSnapshot>();

/** The snapshot `name` as the browser reads it after fetching it (the build runs at the repository's root). */
export function snapshotFile(name: string): LoadedSnapshot {
  let s = read.get(name);
  if (s === undefined) {
    s = readSnapshot(name, readFileSync(join(process.cwd(), 'public', snapshotUrl(name)), 'utf8'));
    read.set(name, s);
  }
  return s;
}

/**
 * The replies the lab's worker sends `lab` when it connects (the backend, the fresh model's progress, evaluation
 * and decode), from the worker's own session code run here on the CPU, as the worker runs it by default.
 * The page's language is the render's already; the engine's dispatch is left as it was.
 */
export function labReplies(lab: LabState): FromWorker[] {
  const replies: FromWorker[] = [];
  const cpu = () => ({ ok: true as const, renderer: m.widget_training_lab_worker_cpu() });
  const session = new LabSession(
    (message) => replies.push(message),
    (backend) => (backend === 'cpu' ? cpu() : { ok: false, reason: m.widget_training_lab_worker_no_offscreen() }),
  );
  const force = dispatch.force;
  try {
    lab.connect({
      post: (message) => {
        if (message.type !== 'language') session.handle(message);
      },
      listen: () => {},
      close: () => {},
    });
  } finally {
    dispatch.force = force;
  }
  lab.disconnect();
  return replies;
}
