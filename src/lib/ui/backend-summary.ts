import type { OpCall } from '~engine/registry.ts';
import { m } from '../i18n/messages.ts';
import { formatNumber } from './format.ts';

/** What a backend badge says about one computation. */
export interface BackendSummary {
  /** Backends that ran at least one op, most-used first ('cpu', 'webgl2'). */
  readonly backends: readonly string[];
  /** Total host time of the op calls, in milliseconds. */
  readonly ms: number;
  /** Number of op calls. */
  readonly ops: number;
  /** Calls per op name, for the badge's detail ("matmul ×2, sigmoid ×1"). */
  readonly byOp: readonly { op: string; count: number; backend: string }[];
}

/** Summarizes the calls `traceCalls` recorded for one computation. */
export function summarizeCalls(calls: readonly OpCall[]): BackendSummary {
  const perBackend = new Map<string, number>();
  // By op, then backend: a badge summarises every edit's calls (4045 on /memory/'s gradient flow), and an
  // `${op}@${backend}` key per call was a string built and hashed each time.
  const perOp = new Map<string, Map<string, { op: string; count: number; backend: string }>>();
  let ms = 0;
  for (const c of calls) {
    ms += c.ms;
    perBackend.set(c.backend, (perBackend.get(c.backend) ?? 0) + 1);
    let byBackend = perOp.get(c.op);
    if (byBackend === undefined) {
      byBackend = new Map();
      perOp.set(c.op, byBackend);
    }
    const entry = byBackend.get(c.backend);
    if (entry === undefined) byBackend.set(c.backend, { op: c.op, count: 1, backend: c.backend });
    else entry.count += 1;
  }
  const backends = [...perBackend.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const byOp = [...perOp.values()].flatMap((byBackend) => [...byBackend.values()]);
  return { backends, ms, ops: calls.length, byOp };
}

/** Milliseconds for a badge: below the timer's resolution says so rather than printing 0.00. */
export function formatMs(ms: number): string {
  if (ms < 0.1) return m.part_backend_time_below();
  return m.part_backend_time({ ms: formatNumber(ms, ms < 10 ? 2 : 0) });
}

/** A backend name as a badge prints it. */
export function backendLabel(name: string): string {
  if (name === 'webgl2') return m.part_backend_webgl2();
  return name === 'cpu' ? m.part_backend_cpu() : name.toUpperCase();
}
