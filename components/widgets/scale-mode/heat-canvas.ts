import { cellEnds, hexToRgb } from '~lib/colour/diverging.ts';

/**
 * The weight ramp: the site's deep orange (cellEnds.pos) laid over the page, so a zero weight is the page's own
 * background in either theme (no light square on a dark page) and the largest is the full orange, which stands
 * apart from both themes' backgrounds. The opacity rises fast and then levels off (1 − (1 − t)³): at 1024
 * tokens most weights are a few percent of the largest, and a linear ramp left the topic blocks barely tinted.
 * No numbers are drawn on it, so it may go past the heatmaps' maxMix.
 */
const end = hexToRgb(cellEnds.pos);

/** The ramp's opacity (0..255) at t in [0, 1]. */
export function rampAlpha(t: number): number {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  return Math.round(255 * (1 - (1 - x) ** 3));
}

/** CSS linear-gradient for the legend: the same colour and opacities as the canvas, over the same background. */
export const rampGradient = `linear-gradient(to right, ${Array.from({ length: 11 }, (_, k) => `rgb(${end.join(' ')} / ${(rampAlpha(k / 10) / 255).toFixed(3)}) ${k * 10}%`).join(', ')})`;

/** Steps of the opacity table: finer than the 256 opacities it can give, so no two neighbouring steps are far apart. */
const RAMP_STEPS = 1024;
/** The ramp's colour at each step, one RGBA pixel as the platform stores it (a Uint32 over the canvas's bytes). */
let rampPixels: Uint32Array | undefined;

function pixelsOfRamp(): Uint32Array {
  if (rampPixels !== undefined) return rampPixels;
  const bytes = new Uint8ClampedArray(4 * (RAMP_STEPS + 1));
  for (let k = 0; k <= RAMP_STEPS; k++) bytes.set([end[0], end[1], end[2], rampAlpha(k / RAMP_STEPS)], 4 * k);
  rampPixels = new Uint32Array(bytes.buffer);
  return rampPixels;
}

/**
 * The RGBA bytes of an n×n matrix drawn one pixel per entry, opacity ∝ value / max. At n = 1024 that is a million
 * pixels after every run: each is one store from a table of the ramp, not a call to rampAlpha (within one step of
 * 255 of it).
 */
export function heatPixels(values: Float32Array, n: number, max: number): Uint8ClampedArray<ArrayBuffer> {
  const bytes = new Uint8ClampedArray(4 * n * n);
  const pixels = new Uint32Array(bytes.buffer);
  const ramp = pixelsOfRamp();
  const scale = max > 0 ? RAMP_STEPS / max : 0;
  for (let p = 0; p < n * n; p++) {
    const k = Math.round((values[p] as number) * scale);
    // NaN and negatives (none in a softmax) get the empty end, as rampAlpha gives them.
    pixels[p] = ramp[k > 0 ? Math.min(k, RAMP_STEPS) : 0] as number;
  }
  return bytes;
}

/** Draws an n×n matrix into `canvas` (heatPixels). */
export function drawHeat(canvas: HTMLCanvasElement, values: Float32Array, n: number, max: number): void {
  canvas.width = n;
  canvas.height = n;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.putImageData(new ImageData(heatPixels(values, n, max), n, n), 0, 0);
}
