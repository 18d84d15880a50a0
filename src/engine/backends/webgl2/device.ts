import type { Shape } from '../../shape.ts';
import { type DeviceStorage, type Provenance, Tensor } from '../../tensor.ts';
import { type GlContext, prepareContext } from './context.ts';
import { type Layout, layoutOf, pack, unpack } from './layout.ts';
import { ProgramCache } from './programs.ts';
import { type PooledTexture, TexturePool } from './texture-pool.ts';

/** One draw: a cached program, its input tensors by sampler name, its uniforms and output shape. */
export interface Pass {
  /** Program cache key: the kernel and its structural variant, never a size. */
  readonly key: string;
  /** The kernel's GLSL (uniform declarations and `vec4 compute(int row, int col0)`). */
  readonly body: () => string;
  /** Sampler name → tensor. Each also gets `ivec2 u_<name>Dims` = (rows, cols) if the shader declares it. */
  readonly inputs: Readonly<Record<string, Tensor>>;
  readonly ints?: Readonly<Record<string, number | readonly number[]>>;
  readonly floats?: Readonly<Record<string, number>>;
  /** The shape of each output. */
  readonly shape: Shape;
  /** How many outputs of that shape one draw writes (multiple render targets); 1 unless the body writes out0…. */
  readonly outputs?: number;
}

/** Counters tests use to prove where work happened. */
export interface DeviceStats {
  uploads: number;
  readbacks: number;
  draws: number;
}

/** A tensor's values in a pooled texture, valid until released or until the context is lost. */
export class GlStorage implements DeviceStorage {
  /** The backend that owns this storage. */
  readonly backend = 'webgl2';
  /** How the values are packed into the texture. */
  readonly layout: Layout;
  readonly #device: Device;
  readonly #generation: number;
  #texture: PooledTexture | undefined;

  constructor(device: Device, texture: PooledTexture, layout: Layout) {
    this.#device = device;
    this.#generation = device.generation;
    this.#texture = texture;
    this.layout = layout;
  }

  /** False after release or once the context that owned the texture was lost. */
  get valid(): boolean {
    return this.#texture !== undefined && this.#device.alive(this.#generation);
  }

