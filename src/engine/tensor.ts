import type { OpAttrs, OpName } from './ops/contract.ts';
import { type Shape, sizeOf, validSizeOf } from './shape.ts';

/** Where a tensor's values can be read without copying. */
export type BackendName = 'cpu' | 'webgl2';

/**
 * Storage that lives on an accelerator. A backend owns its handles; the
 * tensor only keeps the handle and asks the backend to read it back.
 */
export interface DeviceStorage {
  readonly backend: BackendName;
  /** Copies the values to the CPU (synchronous; one readback per call). */
  read(): Float32Array;
  /**
   * The same copy without blocking the thread while the device finishes: the copy is queued now and collected
   * once the device says it is done. Optional; rejects if the device lost the data meanwhile.
   */
  readAsync?(): Promise<Float32Array>;
  /** Returns the device memory to its pool. Safe to call twice. */
  release(): void;
  /** False once the device lost the data (e.g. WebGL context loss). */
  readonly valid: boolean;
}

/**
 * How to recompute a device-only tensor on the CPU if its device data is
 * lost before anyone read it: the op that made it and that op's inputs.
 */
export interface Provenance<Op extends OpName = OpName> {
  readonly op: Op;
  readonly inputs: readonly Tensor[];
  readonly attrs: OpAttrs[Op];
}

/**
 * A float32 tensor. Values live on the CPU (`Float32Array`, row-major), on a
 * device, or both; `values()` always answers, reading back at most once.
 */
export class Tensor {
  /** Dimensions, outermost first. */
  readonly shape: Shape;
  #cpu: Float32Array | undefined;
  #device: DeviceStorage | undefined;
  #provenance: Provenance | undefined;

  /** Number of elements. */
  readonly size: number;

  constructor(shape: Shape, cpu?: Float32Array, device?: DeviceStorage, provenance?: Provenance) {
    const size = validSizeOf(shape);
    if (cpu === undefined && device === undefined) {
      throw new Error('a tensor needs CPU values or device storage');
    }
    if (cpu !== undefined && cpu.length !== size) {
      throw new RangeError(`shape [${shape.join(', ')}] needs ${size} values, got ${cpu.length}`);
    }
    // A frozen shape (another tensor's, or a kept plan's) cannot change under us, so it is shared, not copied:
    // widget-sized work makes thousands of tensors per edit, most with a shape taken from another tensor.
    this.shape = Object.isFrozen(shape) ? shape : Object.freeze([...shape]);
    this.size = size;
    this.#cpu = cpu;
    this.#device = device;
    this.#provenance = provenance;
  }

  /** Number of axes. */
  get rank(): number {
    return this.shape.length;
  }

  /** The backend whose memory holds the freshest copy (device wins when valid). */
  get location(): BackendName {
    return this.#device?.valid ? this.#device.backend : 'cpu';
  }

  /** Device storage, if this tensor has a valid copy on a device. */
  get device(): DeviceStorage | undefined {
    return this.#device?.valid ? this.#device : undefined;
  }

  /** True when the values are already on the CPU (no readback needed). */
  get onCpu(): boolean {
    return this.#cpu !== undefined;
  }

