import type { OpAttrs, OpName } from './ops/contract.ts';
import { type BackendName, type Provenance, setCpuRecompute, type Tensor } from './tensor.ts';

/**
 * One backend's implementation of one op, its attrs typed by the contract
 * (ops/contract.ts). `Kernel` alone is any op's kernel: `run` is a method,
 * so a kernel of one op fits where any kernel is expected.
 */
export interface Kernel<Op extends OpName = OpName> {
  readonly op: Op;
  readonly backend: BackendName;
  run(inputs: readonly Tensor[], attrs: OpAttrs[Op]): Tensor;
}

/** A backend as the registry sees it: whether it can run now and what it runs on. */
export interface BackendInfo {
  readonly name: BackendName;
  /** False when unavailable (no WebGL2, context lost, …). */
  available(): boolean;
  /** Human-readable device string (the GL renderer for WebGL2). */
  renderer(): string;
}

/** One dispatched op: what ran where, and how long the call took on the host. */
export interface OpCall {
  readonly op: OpName;
  readonly backend: BackendName;
  readonly ms: number;
}

/** How the registry chooses a backend. */
export interface DispatchConfig {
  /** Outputs with at least this many elements go to an accelerator when one is available. */
  threshold: number;
  /** Run every op on this backend (falls back to the CPU, and logs it, if the kernel is missing). */
  force: BackendName | undefined;
}

// Kernels by op, then backend: two lookups of interned names, where one `${op}@${backend}` key cost a string
// built and hashed on every op call.
const kernels = new Map<OpName, Map<BackendName, Kernel>>();
const backends = new Map<BackendName, BackendInfo>();
const listeners = new Set<(call: OpCall) => void>();

/** The live dispatch settings; change fields directly (e.g. `dispatch.force = 'cpu'`). */
export const dispatch: DispatchConfig = { threshold: 128 * 128, force: undefined };

const cpuInfo: BackendInfo = { name: 'cpu', available: () => true, renderer: () => 'CPU (JavaScript, float32)' };
backends.set('cpu', cpuInfo);

/** Adds or replaces a kernel. */
export function registerKernel<Op extends OpName>(kernel: Kernel<Op>): void {
  const byBackend = kernels.get(kernel.op) ?? new Map<BackendName, Kernel>();
  byBackend.set(kernel.backend, kernel);
  kernels.set(kernel.op, byBackend);
}

/** Adds or replaces a backend. */
export function registerBackend(info: BackendInfo): void {
  backends.set(info.name, info);
}

/** The backend object registered under `name`, if any. */
export function getBackend(name: BackendName): BackendInfo | undefined {
  return backends.get(name);
}

/** True when `backend` has a kernel for `op`. */
export function hasKernel(op: OpName, backend: BackendName): boolean {
  return kernels.get(op)?.has(backend) ?? false;
}

/** Listens to every dispatched op; returns the unsubscribe function. */
export function onOpCall(listener: (call: OpCall) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function usable(op: OpName, backend: BackendName): boolean {
  return hasKernel(op, backend) && (backends.get(backend)?.available() ?? false);
}

/**
 * Picks the backend for one call: a forced backend if it can run the op;
 * else an accelerator when any input lives only there (moving data costs
 * more than arithmetic at widget sizes) or the output is large; else the CPU.
 */
export function chooseBackend(op: OpName, inputs: readonly Tensor[], outputSize: number): BackendName {
  if (dispatch.force !== undefined) return usable(op, dispatch.force) ? dispatch.force : 'cpu';
  for (const t of inputs) {
    // Only data that exists solely on a device pulls the op there; an uploaded
    // weight keeps its CPU copy, so small work that touches it stays on the CPU.
    if (t.location !== 'cpu' && !t.onCpu && usable(op, t.location)) return t.location;
  }
  if (outputSize >= dispatch.threshold && usable(op, 'webgl2')) return 'webgl2';
  return 'cpu';
}

/** Runs `op` on the chosen backend and reports the call to listeners. */
export function runOp<Op extends OpName>(
  op: Op,
  inputs: readonly Tensor[],
  attrs: OpAttrs[Op],
  outputSize: number,
): Tensor {
  const backend = chooseBackend(op, inputs, outputSize);
  return runOn(backend, op, inputs, attrs);
}

/** Sees every op with its tensors while installed (the autodiff tape); at most one at a time. */
export interface OpRecorder {
  record<Op extends OpName>(op: Op, inputs: readonly Tensor[], attrs: OpAttrs[Op], output: Tensor): void;
}

let recorder: OpRecorder | undefined;

/** Installs `next` (or removes the recorder with undefined) and returns the one it replaces. */
export function setOpRecorder(next: OpRecorder | undefined): OpRecorder | undefined {
  const previous = recorder;
  recorder = next;
  return previous;
}

/** Whether a recorder (the autodiff tape) is installed: ops without a gradient must not run then. */
export function recording(): boolean {
  return recorder !== undefined;
}

/** Runs `op` on a named backend, bypassing the choice (tests and recompute use it). */
export function runOn<Op extends OpName>(
  backend: BackendName,
  op: Op,
  inputs: readonly Tensor[],
  attrs: OpAttrs[Op],
): Tensor {
  // The map pairs each key with the kernel registered under that op, so its attrs type is Op's.
  const kernel = kernels.get(op)?.get(backend) as Kernel<Op> | undefined;
  if (kernel === undefined) throw new Error(`no ${backend} kernel registered for op "${op}"`);
  // Timed only for listeners (a widget's backend badge); a training step's thousand calls skip the clock.
  const start = listeners.size > 0 ? performance.now() : 0;
  // Not recording costs this one check. While recording, a kernel that calls other ops stays one node.
  const rec = recorder;
  let out: Tensor;
  if (rec === undefined) out = kernel.run(inputs, attrs);
  else {
    recorder = undefined;
    try {
      out = kernel.run(inputs, attrs);
    } finally {
      recorder = rec;
    }
    rec.record(op, inputs, attrs, out);
  }
  if (listeners.size > 0) {
    const call: OpCall = { op, backend, ms: performance.now() - start };
    for (const listener of listeners) listener(call);
  }
  return out;
}

/** Runs `fn` and returns its result with the list of op calls it made. */
export function traceCalls<T>(fn: () => T): { result: T; calls: OpCall[] } {
  const calls: OpCall[] = [];
  const stop = onOpCall((c) => calls.push(c));
  try {
    return { result: fn(), calls };
  } finally {
    stop();
  }
}

setCpuRecompute((p: Provenance) => runOn('cpu', p.op, p.inputs, p.attrs));
