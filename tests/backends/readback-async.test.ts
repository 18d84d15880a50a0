import { expect, it } from 'vitest';
import { webgl2Context, webgl2Stats } from '~engine/backends/webgl2/index.ts';
import { matmul } from '~engine/ops/index.ts';
import { mulberry32, uniformTensor } from '~engine/random.ts';
import { dispatch } from '~engine/registry.ts';
import type { Tensor } from '~engine/tensor.ts';
import { mul } from '../reference/float64/linalg.ts';
import { TOLERANCE } from '../reference/float64/tolerance.ts';
import { expectClose } from './compare.ts';

// Asynchronous readback (Tensor.valuesAsync): the copy goes through a pixel-pack buffer and a fence, so a
// different path from values()'s readPixels. What it must keep: the same numbers (checked against float64), the
// unpacking of padded rows (67 columns is not a multiple of 4), and a correct answer if the context is lost while
// the copy is in flight.

const rng = mulberry32(7);
const tol = { abs: TOLERANCE.large.atol, rel: TOLERANCE.large.rtol };
const rows = (t: Tensor) => t.toRows();

function onWebgl2<T>(fn: () => T): T {
  dispatch.force = 'webgl2';
  try {
    return fn();
  } finally {
    dispatch.force = undefined;
  }
}

it('valuesAsync of a WebGL2 result matches float64, matches values() bit for bit, and counts one readback', async () => {
  const a = uniformTensor([130, 40], rng);
  const b = uniformTensor([40, 67], rng);
  const want = mul(rows(a), rows(b)).flat();
  const [first, second] = onWebgl2(() => [matmul(a, b), matmul(a, b)]);
  expect(first?.location).toBe('webgl2');
  const before = webgl2Stats()?.device.readbacks ?? 0;
  const got = await (first as Tensor).valuesAsync();
  expect(webgl2Stats()?.device.readbacks, 'one readback for the asynchronous copy').toBe(before + 1);
  expectClose(got, want, tol, 'A·B read asynchronously');
  expect(Array.from(got)).toEqual(Array.from((second as Tensor).values()));
  expect(first?.onCpu, 'the values are kept on the tensor').toBe(true);
  expect(await first?.valuesAsync(), 'a second call answers from the CPU copy').toBe(got);
});

it('valuesAsync of a CPU tensor answers with its values, without touching the device', async () => {
  const t = uniformTensor([3, 5], rng);
  const before = webgl2Stats()?.device.readbacks ?? 0;
  expect(await t.valuesAsync()).toBe(t.values());
  expect(webgl2Stats()?.device.readbacks).toBe(before);
});

it('a context lost while the copy is in flight: valuesAsync recomputes on the CPU and still answers right', async () => {
  const gl = webgl2Context();
  const lose = gl?.getExtension('WEBGL_lose_context');
  if (gl === undefined || lose === undefined || lose === null) throw new Error('WEBGL_lose_context is required here');
  const a = uniformTensor([64, 64], rng);
  const b = uniformTensor([64, 33], rng);
  const want = mul(rows(a), rows(b)).flat();
  const y = onWebgl2(() => matmul(a, b));
  const pending = y.valuesAsync();
  const restored = new Promise((resolve) =>
    gl.canvas.addEventListener('webglcontextrestored', resolve, { once: true }),
  );
  gl.canvas.addEventListener('webglcontextlost', () => setTimeout(() => lose.restoreContext(), 0), { once: true });
  lose.loseContext();
  expectClose(await pending, want, tol, 'A·B after the loss');
  await restored;
});
