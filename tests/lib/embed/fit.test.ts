import { describe, expect, it } from 'vitest';
import { chooseFit, type Measured, pictureShare, scaleFor } from '~lib/embed/fit.ts';

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

  it('chooseFit(…, minScale) takes the widest layout when none fits at minScale (a slide scrolls, never shrinks)', () => {
    // A long widget on a 1280×720 slide: every layout is taller than the box, the narrower the taller. Shrunk to
    // fit, 800 would be drawn largest (0.72 against 0.65); held at scale 1 they tie and 1120 has fewer lines.
    const layouts: Measured[] = [
      { width: 800, height: 1000, overflows: false },
      { width: 1120, height: 1100, overflows: false },
    ];
    const box = { width: 1280, height: 720 };
    expect(chooseFit(layouts, box, 3).width).toBe(800);
    expect(chooseFit(layouts, box, 3, 1)).toEqual({ width: 1120, scale: 1 });
  });

  it('chooseFit keeps a picture at its min-width on screen when some layout allows it', () => {
    // The picture is capped at 780 px and fills the layout below that; a wider layout is shorter. At 640 the
    // whole widget is drawn largest (scale 0.82) but the picture only 596 × 0.82 = 488 px < 540; at 960 the
    // rest is smaller (0.75) and the picture 780 × 0.75 = 585 px.
    const layouts: Measured[] = [
      { width: 640, height: 660, overflows: false, picture: { width: 596, min: 540 } },
      { width: 960, height: 560, overflows: false, picture: { width: 780, min: 540 } },
    ];
    const box = { width: 720, height: 540 };
    const fit = chooseFit(layouts, box, 1.25);
    expect(fit.width).toBe(960);
    expect(pictureShare(layouts[1] as Measured, fit.scale)).toBeGreaterThanOrEqual(1);
    // Without pictures the same layouts keep the old choice: the one drawn largest.
    const plain = layouts.map(({ picture: _, ...m }) => m);
    expect(chooseFit(plain, box, 1.25).width).toBe(640);
  });

  it('when no layout keeps the picture at its min-width, chooseFit takes the one that draws it widest, never one that scrolls', () => {
    const layouts: Measured[] = [
      { width: 320, height: 900, overflows: true, picture: { width: 540, min: 540 } },
      { width: 640, height: 700, overflows: false, picture: { width: 596, min: 540 } },
      { width: 960, height: 600, overflows: false, picture: { width: 780, min: 540 } },
    ];
    const box = { width: 320, height: 240 };
    const fit = chooseFit(layouts, box, 1);
    // 640: scale min(0.5, 0.343) → 204 px; 960: min(0.333, 0.4) → 260 px. The scrolling 320 layout is out.
    expect(fit.width).toBe(960);
    expect(pictureShare(layouts[2] as Measured, fit.scale)).toBeLessThan(1);
  });
});