  /** The GL texture; throws when the storage is no longer valid. */
  get texture(): WebGLTexture {
    if (this.#texture === undefined || !this.valid) throw new Error('WebGL2 storage used after release or loss');
    return this.#texture.texture;
  }

  /** Reads the values back to the CPU (one readPixels). */
  read(): Float32Array {
    if (this.#texture === undefined || !this.valid) throw new Error('WebGL2 storage read after release or loss');
    return this.#device.read(this.#texture, this.layout);
  }

  /** Queues the copy now and collects it once the GPU has finished (no stall of the thread meanwhile). */
  readAsync(): Promise<Float32Array> {
    if (this.#texture === undefined || !this.valid)
      return Promise.reject(new Error('WebGL2 storage read after release or loss'));
    return this.#device.readAsync(this.#texture, this.layout);
  }

  /** Returns the texture to the pool; a texture from a lost context is simply dropped. */
  release(): void {
    if (this.#texture !== undefined && this.valid) this.#device.pool.release(this.#texture);
    this.#texture = undefined;
  }
}

/**
 * The live WebGL2 device: context, program cache, texture pool and one
 * framebuffer that every pass renders through. A context loss bumps the
 * generation, which invalidates every storage at once without tracking them.
 */
export class Device {
  readonly context: GlContext;
  readonly programs: ProgramCache;
  pool: TexturePool;
  /** Incremented on every loss and restore; storages from older generations are invalid. */
  generation = 0;
  readonly stats: DeviceStats = { uploads: 0, readbacks: 0, draws: 0 };
  /** Why the restored context cannot run kernels (it then stays unavailable), if it cannot. */
  restoreFailure: string | undefined;
  #lost = false;
  #framebuffer: WebGLFramebuffer;

  constructor(context: GlContext) {
    this.context = context;
    this.programs = new ProgramCache(context.gl);
    this.pool = new TexturePool(context.gl);
    this.#framebuffer = context.gl.createFramebuffer();
    const target = context.canvas as EventTarget;
    target.addEventListener('webglcontextlost', (event) => {
      // preventDefault is what allows the browser to restore the context later.
      event.preventDefault();
      this.#onLost();
    });
    target.addEventListener('webglcontextrestored', () => this.#onRestored());
  }

  /** True while the context is usable. */
  get usable(): boolean {
    return !this.#lost && !this.context.gl.isContextLost();
  }

  /** Whether storage made in `generation` still holds its data. */
  alive(generation: number): boolean {
    return generation === this.generation && this.usable;
  }

  #onLost(): void {
    this.#lost = true;
    this.generation++;
    this.programs.forget();
  }

  #onRestored(): void {
    const gl = this.context.gl;
    this.generation++;
    this.restoreFailure = prepareContext(gl);
    // Programs recompile lazily on first use; textures and the framebuffer are recreated now.
    this.pool = new TexturePool(gl);
    this.#framebuffer = gl.createFramebuffer();
    this.#lost = this.restoreFailure !== undefined;
  }

  /** The tensor's texture, uploading (and attaching to the tensor) when it has none yet. */
  storageOf(t: Tensor): GlStorage {
    const existing = t.device;
    if (existing instanceof GlStorage && existing.valid) return existing;
    const gl = this.context.gl;
    const layout = layoutOf(t.shape);
    const texture = this.pool.acquire(layout.width, layout.height);
    gl.bindTexture(gl.TEXTURE_2D, texture.texture);
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, layout.width, layout.height, gl.RGBA, gl.FLOAT, pack(t.values(), layout));
    gl.bindTexture(gl.TEXTURE_2D, null);
    this.stats.uploads++;
    const storage = new GlStorage(this, texture, layout);
    // The CPU copy stays authoritative; the texture is a cache the next op can reuse.
    t.attachDevice(storage);
    return storage;
  }

  /** Runs one pass and returns its output as a device-only tensor. */
  run(pass: Pass, provenance?: Provenance): Tensor {
    const [out] = this.runAll(pass, provenance);
    if (out === undefined) throw new Error(`pass ${pass.key} produced no output`);
    return out;
  }

  /**
   * Runs one pass that writes `pass.outputs` textures at once and returns
   * them in order. One fragment then computes several output texels, which
   * on software GL shares its input reads between them.
   */
  runAll(pass: Pass, provenance?: Provenance): Tensor[] {
    const gl = this.context.gl;
    const count = pass.outputs ?? 1;
    const layout = layoutOf(pass.shape);
    if (layout.texels === 0) return Array.from({ length: count }, () => new Tensor(pass.shape, new Float32Array(0)));
    const program = this.programs.get(pass.key, pass.body, count);
    // Uploads and allocation bind textures on the active unit, so they all happen before any input is bound.
    const storages = Object.entries(pass.inputs).map(([name, t]) => [name, this.storageOf(t)] as const);
    const outs = Array.from({ length: count }, () => this.pool.acquire(layout.width, layout.height));
    gl.useProgram(program.program);
    let unit = 0;
    for (const [name, storage] of storages) {
      gl.activeTexture(gl.TEXTURE0 + unit);
      gl.bindTexture(gl.TEXTURE_2D, storage.texture);
      gl.uniform1i(program.uniform(name), unit);
      gl.uniform2i(program.uniform(`u_${name}Dims`), storage.layout.rows, storage.layout.cols);
      unit++;
    }
    for (const [name, v] of Object.entries(pass.ints ?? {})) {
      if (typeof v === 'number') gl.uniform1i(program.uniform(name), v);
      else gl.uniform1iv(program.uniform(name), Int32Array.from(v as number[]));
    }
    for (const [name, v] of Object.entries(pass.floats ?? {})) gl.uniform1f(program.uniform(name), v);
    gl.uniform2i(program.uniform('u_outDims'), layout.rows, layout.cols);
    gl.uniform1i(program.uniform('u_outWidth'), layout.width);
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.#framebuffer);
    outs.forEach((out, i) => {
      gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0 + i, gl.TEXTURE_2D, out.texture, 0);
    });
    if (count > 1) gl.drawBuffers(outs.map((_, i) => gl.COLOR_ATTACHMENT0 + i));
    gl.viewport(0, 0, layout.width, layout.height);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    if (count > 1) {
      // Every other pass (and readback) renders through attachment 0 alone; a texture left attached
      // elsewhere would make the next pass that samples it a feedback loop.
      for (let i = 1; i < count; i++) {
        gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0 + i, gl.TEXTURE_2D, null, 0);
      }
      gl.drawBuffers([gl.COLOR_ATTACHMENT0]);
    }
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    this.stats.draws++;
    return outs.map((out) => new Tensor(pass.shape, undefined, new GlStorage(this, out, layout), provenance));
  }

