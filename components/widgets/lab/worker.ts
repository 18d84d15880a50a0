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
import { parseMessage, toWorkerSchema } from './protocol.ts';
import { type BackendSwitch, LabSession } from './session.ts';

const CPU_RENDERER = 'CPU (JavaScript, float32, in a Web Worker)';
const LOST = 'its context was lost (the GPU was reset or reclaimed); training goes on on the CPU until it comes back';
const UNUSABLE = 'its context came back but cannot run the kernels; training goes on on the CPU';

/** CPU always works; WebGL2 needs OffscreenCanvas with float render targets (created on first request). */
const switchBackend: BackendSwitch = (backend) => {
  if (backend === 'cpu') return { ok: true, renderer: CPU_RENDERER };
  if (typeof OffscreenCanvas === 'undefined')
    return { ok: false, reason: 'this browser has no OffscreenCanvas in workers' };
  const r = initWebGL2();
  if (!r.ok) return { ok: false, reason: r.reason };
  watchContext();
  const renderer = `${r.renderer}${r.software ? ' (software)' : ''}`;
  return webgl2Available() ? { ok: true, renderer } : { ok: true, renderer, lost: LOST };
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
  canvas.addEventListener('webglcontextlost', () => session.deviceChanged(LOST));
  canvas.addEventListener('webglcontextrestored', () =>
    session.deviceChanged(webgl2Available() ? undefined : UNUSABLE),
  );
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new LabSession((m) => scope.postMessage(m), switchBackend);

scope.addEventListener('message', (e: MessageEvent) => {
  const m = parseMessage(toWorkerSchema, e.data, 'worker');
  if (m !== undefined) session.handle(m);
});
