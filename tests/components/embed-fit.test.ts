import { describe, expect, it } from 'vitest';
import { chooseFit, type Measured, scaleFor } from '../../src/lib/embed-fit.ts';

/** A widget whose area stays about the same as it reflows: height = area / width. */
function reflowing(area: number, widths: number[], overflowBelow = 0): Measured[] {
  return widths.map((width) => ({ width, height: area / width, overflows: width < overflowBelow }));
}

describe('embed fit', () => {
  it('scaleFor fits both sides and caps the scale', () => {
    expect(scaleFor({ width: 640, height: 480, overflows: false }, { width: 320, height: 240 }, 1)).toBe(0.5);
    expect(scaleFor({ width: 640, height: 960, overflows: false }, { width: 640, height: 480 }, 1)).toBe(0.5);
    expect(scaleFor({ width: 400, height: 300, overflows: false }, { width: 1920, height: 1080 }, 3)).toBe(3);
  });

  it('chooseFit picks the layout drawn largest: a wide box takes a wide layout, a tall box a narrow one', () => {
    const layouts = reflowing(800 * 600, [320, 480, 640, 800, 960, 1280]);
    const wide = chooseFit(layouts, { width: 1920, height: 1080 }, 3);
    const tall = chooseFit(layouts, { width: 400, height: 900 }, 3);
    expect(wide.width).toBeGreaterThan(tall.width);
    for (const fit of [wide, tall]) {
      const m = layouts.find((l) => l.width === fit.width);
      if (!m) throw new Error('no such layout');
      expect(fit.width * fit.scale).toBeLessThanOrEqual(fit.width === wide.width ? 1920 : 400);
      expect(m.height * fit.scale).toBeLessThanOrEqual(fit.width === wide.width ? 1080 : 900);
    }
  });

  it('chooseFit avoids layouts with an inner scrollbar unless every layout has one', () => {
    const layouts = reflowing(800 * 600, [320, 480, 640, 800], 640);
    expect(chooseFit(layouts, { width: 320, height: 2000 }, 1).width).toBeGreaterThanOrEqual(640);
    const all = reflowing(800 * 600, [320, 480], 10_000);
    expect(chooseFit(all, { width: 320, height: 2000 }, 1).width).toBe(320);
  });

  it('among equal scales chooseFit prefers the widest layout (fewer wrapped lines)', () => {
    const layouts: Measured[] = [
      { width: 480, height: 300, overflows: false },
      { width: 640, height: 300, overflows: false },
    ];
    expect(chooseFit(layouts, { width: 1920, height: 1080 }, 1)).toEqual({ width: 640, scale: 1 });
  });
});
