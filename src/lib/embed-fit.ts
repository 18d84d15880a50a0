/**
 * Fitting a widget into whatever box it is given (an iframe from 320×240 up,
 * a projector at 1920×1080): lay it out at one of a few widths, measure, and
 * scale the result so it fits without any scrollbar. The width chosen is the
 * one that lets the widget be drawn largest.
 */

/** Layout widths tried, in CSS pixels: phone to wide desktop. */
export const layoutWidths: readonly number[] = [320, 400, 480, 560, 640, 720, 800, 880, 960, 1120, 1280, 1440, 1600];

/** One measured layout: the widget's height at `width`, and whether something inside it would scroll. */
export interface Measured {
  readonly width: number;
  readonly height: number;
  readonly overflows: boolean;
}

export interface Fit {
  /** Layout width in CSS pixels. */
  readonly width: number;
  /** Scale applied to that layout. */
  readonly scale: number;
}

/** The scale that makes a `m.width × m.height` layout fit `box` (capped at `maxScale`). */
export function scaleFor(m: Measured, box: { width: number; height: number }, maxScale: number): number {
  if (m.width <= 0 || m.height <= 0) return 1;
  return Math.min(maxScale, box.width / m.width, box.height / m.height);
}

/**
 * Picks the layout drawn largest in `box`: layouts with an inner scrollbar
 * only when every one has one; among scales within 2% of the best, the widest
 * (fewer wrapped lines at the same size).
 */
export function chooseFit(layouts: readonly Measured[], box: { width: number; height: number }, maxScale: number): Fit {
  if (layouts.length === 0) return { width: box.width, scale: 1 };
  const clean = layouts.filter((m) => !m.overflows);
  const pool = clean.length > 0 ? clean : layouts;
  const scored = pool.map((m) => ({ width: m.width, scale: scaleFor(m, box, maxScale) }));
  const best = Math.max(...scored.map((s) => s.scale));
  const near = scored.filter((s) => s.scale >= best * 0.98);
  return near.reduce((a, b) => (b.width > a.width ? b : a));
}

/** The elements inside `stage` that may scroll (overflow auto or scroll on either axis). */
function scrollers(stage: HTMLElement): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const el of stage.querySelectorAll<HTMLElement>('*')) {
    const s = getComputedStyle(el);
    if (/(auto|scroll)/.test(`${s.overflowX} ${s.overflowY}`)) out.push(el);
  }
  return out;
}

function overflowing(els: readonly HTMLElement[]): boolean {
  const scrolls = (v: string) => v === 'auto' || v === 'scroll';
  return els.some((el) => {
    const s = getComputedStyle(el);
    return (
      (scrolls(s.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
      (scrolls(s.overflowY) && el.scrollHeight > el.clientHeight + 1)
    );
  });
}

/**
 * Lays `stage` out at each candidate width no wider than `maxWidth`, then at
 * the chosen one, scaled (CSS transform, which leaves the layout alone) and
 * centred in `box`.
 */
export function fitStage(box: HTMLElement, stage: HTMLElement, options: { maxScale: number; maxWidth?: number }): Fit {
  const boxSize = { width: box.clientWidth, height: box.clientHeight };
  stage.style.transform = 'none';
  const inner = scrollers(stage);
  const widths = layoutWidths.filter((w) => w <= (options.maxWidth ?? Number.POSITIVE_INFINITY));
  const measured: Measured[] = [];
  for (const width of widths.length > 0 ? widths : [320]) {
    stage.style.width = `${width}px`;
    measured.push({ width, height: stage.scrollHeight, overflows: overflowing(inner) });
  }
  const fit = chooseFit(measured, boxSize, options.maxScale);
  stage.style.width = `${fit.width}px`;
  const height = stage.scrollHeight;
  // Re-measure at the chosen width: scale to what is really there.
  const scale = scaleFor({ width: fit.width, height, overflows: false }, boxSize, options.maxScale);
  const left = Math.max(0, (boxSize.width - fit.width * scale) / 2);
  const top = Math.max(0, (boxSize.height - height * scale) / 2);
  stage.style.transform = `translate(${left}px, ${top}px) scale(${scale})`;
  return { width: fit.width, scale };
}
