import { getBackend, registerBackend, registerKernel } from '../../registry.ts';
import { type ContextOptions, createContext } from './context.ts';
import { Device, type DeviceStats } from './device.ts';
import { attentionKernels } from './kernels/attention.ts';
import { binaryKernels } from './kernels/binary.ts';
import { gatherKernels } from './kernels/gather.ts';
import { lstmGatesKernel } from './kernels/lstm-gates.ts';
import { matmulKernel } from './kernels/matmul.ts';
import { reduceKernels } from './kernels/reduce.ts';
import { softmaxKernel } from './kernels/softmax.ts';
import { transformerKernels } from './kernels/transformer.ts';
import { unaryKernels } from './kernels/unary.ts';
import { maybeDevice, setDevice } from './state.ts';
import type { PoolStats } from './texture-pool.ts';

/**
 * What initWebGL2 reports: the GPU it will use, or why the CPU keeps every op.
 * `software` flags CPU-emulated GL (SwiftShader, llvmpipe), where measured
 * kernels run 2–5× slower than the JavaScript CPU backend.
 */
export type InitResult = { ok: true; renderer: string; software: boolean } | { ok: false; reason: string };

const softwareRenderer = /swiftshader|llvmpipe|softpipe|software/i;

function okResult(renderer: string): InitResult {
  return { ok: true, renderer, software: softwareRenderer.test(renderer) };
}

/** Every op with a WebGL2 kernel. */
export const webgl2Kernels = [
  ...unaryKernels,
  ...binaryKernels,
  ...reduceKernels,
  ...gatherKernels,
  matmulKernel,
  softmaxKernel,
  lstmGatesKernel,
  ...attentionKernels,
  ...transformerKernels,
];

let failure: string | undefined;

/**
 * Creates the WebGL2 device and registers the backend and its kernels.
 * Idempotent; in Node (or without WebGL2 + EXT_color_buffer_float) it
 * registers nothing and returns the reason, and every op stays on the CPU.
 */
export function initWebGL2(options: ContextOptions = {}): InitResult {
  const existing = maybeDevice();
  if (existing !== undefined) return okResult(existing.context.renderer);
  if (failure !== undefined) return { ok: false, reason: failure };
  const result = createContext(options);
  if (!result.ok) {
    failure = result.reason;
    return { ok: false, reason: failure };
  }
  const gpu = new Device(result.context);
  setDevice(gpu);
  registerBackend({ name: 'webgl2', available: () => gpu.usable, renderer: () => gpu.context.renderer });
  for (const kernel of webgl2Kernels) registerKernel(kernel);
  return okResult(gpu.context.renderer);
}

/** Why WebGL2 is not in use, or undefined when it is (or was never tried). */
export function webgl2Failure(): string | undefined {
  return failure;
}

/** Counters for tests and the dev overlay: compiles, texture pool, uploads, readbacks, draws. */
export interface WebGL2Stats {
  readonly compiled: number;
  readonly pool: Readonly<PoolStats>;
  readonly device: Readonly<DeviceStats>;
}

/** A snapshot of the backend's counters, or undefined before a successful init. */
export function webgl2Stats(): WebGL2Stats | undefined {
  const gpu = maybeDevice();
  if (gpu === undefined) return undefined;
  return { compiled: gpu.programs.compiled, pool: { ...gpu.pool.stats }, device: { ...gpu.stats } };
}

/** The WebGL2 context in use (tests reach WEBGL_lose_context through it). */
export function webgl2Context(): WebGL2RenderingContext | undefined {
  return maybeDevice()?.context.gl;
}

/** True when the registry can route ops to WebGL2 right now. */
export function webgl2Available(): boolean {
  return getBackend('webgl2')?.available() ?? false;
}
