import type { Page } from '@playwright/test';

/**
 * What a page built in the pseudo-locale shows that did not come from the catalog. Every message renders as
 * `⟦…⟧`; left over after removing those, a visible text node (or an aria-label, title, alt, placeholder or
 * aria-valuetext of a visible element) may hold numbers, punctuation, math signs and single letters (symbols
 * such as z, τ, e in e^(z/τ), indexed by subscript or superscript letters as in hₜ or Σⱼ), nothing with two letters
 * in a row. Skipped: KaTeX, `translate="no"` (symbols, data, names), code, and what `skip` selects (content from
 * MDX and from not-yet-converted widgets).
 */
export function escapedText(page: Page, scope: string, skip: readonly string[]): Promise<string[]> {
  return page.evaluate(
    ({ scope, skip }) => {
      const ignore = ['.katex', '[translate="no"]', 'code', 'kbd', 'pre', 'script', 'style', 'noscript', ...skip];
      const skipped = (el: Element) => ignore.some((s) => el.closest(s) !== null);
      const unwrap = (text: string) => {
        // Innermost first: a message can hold another (a word passed as a parameter).
        let t = text;
        for (let before = ''; before !== t; ) {
          before = t;
          t = t.replace(/⟦[^⟦⟧]*⟧/g, ' ');
        }
        return t;
      };
      const leftover = (text: string) =>
        unwrap(text)
          .replace(/NaN|[+−-]?∞/g, ' ')
          .replace(/\d+(?:[.,]\d+)?(?:e[+−-]?\d+)?/g, ' ')
          // Subscript and superscript letters (ₜ, ⱼ, ᵀ: modifier letters) index a symbol; they are not a second letter.
          .replace(/\p{Lm}/gu, ' ')
          .match(/\p{L}{2,}/gu);
      const out = new Set<string>();
      const root = document.querySelector(scope);
      if (!root) return [`no ${scope}`];
      // Per element that holds text itself: all the text under it (skipped parts left out), so a message whose
      // values are wrapped in markup (src/lib/i18n/slots.ts) is judged whole: ⟦3 of 5 done⟧ across three nodes.
      const textOf = (el: Element): string =>
        [...el.childNodes]
          .map((c) =>
            c.nodeType === Node.TEXT_NODE
              ? (c.textContent ?? '')
              : c instanceof Element && !skipped(c)
                ? ` ${textOf(c)} `
                : ' ',
          )
          .join('');
      const holders = new Set<Element>();
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode())
        if (n.parentElement && (n.textContent ?? '').trim() !== '') holders.add(n.parentElement);
      for (const el of holders) {
        if (skipped(el) || !el.checkVisibility({ visibilityProperty: true })) continue;
        const text = textOf(el);
        if (leftover(text))
          out.add(`"${text.trim().replace(/\s+/g, ' ').slice(0, 80)}" in <${el.tagName.toLowerCase()}>`);
      }
      for (const el of root.querySelectorAll('[aria-label], [title], [alt], [placeholder], [aria-valuetext]')) {
        // What is hidden from assistive technology is not heard (Plot's own aria-labels in an aria-hidden chart).
        if (skipped(el) || el.closest('[aria-hidden="true"]') || !el.checkVisibility({ visibilityProperty: true }))
          continue;
        for (const name of ['aria-label', 'title', 'alt', 'placeholder', 'aria-valuetext']) {
          const v = el.getAttribute(name);
          if (v && leftover(v)) out.add(`${name}="${v.slice(0, 80)}" on <${el.tagName.toLowerCase()}>`);
        }
      }
      return [...out];
    },
    { scope, skip },
  );
}

/**
 * Elements of the widget that stick out of its box sideways (outside any container that scrolls or clips them):
 * longer text must wrap or scroll, not spill. Empty when nothing does.
 */
export function widgetOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('[data-widget]');
    if (!root) return ['no widget'];
    const edge = root.getBoundingClientRect().right + 1;
    const clips = (el: Element) => /(auto|scroll|hidden|clip)/.test(getComputedStyle(el).overflowX);
    const out: string[] = [];
    for (const el of root.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= edge) continue;
      let clipped = false;
      for (let a = el.parentElement; a && a !== root; a = a.parentElement) if (clips(a)) clipped = true;
      const parent = el.parentElement;
      if (clipped || (parent !== null && parent !== root && parent.getBoundingClientRect().right > edge)) continue;
      out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ends ${Math.round(r.right - edge)} px past`);
    }
    return out;
  });
}
