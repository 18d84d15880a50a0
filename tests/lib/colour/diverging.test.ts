import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cellEnds,
  cellTone,
  contrast,
  heatColour,
  heatGradient,
  hexToRgb,
  maxMix,
  mixRgb,
  scaleOf,
} from '~lib/colour/diverging.ts';

/** The tokens of one theme block in src/styles/global.css. */
function tokens(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[\da-f]{6})/gi)].map((m) => [m[1] ?? '', m[2] ?? '']));
}
const css = readFileSync(new URL('../../../src/styles/global.css', import.meta.url), 'utf8');
const light = tokens(css.slice(css.indexOf(':root {'), css.indexOf(':root[data-theme="dark"]')));
const dark = tokens(css.slice(css.indexOf(':root[data-theme="dark"]')));

describe('cellTone', () => {
  it('cellTone(v, scale) picks the end by sign and mixes in proportion to |v| / scale', () => {
    expect(cellTone(-0.5, 1)).toEqual({ end: 'neg', mix: 0.35 });
    expect(cellTone(2, 1)).toEqual({ end: 'pos', mix: maxMix });
    expect(cellTone(0, 1).mix).toBe(0);
  });
  it('cellTone(NaN) gets no colour and cellTone(±Infinity) the strongest', () => {
    expect(cellTone(Number.NaN, 1).mix).toBe(0);
    expect(cellTone(Number.NEGATIVE_INFINITY, 1)).toEqual({ end: 'neg', mix: maxMix });
  });
  it('scaleOf(values) is the largest finite |value|, never below the floor', () => {
    expect(scaleOf([0.2, -3, Number.POSITIVE_INFINITY])).toBe(3);
    expect(scaleOf([0.1])).toBe(1);
  });
});

describe('heatColour', () => {
  it('heatColour(t) is fully transparent at zero, so a zero cell is the page background in either theme', () => {
    expect(heatColour(0, false)).toBe('rgb(179 88 6 / 0)');
    expect(heatColour(0.5, true)).toMatch(/ \/ 0\)$/);
  });
  it('heatColour(t) at the ends is the matrix cells’ end colour at maxMix, and NaN or out of range clamps', () => {
    expect(heatColour(1, false)).toBe(`rgb(179 88 6 / ${maxMix})`);
    expect(heatColour(0, true)).toBe(`rgb(33 102 172 / ${maxMix})`);
    expect(heatColour(1, true)).toBe(`rgb(179 88 6 / ${maxMix})`);
    expect(heatColour(0.25, true)).toBe(`rgb(33 102 172 / ${maxMix / 2})`);
    expect(heatColour(Number.NaN, false)).toBe(heatColour(0, false));
    expect(heatColour(2, false)).toBe(heatColour(1, false));
  });
  it('heatGradient(diverging) runs through the same colours as heatColour', () => {
    expect(heatGradient(false)).toBe(`linear-gradient(to right, rgb(179 88 6 / 0) 0%, rgb(179 88 6 / ${maxMix}) 100%)`);
    expect(heatGradient(true)).toContain(`${heatColour(0.5, true)} 50%`);
  });
});

describe('cell text contrast', () => {
  for (const [name, theme] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    // Matrix cells mix into --bg-raised; heatmap cells are translucent over the widget (--bg-raised) or a card (--bg).
    for (const background of ['bg-raised', 'bg'])
      it(`--text on every cell over --${background} is WCAG AA (4.5:1) in the ${name} theme`, () => {
        const text = hexToRgb(theme.text ?? '');
        const base = hexToRgb(theme[background] ?? '');
        for (const end of [cellEnds.neg, cellEnds.pos]) {
          for (let m = 0; m <= maxMix + 1e-9; m += 0.01) {
            expect(contrast(mixRgb(hexToRgb(end), base, m), text), `${end} at ${m.toFixed(2)}`).toBeGreaterThanOrEqual(
              4.5,
            );
          }
        }
      });
  }
  it('contrast(black, white) is 21', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
  });
});
