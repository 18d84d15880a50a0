import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellEnds, maxMix } from '~lib/colour/diverging.ts';
import { seriesPalette } from '~lib/colour/palette.ts';
import { expectAllClose } from '../../engine/tolerance.ts';
import { deltaE2000, fromLinear, hex, lab, mix, type Rgb, simulate, toLinear, visions } from './colour-vision.ts';

/**
 * The site's colours under simulated colour-vision deficiencies (Machado et
 * al. 2009, severity 1.0, in linear RGB; see colour-vision.ts):
 * - the diverging scales (matrix cells, heatmaps, unrolled diagrams) keep
 *   their two ends apart by CIEDE2000 ≥ 20 and their lightness monotonic from
 *   each end to the middle, in both themes;
 * - every categorical palette written in the plot code keeps every pair of
 *   series at CIEDE2000 ≥ 10 (about three "just noticeable" steps of a
 *   reader comparing two lines side by side).
 */

const DIVERGING_MIN = 20;
const SERIES_MIN = 10;

const root = new URL('../../../', import.meta.url).pathname;
const css = readFileSync(join(root, 'src/styles/global.css'), 'utf8');
/** The #rrggbb tokens of one theme block of global.css. */
function tokens(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[\da-f]{6})/gi)].map((m) => [m[1] ?? '', m[2] ?? '']));
}
const themes = {
  light: tokens(css.slice(css.indexOf(':root {'), css.indexOf(':root[data-theme="dark"]'))),
  dark: tokens(css.slice(css.indexOf(':root[data-theme="dark"]'))),
};
const token = (theme: keyof typeof themes, name: string): Rgb => hex(themes[theme][name] ?? 'missing');

describe('colour-vision helpers against published values', () => {
  it('lab(sRGB) gives the CIELAB (D65) reference values of white, red and blue', () => {
    // Within 0.02 in each of L*, a*, b*.
    const lab002 = { rtol: 0, atol: 0.02 };
    expectAllClose(lab(hex('#ffffff')), [100, 0, 0], lab002);
    expectAllClose(lab(hex('#ff0000')), [53.2408, 80.0925, 67.2032], lab002);
    expectAllClose(lab(hex('#0000ff')), [32.297, 79.1875, -107.8602], lab002);
  });
  it('deltaE2000 matches Sharma, Wu & Dalal (2005) test pairs 1, 7, 8, 16–19 and 24 to 1e-4', () => {
    const pairs: [number[], number[], number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.49, -0.001], [50, -2.49, 0.0009], 7.1792],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[50, 2.5, 0], [61, -5, 29], 22.8977],
      [[50, 2.5, 0], [56, -27, -3], 31.903],
      [[50, 2.5, 0], [58, 24, 15], 19.4535],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    ];
    for (const [a, b, want] of pairs) expect(deltaE2000(a as never, b as never)).toBeCloseTo(want, 4);
  });
  it('simulate(c, vision) keeps greys grey and white white (each Machado row sums to 1)', () => {
    for (const v of visions)
      for (const g of ['#ffffff', '#777777', '#000000'])
        for (const [k, c] of simulate(hex(g), v).entries()) expect(Math.abs(c - (hex(g)[k] ?? 0))).toBeLessThan(2e-3);
  });
  it('simulate(c, deuteranopia) merges red and green (ΔE2000 76 → under 5) and tritanopia keeps them apart', () => {
    const d = (v: (typeof visions)[number]) =>
      deltaE2000(lab(simulate(hex('#ff0000'), v)), lab(simulate(hex('#00aa00'), v)));
    expect(d('normal')).toBeGreaterThan(70);
    expect(d('deuteranopia')).toBeLessThan(5);
    expect(d('tritanopia')).toBeGreaterThan(50);
    expect(fromLinear(toLinear(0.5))).toBeCloseTo(0.5, 12);
  });
});

/** One diverging scale: its two ends and middle as drawn, with the largest share of the end colour used. */
interface Diverging {
  name: string;
  neg: Rgb;
  pos: Rgb;
  middle: Rgb;
  strongest: number;
}

const divergingScales: Diverging[] = [
  ...(['light', 'dark'] as const).flatMap((t) => [
    // MatrixView cells: cellEnds mixed into --bg-raised up to maxMix (src/lib/colour/diverging.ts).
    {
      name: `matrix cells, ${t}`,
      neg: hex(cellEnds.neg),
      pos: hex(cellEnds.pos),
      middle: token(t, 'bg-raised'),
      strongest: maxMix,
    },
    // UnrolledDiagram value cells: the theme's --neg / --pos mixed into --bg-raised up to 55 %.
    {
      name: `unrolled diagram, ${t}`,
      neg: token(t, 'neg'),
      pos: token(t, 'pos'),
      middle: token(t, 'bg-raised'),
      strongest: 0.55,
    },
  ]),
  // Heatmaps (heatColour in src/lib/colour/diverging.ts): cellEnds laid translucently over the card they sit on
  // (--bg for the multi-head heads, --bg-raised elsewhere) up to maxMix, so zero is the theme's background.
  ...(['light', 'dark'] as const).map((t) => ({
    name: `heatmaps on a --bg card, ${t}`,
    neg: hex(cellEnds.neg),
    pos: hex(cellEnds.pos),
    middle: token(t, 'bg'),
    strongest: maxMix,
  })),
];

