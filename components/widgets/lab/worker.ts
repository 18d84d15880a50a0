/// <reference lib="webworker" />
/**
 * The training lab's Web Worker: training runs here so the page keeps
 * drawing at full frame rate. Every incoming message is validated; a
 * malformed one is ignored with a console warning.
 *
 * CPU is the default backend, by measurement: on the built site in headless
 * Chromium (SwiftShader, 2 shared cores), one training step of 8-digit
 * reversal (embed 16, hidden 16, batch 32) took 134–465 ms on the CPU and
 * 1157 ms with every op forced onto WebGL2, back to back. A step is ~2000
 * tiny ops (matrices of a few hundred values), so each one's draw call and
 * readback costs more than its arithmetic (STYLE.md: matmul only wins near
 * 128³); even a real GPU would not pay off at these sizes. The reader can
 * still switch, and the badge says which backend ran.
 */
import { initWebGL2, webgl2Available, webgl2Context } from '~engine/backends/webgl2/index.ts';
// Training's CPU kernels (fused GRU gates, two-row matmul): registered here, not in the chunk every widget page loads.
import '~engine/train/fast-kernels.ts';
import { m } from '~lib/i18n/messages.ts';
import { parseMessage, toWorkerSchema } from './protocol.ts';
import { type BackendSwitch, LabSession } from './session.ts';

// Words are asked for when used, not at load: the page tells the worker its language in its first message.

/** CPU always works; WebGL2 needs OffscreenCanvas with float render targets (created on first request). */
const switchBackend: BackendSwitch = (backend) => {
  if (backend === 'cpu') return { ok: true, renderer: m.widget_training_lab_worker_cpu() };
  if (typeof OffscreenCanvas === 'undefined') return { ok: false, reason: m.widget_training_lab_worker_no_offscreen() };
  const r = initWebGL2();
  if (!r.ok) return { ok: false, reason: r.reason };
  watchContext();
  const renderer = r.software ? m.widget_training_lab_worker_software({ renderer: r.renderer }) : r.renderer;
  return webgl2Available() ? { ok: true, renderer } : { ok: true, renderer, lost: m.widget_training_lab_worker_lost() };
};

let watching = false;

/**
 * Tells the session when the device's context is lost or restored, so the
 * badge names the backend the ops really run on. The device registered its
 * own listeners first (device.ts), so on restore it is already rebuilt here.
 */
function watchContext(): void {
  const canvas = webgl2Context()?.canvas;
  if (watching || canvas === undefined) return;
  watching = true;
  canvas.addEventListener('webglcontextlost', () => session.deviceChanged(m.widget_training_lab_worker_lost()));
  canvas.addEventListener('webglcontextrestored', () =>
    session.deviceChanged(webgl2Available() ? undefined : m.widget_training_lab_worker_unusable()),
  );
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new LabSession((message) => scope.postMessage(message), switchBackend);

scope.addEventListener('message', (e: MessageEvent) => {
  const message = parseMessage(toWorkerSchema, e.data, 'worker');
  if (message !== undefined) session.handle(message);
});
