import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { OpName } from '~engine/ops/contract.ts';
import { chooseBackend, dispatch, getBackend, registerBackend, registerKernel } from '~engine/registry.ts';
import { type DeviceStorage, Tensor, tensor } from '~engine/tensor.ts';

// A stand-in accelerator: enough of a backend for the registry's choice. The node tests share one module
// registry per worker (vitest `isolate: false`), so the real entry comes back after this file.
const realWebgl2 = getBackend('webgl2');
afterAll(() => {
  if (realWebgl2) registerBackend(realWebgl2);
  else registerBackend({ name: 'webgl2', available: () => false, renderer: () => 'none' });
});
let available = true;
// Test-only kernel names outside the contract, so the fake backend never shadows a real op's kernel.
const probe = 'probe' as OpName;
const cpuOnly = 'cpu-only' as OpName;
registerBackend({ name: 'webgl2', available: () => available, renderer: () => 'fake' });
registerKernel({ op: probe, backend: 'webgl2', run: ([x]) => x as Tensor });
registerKernel({ op: probe, backend: 'cpu', run: ([x]) => x as Tensor });

const fakeDevice = (values: Float32Array): DeviceStorage => ({
  backend: 'webgl2',
  read: () => values,
  release: () => {},
  valid: true,
});

afterEach(() => {
  available = true;
  dispatch.force = undefined;
  dispatch.threshold = 128 * 128;
});

describe('chooseBackend', () => {
  it('chooseBackend keeps small work on the CPU', () => {
    expect(chooseBackend(probe, [tensor([1, 2])], 2)).toBe('cpu');
  });
  it('chooseBackend follows an input that lives only on the device', () => {
    const gpuOnly = new Tensor([2], undefined, fakeDevice(new Float32Array([1, 2])));
    expect(chooseBackend(probe, [tensor([1, 2]), gpuOnly], 2)).toBe('webgl2');
  });
  it('chooseBackend does not follow an uploaded weight that still has its CPU copy', () => {
    const uploaded = tensor([1, 2]);
    uploaded.attachDevice(fakeDevice(new Float32Array([1, 2])));
    expect(uploaded.location).toBe('webgl2');
    expect(chooseBackend(probe, [uploaded], 2)).toBe('cpu');
  });
  it('chooseBackend sends outputs at or above the threshold to the accelerator', () => {
    dispatch.threshold = 10;
    expect(chooseBackend(probe, [tensor([1])], 10)).toBe('webgl2');
    expect(chooseBackend(probe, [tensor([1])], 9)).toBe('cpu');
  });
  it('chooseBackend falls back to the CPU when the accelerator is unavailable, forced or not', () => {
    available = false;
    dispatch.threshold = 1;
    expect(chooseBackend(probe, [tensor([1])], 100)).toBe('cpu');
    dispatch.force = 'webgl2';
    expect(chooseBackend(probe, [tensor([1])], 100)).toBe('cpu');
  });
  it('chooseBackend honours a forced backend that has the kernel', () => {
    dispatch.force = 'webgl2';
    expect(chooseBackend(probe, [tensor([1])], 1)).toBe('webgl2');
    registerKernel({ op: cpuOnly, backend: 'cpu', run: ([x]) => x as Tensor });
    expect(chooseBackend(cpuOnly, [tensor([1])], 1)).toBe('cpu');
  });
});
