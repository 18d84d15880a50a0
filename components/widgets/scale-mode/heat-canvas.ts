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

/** Draws an n×n matrix into `canvas`, one pixel per entry, opacity ∝ value / max. */
export function drawHeat(canvas: HTMLCanvasElement, values: Float32Array, n: number, max: number): void {
  canvas.width = n;
  canvas.height = n;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(n, n);
  const scale = max > 0 ? 1 / max : 0;
  for (let p = 0; p < n * n; p++) {
    img.data[4 * p] = end[0];
    img.data[4 * p + 1] = end[1];
    img.data[4 * p + 2] = end[2];
    img.data[4 * p + 3] = rampAlpha((values[p] as number) * scale);
  }
  ctx.putImageData(img, 0, 0);
}
