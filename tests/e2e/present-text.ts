import type { Page } from '@playwright/test';

/** One piece of text drawn too small on a slide: where it is, its words, and its drawn size in px. */
export interface SmallText {
  readonly where: string;
  readonly text: string;
  readonly px: number;
}

/**
 * What a slide at this size gets wrong in presentation mode: visible text inside the widget drawn under `minPx`
 * (HTML text by its font size times the stage's scale, an SVG's by its font size in user units times the
 * picture's scale; a formula by its base size, not its sub- and superscripts), and how far the widget runs past
 * the frame sideways. One evaluate: no reload, no wait.
 */
export function presentTextReport(page: Page, minPx: number): Promise<{ small: SmallText[]; overflowX: number }> {
  return page.evaluate((min) => {
    const widget = document.querySelector<HTMLElement>('[data-widget]');
    const stage = document.querySelector<HTMLElement>('.embed-stage');
    const small: { where: string; text: string; px: number }[] = [];
    if (!widget || !stage) return { small, overflowX: Number.POSITIVE_INFINITY };
    const stageScale = stage.getBoundingClientRect().width / (stage.offsetWidth || 1);
    const svgScale = new Map<SVGSVGElement, number>();
    const scaleOf = (el: Element): number => {
      const svg = el instanceof SVGElement ? el.ownerSVGElement : null;
      if (!svg) return stageScale;
      let s = svgScale.get(svg);
      if (s === undefined) {
        const box = svg.viewBox.baseVal;
        s = box && box.width > 0 ? svg.getBoundingClientRect().width / box.width : stageScale;
        svgScale.set(svg, s);
      }
      return s;
    };
    const walker = document.createTreeWalker(widget, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const el = node.parentElement;
      if (!text || !el) continue;
      if (el.closest('.msupsub, .visually-hidden, [aria-hidden="true"] .katex-mathml, .katex-mathml, sub, sup'))
        continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue;
      // A formula's base size: KaTeX sizes its pieces relative to .katex, and its fractions' parts at 70%.
      const sized = el.closest('.katex') ?? el;
      const px = Number.parseFloat(getComputedStyle(sized).fontSize) * scaleOf(el);
      if (px + 0.05 < min) {
        const host = el.closest('[class]');
        small.push({
          where: `${el.tagName.toLowerCase()}${host ? `.${String(host.getAttribute('class')).split(' ')[0]}` : ''}`,
          text: text.slice(0, 30),
          px: Math.round(px * 10) / 10,
        });
      }
    }
    const right = Math.max(widget.getBoundingClientRect().right, stage.getBoundingClientRect().right);
    const box = stage.parentElement as HTMLElement;
    const overflowX = Math.max(0, right - innerWidth, box.scrollWidth - box.clientWidth);
    return { small, overflowX };
  }, minPx);
}
