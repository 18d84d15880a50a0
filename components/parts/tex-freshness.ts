import type { Attachment } from 'svelte/attachments';
import { katexLoader } from '~lib/tex/katex-loader.svelte.ts';
import type { ViewHolds } from '../state/kit/view-holds.svelte.ts';

/**
 * For an element showing one rendered formula (`{@html renderTex(tex)}`):
 * while KaTeX has not loaded, the element keeps the HTML the server rendered.
 * When that HTML no longer shows `tex` (the numbers changed before KaTeX
 * arrived, or the formula was created in the browser), KaTeX is loaded at
 * once and the widget's data-ready is held until the formula re-renders.
 */
export function holdUntilRendered(
  getTex: () => string | undefined,
  holds: ViewHolds | undefined,
): Attachment<HTMLElement> {
  return (el) => {
    const tex = getTex();
    if (tex === undefined || katexLoader.module !== undefined || katexLoader.failure !== undefined) return;
    // KaTeX writes the TeX it rendered into the MathML annotation, so the HTML says what it shows.
    const shown = el.querySelector('annotation[encoding="application/x-tex"]')?.textContent;
    if (shown === tex) return;
    katexLoader.load().catch(() => {});
    return holds?.hold();
  };
}