  /**
   * The values, row-major. Reads back from the device once and caches the
   * result; if the device lost the data, recomputes it on the CPU from its
   * provenance. Callers must not mutate the returned array.
   */
  values(): Float32Array {
    if (this.#cpu !== undefined) return this.#cpu;
    const device = this.#device;
    if (device?.valid) {
      this.#cpu = device.read();
    } else if (this.#provenance !== undefined && recomputeOnCpu !== undefined) {
      this.#cpu = recomputeOnCpu(this.#provenance).values();
    } else {
      throw new Error('tensor data was lost with its device and cannot be recomputed');
    }
    return this.#cpu;
  }

  /**
   * `values()` for large device results: the page keeps painting while the device computes (a synchronous
   * readback of attention at n = 1024 on software WebGL2 blocks the thread for 100 ms or more). Answers at once
   * when the values are on the CPU; falls back to `values()` (and so to recomputing on the CPU) if the device
   * cannot read asynchronously or loses the data while the copy is in flight.
   */
  async valuesAsync(): Promise<Float32Array> {
    if (this.#cpu !== undefined) return this.#cpu;
    const device = this.#device;
    if (device?.valid && device.readAsync !== undefined) {
      try {
        const values = await device.readAsync();
        this.#cpu ??= values;
        return this.#cpu;
      } catch {
        // Lost or released meanwhile: values() knows what to do.
      }
    }
    return this.values();
  }

  /** Attaches device storage (used by backends when they upload a CPU tensor). */
  attachDevice(device: DeviceStorage): void {
    this.#device?.release();
    this.#device = device;
  }

  /** Frees device memory; CPU values (if any) stay. */
  dispose(): void {
    if (this.#device !== undefined && this.#cpu === undefined && this.#device.valid) {
      // Keep the values: a caller that still holds this tensor must not lose them.
      this.#cpu = this.#device.read();
    }
    this.#device?.release();
    this.#device = undefined;
  }

  /** A plain copy of the values as a JS array (for display and tests). */
  toArray(): number[] {
    return Array.from(this.values());
  }

  /**
   * A rank-2 tensor as plain rows, the one Tensor → rows helper (for tables,
   * matrix views and state dicts); a rank-0 or rank-1 tensor is one row.
   */
  toRows(): number[][] {
    if (this.rank > 2) throw new RangeError(`toRows needs rank ≤ 2, got shape [${this.shape.join(', ')}]`);
    const v = this.values();
    if (this.rank < 2) return [Array.from(v)];
    const cols = this.shape[1] as number;
    return Array.from({ length: this.shape[0] as number }, (_, r) => Array.from(v.subarray(r * cols, (r + 1) * cols)));
  }

  /** The value at a multi-index (for display and tests; not for hot loops). */
  at(...index: number[]): number {
    if (index.length !== this.rank) throw new RangeError(`expected ${this.rank} indices, got ${index.length}`);
    let flat = 0;
    for (let i = 0; i < index.length; i++) {
      const d = this.shape[i] ?? 0;
      const k = index[i] ?? 0;
      if (!Number.isInteger(k) || k < 0 || k >= d)
        throw new RangeError(`index ${k} out of range on axis ${i} (size ${d})`);
      flat = flat * d + k;
    }
    return this.values()[flat] ?? Number.NaN;
  }
}

let recomputeOnCpu: ((p: Provenance) => Tensor) | undefined;

/** Lets the registry teach tensors how to recompute lost device data on the CPU. */
export function setCpuRecompute(fn: (p: Provenance) => Tensor): void {
  recomputeOnCpu = fn;
}

/** Nested arrays of numbers, any depth. */
export type NestedNumbers = number | readonly NestedNumbers[];

function inferShape(data: NestedNumbers): number[] {
  const shape: number[] = [];
  let level: NestedNumbers = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = (level as readonly NestedNumbers[])[0] ?? 0;
  }
  return shape;
}

/**
 * Makes a CPU tensor from nested arrays, a flat array plus shape, or a
 * Float32Array plus shape. Ragged nesting is rejected.
 */
export function tensor(data: NestedNumbers | ArrayLike<number>, shape?: Shape): Tensor {
  if (shape !== undefined) {
    const flat =
      data instanceof Float32Array
        ? data
        : Array.isArray(data)
          ? Float32Array.from((data as unknown[]).flat(Number.POSITIVE_INFINITY) as number[])
          : Float32Array.from(data as ArrayLike<number>);
    return new Tensor(shape, flat);
  }
  const inferred = inferShape(data as NestedNumbers);
  const flat = Array.isArray(data)
    ? ((data as unknown[]).flat(Number.POSITIVE_INFINITY) as number[])
    : [data as number];
  if (flat.length !== sizeOf(inferred)) {
    throw new RangeError(
      `ragged nested array: shape [${inferred.join(', ')}] needs ${sizeOf(inferred)} values, found ${flat.length}`,
    );
  }
  return new Tensor(inferred, Float32Array.from(flat as number[]));
}

/** A CPU tensor of zeros. */
export function zeros(shape: Shape): Tensor {
  return new Tensor(shape, new Float32Array(sizeOf(shape)));
}

/** A CPU tensor filled with one value. */
export function full(shape: Shape, value: number): Tensor {
  return new Tensor(shape, new Float32Array(sizeOf(shape)).fill(value));
}
