import { fragmentSource, vertexShader } from './glsl.ts';

/** A linked program and its uniform locations, looked up once. */
export interface Program {
  readonly program: WebGLProgram;
  uniform(name: string): WebGLUniformLocation | null;
}

function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type);
  if (shader === null) throw new Error('WebGL2: createShader failed (context lost?)');
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS) && !gl.isContextLost()) {
    const log = gl.getShaderInfoLog(shader);
    gl.deleteShader(shader);
    const numbered = source
      .split('\n')
      .map((l, i) => `${i + 1}: ${l}`)
      .join('\n');
    throw new Error(`WebGL2 shader failed to compile: ${log}\n${numbered}`);
  }
  return shader;
}

/**
 * Programs compiled once and cached by a key that names the kernel and its
 * structural variant (op, transpose flags), never a size: sizes are uniforms,
 * so a slider that changes a sequence length reuses the program.
 */
export class ProgramCache {
  readonly #gl: WebGL2RenderingContext;
  readonly #programs = new Map<string, Program>();
  #vertex: WebGLShader | undefined;
  /** Programs compiled by this cache (tests assert it does not grow when only shapes change). */
  compiled = 0;

  constructor(gl: WebGL2RenderingContext) {
    this.#gl = gl;
  }

  /** The program for `key`, compiling `body()` (a kernel's GLSL, writing `outputs` textures) only on first use. */
  get(key: string, body: () => string, outputs = 1): Program {
    const cached = this.#programs.get(key);
    if (cached !== undefined) return cached;
    const gl = this.#gl;
    this.#vertex ??= compile(gl, gl.VERTEX_SHADER, vertexShader);
    const fragment = compile(gl, gl.FRAGMENT_SHADER, fragmentSource(body(), outputs));
    const program = gl.createProgram();
    gl.attachShader(program, this.#vertex);
    gl.attachShader(program, fragment);
    gl.linkProgram(program);
    gl.deleteShader(fragment);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS) && !gl.isContextLost()) {
      throw new Error(`WebGL2 program "${key}" failed to link: ${gl.getProgramInfoLog(program)}`);
    }
    const locations = new Map<string, WebGLUniformLocation | null>();
    const entry: Program = {
      program,
      uniform(name) {
        if (!locations.has(name)) locations.set(name, gl.getUniformLocation(program, name));
        return locations.get(name) ?? null;
      },
    };
    this.#programs.set(key, entry);
    this.compiled++;
    return entry;
  }

  /** Drops every program without GL calls: after a context loss the handles are already dead. */
  forget(): void {
    this.#programs.clear();
    this.#vertex = undefined;
  }
}
