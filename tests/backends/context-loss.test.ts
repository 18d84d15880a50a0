import { expect, it } from 'vitest';
import { webgl2Available, webgl2Context, webgl2Stats } from '~engine/backends/webgl2/index.ts';
import { matmul, matmulCpu, tanh, tanhCpu } from '~engine/ops/index.ts';
import { mulberry32, uniformTensor } from '~engine/random.ts';
import { dispatch, traceCalls } from '~engine/registry.ts';
import { expectClose } from './compare.ts';

const rng = mulberry32(21);
const tol = { abs: 2e-6, rel: 2e-5 };

function nextEvent(target: EventTarget, type: string): Promise<Event> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within 10 s`)), 10_000);
    target.addEventListener(
      type,
      (e) => {
        clearTimeout(timer);
        resolve(e);
      },
      { once: true },
    );
  });
}

it('WEBGL_lose_context: ops move to the CPU, held tensors keep their values, and restore brings WebGL2 back', async () => {
  const gl = webgl2Context();
  const lose = gl?.getExtension('WEBGL_lose_context');
  if (gl === undefined || lose === undefined || lose === null) throw new Error('WEBGL_lose_context is required here');
  const canvas = gl.canvas as unknown as EventTarget;
  const x = uniformTensor([20, 12], rng);
  const w = uniformTensor([12, 9], rng);
  const wantY = matmulCpu(x, w).values();
  const wantZ = tanhCpu(x).values();

  dispatch.force = 'webgl2';
  try {
    const y = matmul(x, w); // device-only, never read before the loss
    const z = tanh(x);
    const zBefore = Float32Array.from(z.values()); // read once: z now has a CPU copy as well
    expectClose(zBefore, wantZ, tol, 'z on the GPU');
    expect(y.location).toBe('webgl2');
    expect(y.onCpu).toBe(false);

    const lost = nextEvent(canvas, 'webglcontextlost');
    lose.loseContext();
    expect(webgl2Available(), 'unavailable as soon as the context is lost').toBe(false);
    await lost;
    // Chrome only honours restoreContext once the lost event's dispatch has finished, i.e. in a later task.
    await new Promise((resolve) => setTimeout(resolve, 0));

    // The lost device data is recomputed on the CPU from the tensor's provenance.
    expect(y.location).toBe('cpu');
    expectClose(y.values(), wantY, tol, 'y after loss');
    expect(z.values()).toEqual(zBefore);
    // Inputs keep their authoritative CPU copy.
    expect(x.onCpu && w.onCpu).toBe(true);
    const during = traceCalls(() => matmul(x, w));
    expect(during.calls.map((c) => c.backend)).toEqual(['cpu']);
    expectClose(during.result.values(), wantY, { abs: 0, rel: 0 }, 'during loss');

    const compiledBefore = webgl2Stats()?.compiled ?? 0;
    const restored = nextEvent(canvas, 'webglcontextrestored');
    lose.restoreContext();
    await restored;
    expect(webgl2Available()).toBe(true);
    const after = traceCalls(() => matmul(x, w));
    expect(after.calls.map((c) => c.backend)).toEqual(['webgl2']);
    expect(after.result.location).toBe('webgl2');
    expectClose(after.result.values(), wantY, tol, 'after restore');
    expect(webgl2Stats()?.compiled ?? 0, 'programs are rebuilt on the new context').toBeGreaterThan(compiledBefore);
  } finally {
    dispatch.force = undefined;
  }
});
