import { m } from '~lib/i18n/messages.ts';

/**
 * Display formulas wider than the column scroll sideways (global.css) instead of widening the page. A region
 * that scrolls must be reachable by keyboard, or a reader without a pointer cannot see its right end: each
 * formula that overflows becomes a tab stop (tabindex 0, named by its TeX source) and stops being one when the
 * column grows wide enough again. Formulas that fit add no tab stop.
 */
export function keyboardScrollableFormulas(root: ParentNode = document): void {
  const formulas = [...root.querySelectorAll<HTMLElement>('.katex-display')];
  if (formulas.length === 0) return;
  const mark = (el: HTMLElement) => {
    const overflows = el.scrollWidth > el.clientWidth + 1;
    if (overflows && !el.hasAttribute('tabindex')) {
      el.tabIndex = 0;
      el.setAttribute('role', 'group');
      el.setAttribute('aria-label', m.chrome_formula_scrolls());
    } else if (!overflows && el.getAttribute('tabindex') === '0') {
      el.removeAttribute('tabindex');
      el.removeAttribute('role');
      el.removeAttribute('aria-label');
    }
  };
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) mark(entry.target as HTMLElement);
  });
  for (const el of formulas) observer.observe(el);
  // A formula's own box keeps the column's width when its content grows: KaTeX's fonts arriving after the first
  // layout widen the glyphs without resizing the box, so the observer never hears of it (a CI run's axe found a
  // formula on /decoding/ that scrolled with no tab stop). Look again whenever fonts finish loading.
  const markAll = () => {
    for (const el of formulas) mark(el);
  };
  document.fonts?.addEventListener('loadingdone', markAll);
  void document.fonts?.ready.then(markAll);
}
