import type { Locator, Page } from '@playwright/test';

/** One text drawn smaller than asked: where (tag.class of its element), its first characters, its drawn size. */
export interface SmallText {
  readonly where: string;
  readonly text: string;
  readonly px: number;
}

/** What presentation mode must hold on a slide: no text drawn below the minimum, nothing past the frame sideways. */
export interface PresentTextReport {
  /** Texts drawn below the minimum, smallest first (one per element and size, at most 12). */
  readonly small: SmallText[];
  /** How far the widget's content reaches past its frame's right edge, in screen px (0 when it fits). */
  readonly overflowX: number;
}

/**
 * The smallest type a presented frame of this size must draw, in CSS px: 18 px at 1280×720 (issue 22), scaled
 * with the frame's height below 720 px, because a deck scales a slide to the projector's height (a 900×600
 * frame fills a 1280×720 screen at ×1.2, so its 15 px reach 18 px). Taller frames keep 18.
 */
export function presentMinimum(size: { readonly height: number }): number {
  return Math.round(18 * Math.min(1, size.height / 720) * 10) / 10;
}

/**
 * Measures the type a widget draws on screen, for presentation mode (issue 22: ≥ 18 px at 1280×720).
 *
 * How: every visible text node's computed font size times the scale its element is drawn at. For SVG the scale
 * is the text's screen matrix (getScreenCTM: the viewBox fit, CSS zoom and every transform above it), so a
 * 12-unit label in a picture drawn at 0.7 counts as 8.4 px; for HTML it is the element's CSS zoom times every
 * transform above it (the embed's fit, a deck's slide scaling), across shadow roots. Font size, not glyph height,
 * is what a type size names, the same for every font. Left out: text nobody sees (display:none, a closed view
 * tab or <details>, visually-hidden, KaTeX's MathML copy and its zero-width struts) and a formula's sub- and
 * superscripts and a big operator's limits (sized from their base by design; the base is measured). Text further down a frame that scrolls
 * is measured too: the reader scrolls to it.
 *
 * `target` is a page (its `[data-widget]`) or a locator (e.g. a `<stepwise-widget>`: its shadow root is walked).
 */
export function presentTextReport(target: Page | Locator, min: number): Promise<PresentTextReport> {
  const widget = 'goto' in target ? target.locator('[data-widget]').first() : target;
  return widget.evaluate(measure, min);
}

/** The in-page half of presentTextReport (self-contained: Playwright sends its source to the page). */
function measure(host: Element, minPx: number): PresentTextReport {
  const root = host.shadowRoot?.querySelector('[data-widget]') ?? host;
  // A big operator's limits (Σ's j = 1 and 4 in display style) are scripts too, sized from it like .msupsub.
  const skip = '.katex-mathml, .msupsub, .op-limits .sizing, .visually-hidden, sub, sup, [aria-hidden="true"] title';
  const found = new Map<string, SmallText>();
  // The scale an HTML element is drawn at: its CSS zoom times every transform above it (the embed's fit, a
  // deck's slide scaling), across shadow roots. Exact, unlike a rect over offsetWidth (whole pixels).
  const htmlScale = (el: Element): number => {
    let s = 1;
    for (let e: Element | null = el; e; ) {
      const t = getComputedStyle(e).transform;
      if (t && t !== 'none') {
        const m = new DOMMatrixReadOnly(t);
        s *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      }
      const root = e.getRootNode();
      e = e.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
    }
    return s * ((el as HTMLElement).currentCSSZoom ?? 1);
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    // KaTeX's struts are zero-width spaces: no glyph to read.
    const text = node.textContent?.replace(/\u200b/g, '').trim();
    if (!el || !text || el.closest(skip)) continue;
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    let scale = 1;
    if (el instanceof SVGGraphicsElement) {
      const m = el.getScreenCTM();
      scale = m ? Math.sqrt(Math.abs(m.a * m.d - m.b * m.c)) : 1;
    } else {
      scale = htmlScale(el);
    }
    const px = Math.round(Number.parseFloat(getComputedStyle(el).fontSize) * scale * 10) / 10;
    if (px >= minPx - 0.05) continue;
    const where = `${el.tagName.toLowerCase()}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    const key = `${where}@${px}`;
    if (!found.has(key)) found.set(key, { where, text: text.slice(0, 24), px });
  }
  const small = [...found.values()].sort((a, b) => a.px - b.px).slice(0, 12);
  // The frame: the embed page's scrolling box, the element's box, or the window.
  const frame = root.closest('.embed-box') ?? host.shadowRoot?.querySelector('.stepwise-box') ?? null;
  const right = frame ? frame.getBoundingClientRect().right : innerWidth;
  let reach = root.getBoundingClientRect().right;
  if (frame) reach = Math.max(reach, frame.getBoundingClientRect().left + frame.scrollWidth);
  return { small, overflowX: Math.max(0, Math.round(reach - right - 1)) };
}
