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

/** Records every layout shift not caused by the reader's own input, with what moved. Call before `page.goto`. */
export async function watchShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shifts: { value: number; moved: string }[] = [];
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
        shifts.push({ value: e.value, moved: `${e.value.toFixed(4)} at ${Math.round(e.startTime)} ms: ${moved}` });
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
  });
}

/**
 * The shifts recorded so far, once everything on the screen has hydrated (islands on the screen have lost their
 * `ssr` attribute, exercises on it have loaded) and painted: their summed score and, for each, its score, time
 * and what moved where (then, if any moved, when each web font finished loading). Widgets are ready before an exercise beside them loads, so reading at data-ready alone
 * missed the exercise's growth.
 */
export async function layoutShifts(page: Page): Promise<{ total: number; shifts: string[] }> {
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
  const { shifts, fonts } = await page.evaluate(() => {
    const w = window as unknown as { __shifts?: { value: number; moved: string }[]; __fontsLoaded?: string[] };
    return { shifts: w.__shifts ?? [], fonts: w.__fontsLoaded ?? [] };
  });
  const total = shifts.reduce((t, s) => t + s.value, 0);
  const moved = shifts.map((s) => s.moved);
  // Only worth reading beside shifts: when fonts arrived.
  if (moved.length > 0 && fonts.length > 0) moved.push(`fonts loaded: ${fonts.join('; ')}`);
  return { total, shifts: moved };
}
