import { describe, expect, it } from 'vitest';
import type { LiveSymbol } from '~lib/tex/live.ts';
import { dotTerms, entry, num } from '~components/widgets/gated/expand.ts';

// A cell's live symbols as cellSymbols gives them: a matrix, vectors (a bias is a vector too).
const symbols: Record<string, LiveSymbol> = {
  W_ir: {
    tex: 'W_{ir}',
    value: [
      [0.5, -1.25],
      [2, 0],
    ],
  },
  x_t: { tex: 'x_t', value: [0.8, -0.3] },
  b_ir: { tex: 'b_{ir}', value: [0.1, -0.2] },
};

describe('expand.ts reads the numbers it writes out from the live symbols', () => {
  it('entry binds a matrix entry (i, j) and a vector entry i as num does', () => {
    expect(entry(symbols, 'W_ir', 0, 1)).toBe(num('W_ir', 0, 1, -1.25));
    expect(entry(symbols, 'b_ir', 1)).toBe(num('b_ir', 1, 0, -0.2));
    expect(entry(symbols, 'x_t', 0, 0, 3)).toBe(num('x_t', 0, 0, 0.8, 3));
  });

  it('entry writes NaN for a symbol or entry the cell does not have', () => {
    expect(entry(symbols, 'b_hr', 0)).toBe(num('b_hr', 0, 0, Number.NaN));
    expect(entry(symbols, 'x_t', 5)).toBe(num('x_t', 5, 0, Number.NaN));
  });

  it("dotTerms writes row k of W times the vector, term by term, as the formulas' lines did", () => {
    expect(dotTerms(symbols, 'W_ir', 0, 'x_t')).toBe(
      `${num('W_ir', 0, 0, 0.5)}\\cdot ${num('x_t', 0, 0, 0.8)} + ${num('W_ir', 0, 1, -1.25)}\\cdot ${num('x_t', 1, 0, -0.3)}`,
    );
    expect(dotTerms(symbols, 'W_hr', 0, 'x_t')).toBe('');
  });
});
