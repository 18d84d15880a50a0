import { describe, expect, it } from 'vitest';
import { renderTex, texBind } from '~lib/tex/render.ts';

describe('renderTex', () => {
  it('renderTex(tex) renders KaTeX HTML with MathML for screen readers', () => {
    const { html, error } = renderTex('p_i = \\frac{1}{2}');
    expect(error).toBeUndefined();
    expect(html).toContain('class="katex"');
    expect(html).toContain('<math');
  });
  it('renderTex(texBind(...)) carries data-symbol and data-value into the HTML', () => {
    const { html } = renderTex(texBind('p_1', 0.6378, '0.638'));
    expect(html).toContain('data-symbol="p_1"');
    expect(html).toContain('data-value="0.6378"');
  });
  it('renderTex(tex) refuses every trusted command except \\htmlData', () => {
    for (const tex of [
      '\\href{javascript:alert(1)}{x}',
      '\\htmlClass{evil}{x}',
      '\\htmlStyle{color:red}{x}',
      '\\url{https://example.com}',
    ]) {
      const { html } = renderTex(tex);
      expect(html, tex).not.toMatch(/href="javascript|class="[^"]*evil|style="color:red|href="https:\/\/example/);
    }
  });
  it('renderTex(tex) returns an error message for broken TeX instead of throwing', () => {
    const { html, error } = renderTex('\\frac{1}{');
    expect(html).toBe('');
    expect(error).toMatch(/KaTeX parse error/);
  });
});
