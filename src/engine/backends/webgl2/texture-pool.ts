/** A texture the pool handed out, with the size it was allocated at. */
export interface PooledTexture {
  readonly texture: WebGLTexture;
  readonly width: number;
  readonly height: number;
}

/** What the pool has done so far; tests read it to prove reuse. */
export interface PoolStats {
  /** Textures allocated on the GPU. */
  created: number;
  /** Requests served by a released texture instead of a new allocation. */
  reused: number;
  /** Textures currently handed out. */
  live: number;
  /** Released textures waiting for reuse. */
  idle: number;
}

/**
 * RGBA32F textures keyed by width × height. Kernels run every frame with the
 * same shapes, so released outputs are recycled rather than reallocated
 * (allocation stalls the driver far more than the draw it feeds).
 */
export class TexturePool {
  readonly #gl: WebGL2RenderingContext;
  readonly #free = new Map<string, PooledTexture[]>();
  readonly stats: PoolStats = { created: 0, reused: 0, live: 0, idle: 0 };

  constructor(gl: WebGL2RenderingContext) {
    this.#gl = gl;
  }

  /** A texture of exactly this size, recycled when one is free. */
  acquire(width: number, height: number): PooledTexture {
    const recycled = this.#free.get(`${width}x${height}`)?.pop();
    this.stats.live++;
    if (recycled !== undefined) {
      this.stats.reused++;
      this.stats.idle--;
      return recycled;
    }
    const gl = this.#gl;
    const texture = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA32F, width, height);
    // Float textures are not filterable: NEAREST, and kernels sample texel centres (glsl.ts fetch), so every read is exact.
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.bindTexture(gl.TEXTURE_2D, null);
    this.stats.created++;
    return { texture, width, height };
  }

  /** Returns a texture for reuse. */
  release(t: PooledTexture): void {
    const key = `${t.width}x${t.height}`;
    const list = this.#free.get(key) ?? [];
    list.push(t);
    this.#free.set(key, list);
    this.stats.live--;
    this.stats.idle++;
  }

  /** Deletes every idle texture (live ones are deleted by their owners' release). */
  clear(): void {
    for (const list of this.#free.values()) for (const t of list) this.#gl.deleteTexture(t.texture);
    this.#free.clear();
    this.stats.idle = 0;
  }
}
