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
  /**
   * The narrowest live picture of this layout (a DiagramFrame's svg): its laid-out width and the min-width it
   * asks for, both in CSS pixels. Absent when the widget has no picture.
   */
  readonly picture?: { readonly width: number; readonly min: number };
}

/** How a stage may be scaled: at most maxScale, at least minScale (default 0: always fit), no wider than maxWidth. */
export interface FitOptions {
  readonly maxScale: number;
  readonly minScale?: number;
  readonly maxWidth?: number;
}

export interface Fit {
  /** Layout width in CSS pixels. */
  readonly width: number;
  /** Scale applied to that layout. */
  readonly scale: number;
  /** The layout's height when it was scaled (scaleStage only). */
  readonly height?: number;
}

/** The scale that makes a `m.width × m.height` layout fit `box` (capped at `maxScale`). */
export function scaleFor(m: Measured, box: { width: number; height: number }, maxScale: number): number {
  if (m.width <= 0 || m.height <= 0) return 1;
  return Math.min(maxScale, box.width / m.width, box.height / m.height);
}

/** How wide a layout's picture is drawn on screen at `scale`, as a share of the min-width it asks for (∞ without one). */
export function pictureShare(m: Measured, scale: number): number {
  return m.picture && m.picture.min > 0 ? (m.picture.width * scale) / m.picture.min : Number.POSITIVE_INFINITY;
}

/**
 * Picks the layout drawn largest in `box`: layouts with an inner scrollbar
 * only when every one has one; among scales within 2% of the best, the widest
 * (fewer wrapped lines at the same size). A widget with a picture keeps the
 * picture at its min-width on screen (the width below which a page would
 * scroll it rather than shrink it) whenever some layout allows that, and
 * otherwise takes the layout that draws the picture widest: the embed scales
 * the whole widget, so the widest layout for the rest is not always the
 * largest picture. A layout is scored at the scale it will be drawn at: never
 * below `minScale` (presentation mode), so when no layout fits at that size
 * they all tie and the widest wins (fewest lines, pictures drawn largest).
 */
export function chooseFit(
  layouts: readonly Measured[],
  box: { width: number; height: number },
  maxScale: number,
  minScale = 0,
): Fit {
  if (layouts.length === 0) return { width: box.width, scale: 1 };
  const clean = layouts.filter((m) => !m.overflows);
  const unscrolled = clean.length > 0 ? clean : layouts;
  const drawnAt = (m: Measured) => Math.max(minScale, scaleFor(m, box, maxScale));
  const share = (m: Measured) => pictureShare(m, drawnAt(m));
  const legible = unscrolled.filter((m) => share(m) >= 1);
  const widest = Math.max(...unscrolled.map(share));
  const pool = legible.length > 0 ? legible : unscrolled.filter((m) => share(m) >= widest * 0.98);
  const scored = pool.map((m) => ({ width: m.width, scale: drawnAt(m) }));
  const best = Math.max(...scored.map((s) => s.scale));
  const near = scored.filter((s) => s.scale >= best * 0.98);
  return near.reduce((a, b) => (b.width > a.width ? b : a));
}

/** The narrowest picture of `stage` as laid out now, relative to the min-width it asks for; undefined without one. */
function narrowestPicture(stage: HTMLElement): Measured['picture'] {
  let out: Measured['picture'];
  for (const svg of stage.querySelectorAll<SVGSVGElement>('[data-diagram] svg')) {
    const min = Number.parseFloat(getComputedStyle(svg).minWidth) || 0;
    // The CSS box, not the bounding rect: a fit measures its layouts with the stage untransformed, but need not.
    const width = svg.clientWidth;
    if (min > 0 && (out === undefined || width / min < out.width / out.min)) out = { width, min };
  }
  return out;
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
    // A scroller nobody sees (inside a closed <details>, a hidden view tab) keeps a stale scroll width: the
    // multi-head picture's closed numbers table marked every layout but one as scrolling, and the fit drew the
    // picture at 640 px in a 900 px frame.
    if (!el.checkVisibility()) return false;
    const s = getComputedStyle(el);
    return (
      (scrolls(s.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
      (scrolls(s.overflowY) && el.scrollHeight > el.clientHeight + 1)
    );
  });
}

