import { describe, expect, it } from 'vitest';
import { fillTemplate, renderLiveTex } from '~lib/tex/live.ts';

const symbols = {
  z: { tex: 'z_t', value: 0.63 },
  W: { tex: 'W_z', value: [[0.41, -2]] },
  x: { tex: 'x_t', value: [0.8, 1] },
};

describe('fillTemplate', () => {
  it("fillTemplate(t, s, 'symbol') writes each slot's TeX bound to its symbol", () => {
    const tex = fillTemplate('{{z}} = \\sigma({{W}}{{x}})', symbols, 'symbol');
    expect(tex).toContain('\\htmlData{symbol=z, value=0.63}{z_t}');
    expect(tex).toContain('\\htmlData{symbol=W}{W_z}');
  });
  it("fillTemplate(t, s, 'number') substitutes numbers; {{name!}} keeps the symbol", () => {
    const tex = fillTemplate('{{z!}} = \\sigma({{W}}{{x}}) = {{z}}', symbols, 'number');
    expect(tex.startsWith('\\htmlData{symbol=z, value=0.63}{z_t}')).toBe(true);
    expect(tex).toContain('index=0;1, value=-2}{-2.00}');
    expect(tex).toContain('\\begin{bmatrix}');
    expect(tex.endsWith('{0.63}')).toBe(true);
  });
  it('fillTemplate(t, s) shows an unknown slot as ?name instead of throwing', () => {
    expect(fillTemplate('{{nope}}', symbols, 'symbol')).toBe('\\text{?nope}');
  });
});

describe('renderLiveTex', () => {
  it('renderLiveTex(tex) gives every substituted entry data-symbol, data-index "i,j" and data-value', () => {
    const { html, error } = renderLiveTex(fillTemplate('{{W}}', symbols, 'number'));
    expect(error).toBeUndefined();
    expect(html).toContain('data-symbol="W" data-index="0,1" data-value="-2"');
    expect(html).not.toMatch(/data-index="\d+;\d+"/);
  });
  it('renderLiveTex(tex) reports broken TeX as an error, not an exception', () => {
    expect(renderLiveTex('\\frac{').error).toMatch(/KaTeX/);
  });
});
