import type { Page } from '@playwright/test';

/**
 * Layout shifts (the browser's Layout Instability API) on loads the sweeps already make: nothing a reader sees may
 * move while the page loads and its widgets become ready (issue 16), nor while they scroll to a widget. Two shifts
 * this found, both fixed: at 375 px every chapter jumped up by 624 px when the chapter list folded after the first
 * paint (score 0.57); an exercise grew by ~220 px when it loaded on scrolling into view, moving the widget below
 * it under the reader's pointer (and a test's click: self-attention.spec's first radio click missed).
 */

/**
 * Above this a page's summed score fails. Pages measure 0–0.0002 today (a formula's glyph settling); the exercise
 * growing at the top of /performance/ scored 0.0048 at 1280×720 (only its last 41 px were on the screen), the
 * folding chapter list 0.57.
 */
export const shiftBudget = 0.001;

/**
 * A separate, looser budget for shifts caused by a web font arriving after the first layout. KaTeX's fonts use
 * `font-display: block`: until a face is decoded, inline formulas are laid out with a fallback's metrics, and a
 * Chinese paragraph with inline math is 1–3 px shorter per line (reproduced by delaying KaTeX_Main: 24 of 68
 * blocks on /zh/scores/ change height, a shift of 0.0037–0.0044 when the face arrives). The fonts are preloaded
 * and on the wire within 150 ms, but the face is decoded on the renderer's main thread, which a loaded 2-core
 * machine can keep busy past the first paint (CI 05:42: 0.0042 on /zh/scores/). Not our layout and not the
 * widgets becoming ready, but still movement a reader could see, so bounded rather than ignored.
 */
export const fontShiftBudget = 0.01;

/** The most a font's arrival moved anything vertically in those reproductions (4 px in CI); more is layout. */
const fontShiftMaxPx = 6;

/** Records every layout shift not caused by the reader's own input, with what moved. Call before `page.goto`. */
export async function watchShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shifts: { value: number; at: number; dy: number; moved: string }[] = [];
    (window as unknown as { __shifts: typeof shifts }).__shifts = shifts;
    const name = (n: Node | null) => {
      if (!(n instanceof Element)) return n?.nodeName ?? '?';
      const widget = n.closest('[data-widget]')?.getAttribute('data-widget');
      return `${n.tagName.toLowerCase()}${n.classList[0] ? `.${n.classList[0]}` : ''}${widget ? ` in ${widget}` : ''}`;
    };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources: { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
      })[]) {
        if (e.hadRecentInput) continue;
        // Both axes and the width: a header link once moved sideways only (CI 13:03, /self-attention/, 0.0013),
        // and "y 10→10" alone could not say how.
        const rect = (r: DOMRectReadOnly) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}w`;
        const moved = e.sources.map((s) => `${name(s.node)} ${rect(s.previousRect)}→${rect(s.currentRect)}`).join(', ');
        const dy = Math.max(...e.sources.map((s) => Math.abs(s.currentRect.y - s.previousRect.y)));
        shifts.push({
          value: e.value,
          at: e.startTime,
          dy,
          moved: `${e.value.toFixed(4)} at ${Math.round(e.startTime)} ms: ${moved}`,
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
    // When each web font finished loading: a shift of math glyphs right after KaTeX's font arrived is a late font
    // (a loaded machine delays even preloaded fonts: CI 19:42, /scores/ 0.0031 at 1620 ms), not our layout.
    const fonts: string[] = [];
    (window as unknown as { __fontsLoaded: string[] }).__fontsLoaded = fonts;
    document.fonts.addEventListener('loadingdone', (e) => {
      const names = (e as FontFaceSetLoadEvent).fontfaces.map((f) => f.family.replaceAll('"', ''));
      fonts.push(`${names.join(', ')} at ${Math.round(performance.now())} ms`);
    });
    // Every frame's time and the frames whose callback first saw another face usable. `loadingdone` fires once
    // per batch, after the last face (CI 05:42: the shift at 1186 ms, the batch's event at 1542 ms), so it cannot
    // date a face.
    const frames: number[] = [];
    const faceFrames: number[] = [];
    Object.assign(window, { __frames: frames, __faceFrames: faceFrames });
    let loadedFaces = 0;
    const watchFaces = (now: number) => {
      let loaded = 0;
      for (const face of document.fonts) if (face.status === 'loaded') loaded++;
      frames.push(now);
      if (loaded > loadedFaces) faceFrames.push(frames.length - 1);
      loadedFaces = loaded;
      if (now < 15_000) requestAnimationFrame(watchFaces);
    };
    requestAnimationFrame(watchFaces);
  });
}

/**
 * The shifts recorded so far, once everything on the screen has hydrated (islands on the screen have lost their
 * `ssr` attribute, exercises on it have loaded) and painted: their summed score (`total`, held to `shiftBudget`),
 * the score of those in a frame where a web face had just become usable (`fontTotal`, held to `fontShiftBudget`),
 * and, for each, its score, time and what moved where (then, if any moved, when each web font finished loading).
 * Widgets are ready before an exercise beside them loads, so reading at data-ready alone missed the exercise's
 * growth.
 */
export async function layoutShifts(page: Page): Promise<{ total: number; fontTotal: number; shifts: string[] }> {
  await page.waitForFunction(
    () => {
      const onScreen = (e: Element) => {
        const r = (e.firstElementChild ?? e).getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
      };
      const waiting = [...document.querySelectorAll('astro-island[ssr], [data-exercise]:not([data-loaded])')];
      return !waiting.some(onScreen);
    },
    null,
    { timeout: 15_000 },
  );
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const { shifts, fonts, frames, faceFrames } = await page.evaluate(() => {
    const w = window as unknown as {
      __shifts?: { value: number; at: number; dy: number; moved: string }[];
      __fontsLoaded?: string[];
      __frames?: number[];
      __faceFrames?: number[];
    };
    return {
      shifts: w.__shifts ?? [],
      fonts: w.__fontsLoaded ?? [],
      frames: w.__frames ?? [],
      faceFrames: w.__faceFrames ?? [],
    };
  });
  // Which frame painted a shift is known only roughly: its time falls a few ms before the callbacks of one frame
  // or just after those of the previous one. On /zh/scores/ with KaTeX_Main held back 0–2000 ms (45 loads), every
  // font shift's next frame was the one whose callback first saw the new face, or one of the two after it. A face
  // moves text by a few pixels; anything that moved further is layout, whenever it happened.
  const nextFrame = (at: number) => frames.findIndex((t) => t >= at);
  const byFont = (s: { at: number; dy: number }) => {
    const frame = nextFrame(s.at);
    return s.dy <= fontShiftMaxPx && faceFrames.some((f) => frame >= f && frame <= f + 2);
  };
  const total = shifts.filter((s) => !byFont(s)).reduce((t, s) => t + s.value, 0);
  const fontTotal = shifts.filter(byFont).reduce((t, s) => t + s.value, 0);
  const moved = shifts.map((s) => (byFont(s) ? `${s.moved} (a web face had just loaded)` : s.moved));
  // Only worth reading beside shifts: when fonts arrived.
  if (moved.length > 0 && fonts.length > 0) moved.push(`fonts loaded: ${fonts.join('; ')}`);
  return { total, fontTotal, shifts: moved };
}
