/** Colour stops of the weight ramp, from 0 to the largest weight (readable on light and dark pages). */
export const rampStops: readonly [number, [number, number, number]][] = [
  [0, [250, 247, 240]],
  [0.5, [230, 145, 56]],
  [1, [110, 38, 0]],
];

/** The ramp's colour at t in [0, 1]. */
export function rampColour(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  for (let s = 1; s < rampStops.length; s++) {
    const [t1, c1] = rampStops[s] as [number, [number, number, number]];
    const [t0, c0] = rampStops[s - 1] as [number, [number, number, number]];
    if (x <= t1) {
      const u = (x - t0) / (t1 - t0);
      return [0, 1, 2].map((k) => Math.round((c0[k] as number) + u * ((c1[k] as number) - (c0[k] as number)))) as [
        number,
        number,
        number,
      ];
    }
  }
  return rampStops[rampStops.length - 1]?.[1] ?? [0, 0, 0];
}

/** CSS linear-gradient for the legend, the same stops as the canvas. */
export const rampGradient = `linear-gradient(to right, ${rampStops.map(([t, c]) => `rgb(${c.join(' ')}) ${t * 100}%`).join(', ')})`;

/** Draws an n×n matrix into `canvas`, one pixel per entry, colour ∝ value / max. */
export function drawHeat(canvas: HTMLCanvasElement, values: Float32Array, n: number, max: number): void {
  canvas.width = n;
  canvas.height = n;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(n, n);
  const lut = Array.from({ length: 256 }, (_, k) => rampColour(k / 255));
  const scale = max > 0 ? 255 / max : 0;
  for (let p = 0; p < n * n; p++) {
    const c = lut[Math.min(255, Math.round((values[p] as number) * scale))] ?? [0, 0, 0];
    img.data[4 * p] = c[0];
    img.data[4 * p + 1] = c[1];
    img.data[4 * p + 2] = c[2];
    img.data[4 * p + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}