/**
 * Lays `stage` out at each candidate width no wider than `maxWidth` and
 * leaves it at the one drawn largest in `box`. Parts that redraw for their
 * width a moment later (plots) are measured as they stand, so the choice is
 * approximate; `scaleStage` then fits what is really there.
 */
export function chooseStageWidth(box: HTMLElement, stage: HTMLElement, options: FitOptions): number {
  const boxSize = { width: box.clientWidth, height: box.clientHeight };
  const inner = scrollers(stage);
  // A layout kept at minScale or more must also be no wider than the box (less the stage's padding and a
  // scrollbar), or it would scroll sideways.
  const room = options.minScale ? (boxSize.width - 24) / options.minScale : Number.POSITIVE_INFINITY;
  const widest = Math.min(options.maxWidth ?? Number.POSITIVE_INFINITY, room);
  const widths = layoutWidths.filter((w) => w <= widest);
  // In presentation mode the room itself is a layout too: a picture's type grows with its width, and between
  // two listed widths (876 px of room in a 900 px frame, 800 listed) the last ~10% decides whether its labels
  // reach the slide's minimum.
  if (Number.isFinite(room) && widest > (widths.at(-1) ?? 0)) widths.push(Math.floor(widest));
  const measured: Measured[] = [];
  for (const width of widths.length > 0 ? widths : [320]) {
    stage.style.width = `${width}px`;
    const picture = narrowestPicture(stage);
    measured.push({ width, height: stage.scrollHeight, overflows: overflowing(inner), ...(picture && { picture }) });
  }
  const fit = chooseFit(measured, boxSize, options.maxScale, options.minScale);
  stage.style.width = `${fit.width}px`;
  return fit.width;
}

/**
 * Scales `stage` at its current width so its current height fits `box`, centred (a transform: no reflow).
 * Never below `minScale`: a taller stage then runs past the box, which scrolls (presentation mode).
 */
export function scaleStage(box: HTMLElement, stage: HTMLElement, maxScale: number, minScale = 0): Fit {
  const boxSize = { width: box.clientWidth, height: box.clientHeight };
  const width = stage.offsetWidth;
  const height = stage.scrollHeight;
  const scale = Math.max(minScale, scaleFor({ width, height, overflows: false }, boxSize, maxScale));
  const left = Math.max(0, (boxSize.width - width * scale) / 2);
  const top = Math.max(0, (boxSize.height - height * scale) / 2);
  stage.style.transform = `translate(${left}px, ${top}px) scale(${scale})`;
  // What this fit was for: a test (or a host page) can tell a fit that is current from one a late redraw has
  // not caught up with yet (the next frame rescales it).
  stage.dataset.fit = `${boxSize.width}×${boxSize.height}:${height}`;
  return { width, scale, height };
}

/**
 * Keeps `stage` fitted in `box`. The layout width is chosen again when the
 * box changes size or the widget's height changes a lot (it finished
 * loading, a step showed a new panel); any other height change (a plot
 * redrawn for its width, a font loaded) only rescales, so the choice cannot
 * oscillate. Returns a function that stops it.
 */
export function keepFitted(box: HTMLElement, stage: HTMLElement, options: FitOptions): () => void {
  let frame = 0;
  let boxKey = '';
  let chosenHeight = 0;
  const update = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      if (box.clientWidth === 0 || box.clientHeight === 0) return;
      const key = `${box.clientWidth}×${box.clientHeight}`;
      const height = stage.scrollHeight;
      if (key !== boxKey || Math.abs(height - chosenHeight) > 0.25 * chosenHeight) {
        boxKey = key;
        stage.style.transform = 'none';
        chooseStageWidth(box, stage, options);
        chosenHeight = stage.scrollHeight;
      }
      scaleStage(box, stage, options.maxScale, options.minScale);
    });
  };
  const observer = new ResizeObserver(update);
  observer.observe(box);
  observer.observe(stage);
  update();
  return () => {
    observer.disconnect();
    cancelAnimationFrame(frame);
  };
}
