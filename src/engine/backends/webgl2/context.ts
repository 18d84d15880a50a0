/** A WebGL2 context that passed every check the kernels rely on. */
export interface GlContext {
  readonly gl: WebGL2RenderingContext;
  readonly canvas: OffscreenCanvas | HTMLCanvasElement;
  /** The GPU as the driver names it (unmasked when the browser allows). */
  readonly renderer: string;
  readonly maxTextureSize: number;
}

/** Either a usable context or the reason there is none. */
export type ContextResult = { ok: true; context: GlContext } | { ok: false; reason: string };

/** How to create the context. */
export interface ContextOptions {
  /** Use a detached `<canvas>` even where OffscreenCanvas exists (tests exercise both). */
  preferCanvasElement?: boolean;
}

const attributes: WebGLContextAttributes = {
  alpha: true,
  antialias: false,
  depth: false,
  stencil: false,
  premultipliedAlpha: false,
  preserveDrawingBuffer: false,
  powerPreference: 'high-performance',
};

function makeCanvas(options: ContextOptions): OffscreenCanvas | HTMLCanvasElement | undefined {
  if (!options.preferCanvasElement && typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(1, 1);
  if (typeof document !== 'undefined') {
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    return canvas;
  }
  return undefined;
}

/** Reads the unmasked renderer string, falling back to the masked RENDERER. */
function rendererOf(gl: WebGL2RenderingContext): string {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  return typeof name === 'string' && name !== '' ? name : 'unknown WebGL2 renderer';
}

/**
 * Float render targets are the whole point: without a complete RGBA32F
 * framebuffer every kernel would silently round through 8-bit colour.
 */
function floatTargetsWork(gl: WebGL2RenderingContext): boolean {
  const texture = gl.createTexture();
  const framebuffer = gl.createFramebuffer();
  gl.bindTexture(gl.TEXTURE_2D, texture);
  gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA32F, 1, 1);
  gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
  const complete = gl.checkFramebufferStatus(gl.FRAMEBUFFER) === gl.FRAMEBUFFER_COMPLETE;
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.bindTexture(gl.TEXTURE_2D, null);
  gl.deleteFramebuffer(framebuffer);
  gl.deleteTexture(texture);
  return complete;
}

/**
 * Enables what the kernels need on a fresh or restored context (extensions
 * must be requested again after a restore) and returns why it cannot work,
 * or undefined when it can.
 */
export function prepareContext(gl: WebGL2RenderingContext): string | undefined {
  if (gl.getExtension('EXT_color_buffer_float') === null) {
    return 'EXT_color_buffer_float is missing: float32 render targets are unsupported';
  }
  if (!floatTargetsWork(gl)) return 'an RGBA32F framebuffer is incomplete on this GPU';
  return undefined;
}

/** Creates a WebGL2 context and checks float render targets; never throws. */
export function createContext(options: ContextOptions = {}): ContextResult {
  const canvas = makeCanvas(options);
  if (canvas === undefined) return { ok: false, reason: 'no OffscreenCanvas or document: not a browser' };
  let gl: WebGL2RenderingContext | null;
  try {
    gl = canvas.getContext('webgl2', attributes) as WebGL2RenderingContext | null;
  } catch (error) {
    return { ok: false, reason: `getContext('webgl2') threw: ${String(error)}` };
  }
  if (gl === null) return { ok: false, reason: 'WebGL2 is not available in this browser' };
  const problem = prepareContext(gl);
  if (problem !== undefined) return { ok: false, reason: problem };
  const maxTextureSize = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
  return { ok: true, context: { gl, canvas, renderer: rendererOf(gl), maxTextureSize } };
}
