import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { katexLoader } from '~lib/tex/katex-loader.svelte.ts';
import { renderTex } from '~lib/tex/render.ts';
import Tex from '~components/parts/Tex.svelte';

/** The markup a fresh render of `tex` gives (what {@html} would have written). */
const fresh = (tex: string) => {
  const el = document.createElement('span');
  el.innerHTML = renderTex(tex, true).html;
  return el.innerHTML;
};
const shownTex = (root: HTMLElement) => root.querySelector('annotation[encoding="application/x-tex"]')?.textContent;

describe('Tex', () => {
  it('patches a formula whose numbers moved in place: same elements, the new numbers, the markup a fresh render gives', async () => {
    await katexLoader.load();
    const screen = await render(Tex, { tex: String.raw`\log p = -1.234`, display: true });
    const span = screen.container.querySelector('.tex') as HTMLElement;
    await expect.poll(() => shownTex(span)).toBe(String.raw`\log p = -1.234`);
    const katex = span.querySelector('.katex');
    const nodes = Array.from(span.querySelectorAll('*'));
    await screen.rerender({ tex: String.raw`\log p = -5.678`, display: true });
    await expect.poll(() => shownTex(span)).toBe(String.raw`\log p = -5.678`);
    expect(span.querySelector('.katex'), 'the formula element is the one drawn before').toBe(katex);
    expect(Array.from(span.querySelectorAll('*')), 'no element was replaced').toEqual(nodes);
    expect(span.innerHTML).toBe(fresh(String.raw`\log p = -5.678`));
  });

  it('draws a formula of another shape as a fresh render would', async () => {
    await katexLoader.load();
    const screen = await render(Tex, { tex: 'x = 1', display: true });
    const span = screen.container.querySelector('.tex') as HTMLElement;
    await screen.rerender({ tex: String.raw`\frac{a}{b} = \sqrt{2}`, display: true });
    await expect.poll(() => shownTex(span)).toBe(String.raw`\frac{a}{b} = \sqrt{2}`);
    expect(span.innerHTML).toBe(fresh(String.raw`\frac{a}{b} = \sqrt{2}`));
    await screen.rerender({ tex: 'x = 1', display: true });
    await expect.poll(() => span.innerHTML).toBe(fresh('x = 1'));
  });
});