describe('diverging scales under colour-vision deficiencies', () => {
  for (const s of divergingScales)
    for (const v of visions) {
      it(`${s.name}: the strongest negative and positive cells stay ΔE2000 ≥ ${DIVERGING_MIN} apart (${v})`, () => {
        const n = lab(simulate(mix(s.neg, s.middle, s.strongest), v));
        const p = lab(simulate(mix(s.pos, s.middle, s.strongest), v));
        expect(deltaE2000(n, p)).toBeGreaterThanOrEqual(DIVERGING_MIN);
      });
      it(`${s.name}: lightness moves one way from each end to the middle (${v})`, () => {
        for (const end of [s.neg, s.pos]) {
          const L = Array.from(
            { length: 21 },
            (_, k) => lab(simulate(mix(end, s.middle, (k / 20) * s.strongest), v))[0],
          );
          const dir = Math.sign((L[20] ?? 0) - (L[0] ?? 0));
          expect(dir, 'the end differs in lightness from the middle').not.toBe(0);
          for (let k = 1; k < L.length; k++) expect(dir * ((L[k] ?? 0) - (L[k - 1] ?? 0))).toBeGreaterThan(0);
        }
      });
    }
});

/** Source files that draw plots: every colour list written in them is one plot's categorical palette. */
function plotSources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir))) {
      const rel = `${dir}/${name}`;
      if (statSync(join(root, rel)).isDirectory()) walk(rel);
      else if (/\.(ts|svelte)$/.test(name)) out.push(rel);
    }
  };
  walk('components');
  walk('src/lib');
  return out.filter((f) => /Plot\.|plot/i.test(readFileSync(join(root, f), 'utf8')));
}

/** A source file without its comments (they may quote code). */
const code = (f: string) =>
  readFileSync(join(root, f), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');

/** Lists of two or more '#rrggbb' literals: arrays (`['#a', '#b']`) and records (`{ a: '#a', b: '#b' }`). */
function colourLists(source: string): string[][] {
  const lit = String.raw`'#[\da-f]{6}'`;
  const arrays = source.match(new RegExp(String.raw`\[\s*${lit}(?:\s*,\s*${lit})+\s*,?\s*\]`, 'gi')) ?? [];
  const records =
    source.match(new RegExp(String.raw`\{\s*\w+:\s*${lit}(?:\s*,\s*\w+:\s*${lit})+\s*,?\s*\}`, 'gi')) ?? [];
  return [...arrays, ...records].map((l) => l.match(/#[\da-f]{6}/gi) ?? []);
}

const palettes = [
  {
    where: 'src/lib/colour/palette.ts seriesPalette (gate lines, bottleneck, layer costs)',
    colours: [...seriesPalette],
  },
  ...plotSources().flatMap((f) =>
    colourLists(code(f))
      // The diverging ends are checked above; a ramp's light middle is not a series.
      .filter((l) => !l.includes('#f2f2f2'))
      .map((colours) => ({ where: f, colours })),
  ),
];

describe('categorical plot colours under colour-vision deficiencies', () => {
  it('the plot sources still hold the palettes this test knows (the scan finds them)', () => {
    expect(palettes.length).toBeGreaterThanOrEqual(5);
  });
  it('every colour scale written in a plot names its range or interpolator (Plot’s default scheme, observable10, fails deuteranopia)', () => {
    const defaults = plotSources().flatMap((f) =>
      (code(f).match(/\bcolor:\s*\{[^{}]*\}/g) ?? [])
        .filter((scale) => !/\brange\b|\binterpolate\b|\.\.\./.test(scale))
        .map((scale) => `${f}: ${scale}`),
    );
    expect(defaults).toEqual([]);
  });
  for (const { where, colours } of palettes)
    for (const v of visions)
      it(`${where}: ${colours.join(' ')} stay pairwise ΔE2000 ≥ ${SERIES_MIN} (${v})`, () => {
        const labs = colours.map((c) => lab(simulate(hex(c), v)));
        for (let i = 0; i < labs.length; i++)
          for (let j = i + 1; j < labs.length; j++)
            expect(
              deltaE2000(labs[i] as never, labs[j] as never),
              `${colours[i]} vs ${colours[j]}`,
            ).toBeGreaterThanOrEqual(SERIES_MIN);
      });
  it('seriesPalette lines keep 2.5:1 contrast on both themes’ raised background', () => {
    const lum = (c: Rgb) => {
      const [r, g, b] = c.map(toLinear) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a: Rgb, b: Rgb) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
    for (const c of seriesPalette)
      for (const t of ['light', 'dark'] as const)
        expect(ratio(hex(c), token(t, 'bg-raised')), `${c} on ${t}`).toBeGreaterThanOrEqual(2.5);
  });
});
