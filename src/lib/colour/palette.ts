/**
 * Categorical colours for the series of one plot (gate lines, bottleneck
 * sizes, layer kinds). The first four are Okabe & Ito's colour-blind-safe set
 * ("Color Universal Design", 2008), the fifth a neutral grey. Every pair stays
 * at CIEDE2000 ≥ 12 under simulated protanopia, deuteranopia and tritanopia
 * and each line has at least 2.9:1 contrast on both themes' backgrounds
 * (tests/lib/colour/palette-cvd.test.ts). Plot's default scheme (observable10) does
 * not: its teal and pink merge for deuteranopes (ΔE 2.6).
 */
export const seriesPalette = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#666666'] as const;

/**
 * Dash patterns for the units of one series (unit 1 solid, unit 2 dashed, …):
 * colour tells the series, the dash which unit, so no two lines rely on
 * colour alone.
 */
export const unitDashes = ['none', '6 3', '2 3', '8 3 2 3'] as const;

/** Dot symbols matching unitDashes (Plot symbol names), so the legend can show them. */
export const unitSymbols = ['circle', 'square', 'triangle', 'diamond'] as const;

/** The colours of `n` series, in order (throws past the palette: more series need another encoding). */
export function seriesColours(n: number): string[] {
  if (n > seriesPalette.length) throw new RangeError(`${n} series: the palette has ${seriesPalette.length} colours`);
  return seriesPalette.slice(0, n);
}