  /** Copies one texture's values to the CPU. */
  read(texture: PooledTexture, layout: Layout): Float32Array {
    const gl = this.context.gl;
    const texels = new Float32Array(texture.width * texture.height * 4);
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.#framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture.texture, 0);
    gl.readPixels(0, 0, texture.width, texture.height, gl.RGBA, gl.FLOAT, texels);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    this.stats.readbacks++;
    return unpack(texels, layout);
  }

  /**
   * `read` without the stall: readPixels into a pixel-pack buffer (queued behind the passes that write the
   * texture), a fence, and the buffer's contents once the fence is signalled. The texture may be released as soon
   * as this returns: the copy is already queued.
   */
  async readAsync(texture: PooledTexture, layout: Layout): Promise<Float32Array> {
    const gl = this.context.gl;
    const generation = this.generation;
    const texels = new Float32Array(texture.width * texture.height * 4);
    const buffer = gl.createBuffer();
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
    gl.bufferData(gl.PIXEL_PACK_BUFFER, texels.byteLength, gl.STREAM_READ);
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.#framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture.texture, 0);
    gl.readPixels(0, 0, texture.width, texture.height, gl.RGBA, gl.FLOAT, 0);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    gl.flush();
    try {
      if (sync === null) throw new Error('WebGL2 could not make a readback fence');
      await waitForSync(gl, sync, () => this.alive(generation));
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
      gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, texels);
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
      this.stats.readbacks++;
      return unpack(texels, layout);
    } finally {
      if (sync !== null && !gl.isContextLost()) gl.deleteSync(sync);
      if (!gl.isContextLost()) gl.deleteBuffer(buffer);
    }
  }
}

/** How often a pending asynchronous readback asks whether the GPU is done. */
const SYNC_POLL_MS = 2;

/** Resolves once `sync` is signalled; rejects if the context is lost or the wait fails. */
function waitForSync(gl: WebGL2RenderingContext, sync: WebGLSync, usable: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (!usable()) return reject(new Error('WebGL2 context lost during a readback'));
      // A zero timeout never blocks: it reports the fence's state as of the last flush.
      const status = gl.clientWaitSync(sync, 0, 0);
      if (status === gl.WAIT_FAILED) return reject(new Error('WebGL2 readback fence failed'));
      if (status === gl.TIMEOUT_EXPIRED) setTimeout(poll, SYNC_POLL_MS);
      else resolve();
    };
    poll();
  });
}

/** The same device values, recorded as the result of `provenance` (the last pass of a multi-pass kernel). */
export function withProvenance(t: Tensor, provenance: Provenance): Tensor {
  const storage = t.device;
  return storage === undefined ? t : new Tensor(t.shape, undefined, storage, provenance);
}

/** Frees an intermediate tensor's texture without reading it back (Tensor.dispose would). */
export function discard(t: Tensor): void {
  t.device?.release();
}
