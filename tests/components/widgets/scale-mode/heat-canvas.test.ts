import { describe, expect, it } from 'vitest';
import { cellEnds, hexToRgb } from '~lib/colour/diverging.ts';
import { heatPixels, rampAlpha } from '~components/widgets/scale-mode/heat-canvas.ts';

// The heat map's pixels come from a table of the ramp (a million per run at n = 1024): every pixel must be the
// ramp's colour with rampAlpha's opacity for its value, to within one step of 255.
describe('heatPixels', () => {
  it('gives each entry the ramp’s colour and, within 1/255, rampAlpha(value / max)', () => {
    const n = 37;
    const values = Float32Array.from({ length: n * n }, (_, p) => Math.abs(Math.sin(p * 12.9898)) * 0.3);
    const max = values.reduce((a, b) => Math.max(a, b), 0);
    const bytes = heatPixels(values, n, max);
    const [r, g, b] = hexToRgb(cellEnds.pos);
    expect(bytes.length).toBe(4 * n * n);
    let worst = 0;
    for (let p = 0; p < n * n; p++) {
      expect([bytes[4 * p], bytes[4 * p + 1], bytes[4 * p + 2]]).toEqual([r, g, b]);
      worst = Math.max(worst, Math.abs((bytes[4 * p + 3] as number) - rampAlpha((values[p] as number) / max)));
    }
    expect(worst).toBeLessThanOrEqual(1);
    const largest = values.indexOf(max);
    expect(bytes[4 * largest + 3], 'the largest entry is fully opaque').toBe(255);
  });

  it('draws NaN, negative and zero entries, and a zero max, as the empty end of the ramp', () => {
    const bytes = heatPixels(Float32Array.of(Number.NaN, -0.5, 0, 1), 2, 1);
    expect([bytes[3], bytes[7], bytes[11], bytes[15]]).toEqual([0, 0, 0, 255]);
    expect(Array.from(heatPixels(Float32Array.of(0.2, 0.4, 0, 0), 2, 0)).filter((_, i) => i % 4 === 3)).toEqual([
      0, 0, 0, 0,
    ]);
  });
});
