/// <reference lib="webworker" />
/**
 * The training lab's Web Worker: training runs here so the page keeps
 * drawing at full frame rate. Every incoming message is validated; a
 * malformed one is ignored with a console warning.
 *
 * CPU is the default backend. Measured on the lab's models (embed 16,
 * hidden 16, batch 32, 8-digit reversal) in headless Chromium, the
 * JavaScript CPU backend takes a few tens of ms per training step, while
 * forcing every op onto WebGL2 costs one draw call plus readbacks per op
 * (hundreds of tiny ops per step; SwiftShader here, and even a real GPU
 * loses at these sizes: see STYLE.md, matmul only wins near 128³). The
 * reader can still switch, and the badge says which backend ran.
 */
import { initWebGL2 } from '../../../src/engine/backends/webgl2/index.ts';
import { parseMessage, toWorkerSchema } from '../../../src/lib/lab-protocol.ts';
import { type BackendSwitch, LabSession } from '../../../src/lib/lab-session.ts';

const CPU_RENDERER = 'CPU (JavaScript, float32, in a Web Worker)';

/** CPU always works; WebGL2 needs OffscreenCanvas with float render targets (created on first request). */
const switchBackend: BackendSwitch = (backend) => {
  if (backend === 'cpu') return { ok: true, renderer: CPU_RENDERER };
  if (typeof OffscreenCanvas === 'undefined')
    return { ok: false, reason: 'this browser has no OffscreenCanvas in workers' };
  const r = initWebGL2();
  return r.ok
    ? { ok: true, renderer: `${r.renderer}${r.software ? ' (software)' : ''}` }
    : { ok: false, reason: r.reason };
};

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new LabSession((m) => scope.postMessage(m), switchBackend);

scope.addEventListener('message', (e: MessageEvent) => {
  const m = parseMessage(toWorkerSchema, e.data, 'worker');
  if (m !== undefined) session.handle(m);
});
