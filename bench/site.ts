/**
 * Measurements on the built site: page weight (gzipped JS and CSS per page,
 * what hydration needs vs. everything fetched), cold start (time until the
 * first and the last widget is ready) and interaction latency per widget
 * (input event → numbers updated → next frame painted).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { init, parse } from 'es-module-lexer';

export interface PageWeight {
  page: string;
  kind: 'chapter' | 'embed' | 'other';
  /** gzipped bytes of JS statically needed to hydrate (islands, renderers, inline-referenced scripts and their static imports). */
  initialJs: number;
  /** gzipped bytes of every JS file the page fetched by the time it was idle after all widgets were ready. */
  loadedJs: number;
  /** gzipped bytes of the JS files whose fetch started before the last widget was data-ready (issue 16's
   * "JavaScript fetched before a page's widgets are ready"); at the load event on a page without widgets. */
  readyJs: number;
  css: number;
  html: number;
  widgets: number;
  /** Cold load (fresh context, no cache): navigation start → first / last widget data-ready. */
  firstReadyMs: number | null;
  allReadyMs: number | null;
  /** The load event's end → last widget data-ready (issue 16: ≤ 500 ms; negative when ready before load). */
  readyAfterLoadMs: number | null;
  files: { file: string; gz: number; initial: boolean; beforeReady: boolean }[];
}

/** URL slugs of the chapters (content/NN-slug → slug). */
function chapterSlugs(): Set<string> {
  const content = new URL('../content/', import.meta.url).pathname;
  return new Set(readdirSync(content).map((d) => d.replace(/^\d+-/, '')));
}

const gz = (buf: Buffer) => gzipSync(buf, { level: 6 }).length;

/** Every built page folder (index.html inside), as URL paths. */
export function sitePages(dist: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, url: string) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('_') || name === 'snapshots' || name === 'images') continue;
      const full = join(dir, name);
      if (!statSync(full).isDirectory()) continue;
      if (existsSync(join(full, 'index.html'))) out.push(`${url}${name}/`);
      walk(full, `${url}${name}/`);
    }
  };
  walk(dist, '/');
  return out.sort();
}

/** The static-import closure of the JS a page references for hydration. */
export async function staticClosure(dist: string, html: string): Promise<Set<string>> {
  await init;
  const roots = new Set<string>();
  for (const m of html.matchAll(/(?:component-url|renderer-url|src)="(\/_astro\/[^"]+\.js)"/g))
    roots.add(m[1] as string);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) roots.add(m[1] as string);
  // Inline module scripts (Astro's island loader) may import chunks too.
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const i of parse(m[1] as string)[0]) if (i.d === -1 && i.n?.startsWith('/')) roots.add(i.n);
  }
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const url = queue.pop() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const file = join(dist, url);
    if (!existsSync(file)) continue;
    const [imports] = parse(readFileSync(file, 'utf8'));
    for (const i of imports) {
      if (i.d !== -1 || i.n === undefined) continue; // dynamic imports are lazy
      queue.push(new URL(i.n, `http://x${url}`).pathname);
    }
  }
  return seen;
}

export async function pageWeight(browser: Browser, base: string, dist: string, page: string): Promise<PageWeight> {
  const htmlBuf = readFileSync(join(dist, page, 'index.html'));
  const initial = await staticClosure(dist, htmlBuf.toString('utf8'));
  const context = await browser.newContext();
  const tab = await context.newPage();
  const fetched = new Set<string>();
  tab.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith('.js') || u.pathname.endsWith('.css')) fetched.add(u.pathname);
  });
  // The moments the first and the last widget became data-ready, taken in the page as the attribute changes (a
  // mutation observer's microtask): polling once a frame read them up to a frame late, and a chunk loaded in idle
  // time right after "ready" (Plot redrawing a server-drawn chart) then counted as fetched before it.
  await tab.addInitScript(() => {
    const w = window as unknown as { __readyAt?: { first: number | null; all: number | null } };
    const at = { first: null as number | null, all: null as number | null };
    w.__readyAt = at;
    const check = () => {
      const widgets = document.querySelectorAll('[data-widget]').length;
      const ready = document.querySelectorAll('[data-widget][data-ready]').length;
      if (ready > 0) at.first ??= performance.now();
      if (widgets > 0 && ready === widgets) at.all ??= performance.now();
    };
    new MutationObserver(check).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  });
  await tab.goto(base + page, { waitUntil: 'load' });
  const widgets = await tab.locator('[data-widget]').count();
  const ready = await tab.evaluate(async (count) => {
    const at = (window as unknown as { __readyAt: { first: number | null; all: number | null } }).__readyAt;
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline) {
      if (document.querySelectorAll('[data-widget][data-ready]').length >= count) break;
      await new Promise((r) => requestAnimationFrame(r));
    }
    const first = at.first;
    const all = document.querySelectorAll('[data-widget][data-ready]').length >= count ? at.all : null;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    // Resource timing shares performance.now()'s origin (navigation start): what started before "all ready". A page
    // without widgets in its document (a text page; a deck, whose widgets live in shadow roots and its first slide
    // has none) is ready at its load event.
    const until = count === 0 ? (nav?.loadEventEnd ?? Number.POSITIVE_INFINITY) : (all ?? Number.POSITIVE_INFINITY);
    const before = performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime <= until)
      .map((e) => new URL(e.name).pathname);
    return { first, all, before, load: nav?.loadEventEnd ?? null };
  }, widgets);
  await tab.waitForLoadState('networkidle');
  await context.close();
  const beforeReady = new Set(ready.before);
  const files = [...new Set([...fetched, ...initial])].filter((f) => existsSync(join(dist, f)));
  const rows = files.map((file) => ({
    file,
    gz: gz(readFileSync(join(dist, file))),
    initial: initial.has(file),
    beforeReady: beforeReady.has(file),
  }));
  const sum = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).reduce((a, r) => a + r.gz, 0);
  return {
    page,
    kind: page.startsWith('/embed/') ? 'embed' : chapterSlugs().has(page.slice(1, -1)) ? 'chapter' : 'other',
    initialJs: sum((r) => r.file.endsWith('.js') && r.initial),
    loadedJs: sum((r) => r.file.endsWith('.js') && fetched.has(r.file)),
    readyJs: sum((r) => r.file.endsWith('.js') && r.beforeReady),
    css: sum((r) => r.file.endsWith('.css')),
    html: gz(htmlBuf),
    widgets,
    firstReadyMs: widgets > 0 ? ready.first : null,
    allReadyMs: widgets > 0 ? ready.all : null,
    readyAfterLoadMs: widgets > 0 && ready.all !== null && ready.load ? ready.all - ready.load : null,
    files: rows.sort((a, b) => b.gz - a.gz),
  };
}

export interface WidgetLatency {
  page: string;
  widget: string;
  control: string;
  events: number;
  changed: number;
  /** input → handlers, Svelte's update and a forced style/layout done (the work a frame must fit). */
  work: number[];
  /** input → the next animation frame after the update, plus the task after it (≈ painted). */
  paint: number[];
  /** input → the end of the last busy frame before the page went quiet: the whole picture drawn, including what the
   * widget deferred a frame or more (a chart drawn after its numbers). At least `paint`. */
  drawn: number[];
  frameMs: number;
  /** The longest main-thread task (Long Tasks API: ≥ 50 ms) while the events ran, 0 if none; issue 16: drags
   * stay smooth, no task over 50 ms while dragging a slider or editing a weight. */
  longestTaskMs: number;
  /** Events sent while the page was still busy: no two quiet frames within 30 (a widget that keeps animating). */
  unsettled: number;
  error?: string;
}

/** In-page measurement; serialised by Playwright, so it must be self-contained. */
async function measureInPage(args: { widget: string; events: number }) {
  // Widgets in <stepwise-widget> elements live in open shadow roots (the slide deck): look inside those too.
  const find = (selector: string): Element | null => {
    const scopes: ParentNode[] = [document];
    for (let scope = scopes.shift(); scope !== undefined; scope = scopes.shift()) {
      const hit = scope.querySelector(selector);
      if (hit !== null) return hit;
      for (const el of Array.from(scope.querySelectorAll('*'))) if (el.shadowRoot) scopes.push(el.shadowRoot);
    }
    return null;
  };
  const root = find(`[data-widget="${args.widget}"]`);
  if (root === null) return { error: 'no widget' } as const;
  // The numbers shown, and where a walk stands: a stepper's phase changes what the picture lights without
  // changing a number (the GRU picture's r → z → n → h within one time step), and its counter says so.
  const snapshot = () =>
    Array.from(
      root.querySelectorAll('[data-value], .stepper .counter'),
      (e) => e.getAttribute('data-value') ?? e.textContent,
    ).join('|');
  // A widget waiting for a worker's answer says so (aria-busy, WidgetFrame's `busy`): a number it changes at once (the
  // exposure-bias widget's count of forced words) is not the answer, so an event counts as changed once the numbers
  // differ and the widget is no longer busy.
  const busy = () => root.getAttribute('aria-busy') === 'true';
  const raf = () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));
  /** The next frame painted, and whether `shown()` held as that frame began rendering (so the frame painted it). */
  const afterPaint = (shown: () => boolean) =>
    new Promise<{ at: number; painted: boolean }>((r) =>
      requestAnimationFrame(() => {
        // Read here, not after the paint: an answer handled between this frame and the task after it is painted
        // only by the next frame.
        const painted = shown();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => r({ at: performance.now(), painted });
        ch.port2.postMessage(0);
      }),
    );
  /** The next frame's main-thread time (the callbacks before ours, such as work a widget deferred to this frame,
   * then style, layout and paint up to the task after it) and when it ended. */
  const frameBusy = () =>
    new Promise<{ busy: number; end: number }>((r) =>
      requestAnimationFrame((frameStart) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          const end = performance.now();
          r({ busy: end - frameStart, end });
        };
        ch.port2.postMessage(0);
      }),
    );
  // Work a widget defers a frame or two (a chart drawn after the numbers) would otherwise run while the next event
  // waits for its random phase: that timer then fires late in a busy frame and the event's frame comes soon, so the
  // widget reads faster than any reader sees it (a deferred beam tree read p50 8 ms, the bare input 10.5). So each
  // event waits for two frames in a row with under 4 ms of main-thread time (an idle page's frame costs 1–1.5 ms);
  // when the last busy frame ended is when the widget's whole picture was drawn.
  const QUIET_LIMIT = 30;
  let unsettled = 0;
  const quiet = async (since: number) => {
    let calm = 0;
    let drawnAt = since;
    for (let k = 0; k < QUIET_LIMIT; k++) {
      const frame = await frameBusy();
      if (frame.busy >= 4) {
        calm = 0;
        drawnAt = frame.end;
      } else if (++calm === 2) return { drawnAt, settled: true };
    }
    return { drawnAt, settled: false };
  };
  const key = (el: Element, k: string) =>
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  /** `enabled`: whether a reader could use the control now (a button is disabled while the work it started runs). */
  type Control = { name: string; fire: (i: number) => void; prepare?: () => void; enabled?: () => boolean };
  const controls: Control[] = [];
  for (const el of Array.from(root.querySelectorAll<HTMLInputElement>('input[type="range"]')).slice(0, 2)) {
    const label = el.getAttribute('aria-label') ?? 'slider';
    const v0 = el.valueAsNumber;
    const step = Number(el.step) > 0 ? Number(el.step) : 0.01;
    const max = Number(el.max);
    const up = v0 + step <= max;
    controls.push({
      name: `range "${label}"`,
      fire: (i) => {
        el.value = String(i % 2 === 0 ? (up ? v0 + step : v0 - step) : v0);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      },
    });
  }
  const cell = root.querySelector<HTMLElement>('table.matrix.editable td[data-index]');
  if (cell !== null) {
    controls.push({
      name: `matrix cell ${cell.dataset.symbol ?? ''}[${cell.dataset.index ?? ''}] typed + Enter`,
      prepare: () => cell.focus(),
      fire: (i) => {
        const c = root.querySelector<HTMLElement>(
          `table.matrix.editable td[data-symbol="${cell.dataset.symbol}"][data-index="${cell.dataset.index}"]`,
        );
        if (c === null) return;
        key(c, i % 2 === 0 ? '7' : '3');
        key(c, 'Enter');
      },
    });
  }
  for (const el of Array.from(root.querySelectorAll<HTMLInputElement>('.number-control input.num')).slice(0, 1)) {
    controls.push({
      name: `number "${el.getAttribute('aria-label') ?? ''}" ArrowUp/Down`,
      fire: (i) => key(el, i % 2 === 0 ? 'ArrowUp' : 'ArrowDown'),
    });
  }
  for (const el of Array.from(root.querySelectorAll<HTMLSelectElement>('select')).slice(0, 1)) {
    const i0 = el.selectedIndex;
    controls.push({
      name: `select "${el.getAttribute('aria-label') ?? el.name}"`,
      fire: (i) => {
        el.selectedIndex = i % 2 === 0 ? (i0 + 1) % el.options.length : i0;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      },
    });
  }
  // A text field the widget reads on change (a pretrained model's input): the typed text, then the same
  // tokens in reverse order (every token stays in the vocabulary), committed as the reader's Enter would.
  for (const el of Array.from(root.querySelectorAll<HTMLInputElement>('input[type="text"]:not(.edit)')).slice(0, 1)) {
    const v0 = el.value;
    const tokens = /\s/.test(v0.trim()) ? v0.trim().split(/\s+/) : [...v0];
    let v1 = [...tokens].reverse().join(/\s/.test(v0.trim()) ? ' ' : '');
    if (v1 === v0) v1 = [...tokens.slice(1), ...tokens.slice(0, 1)].join(/\s/.test(v0.trim()) ? ' ' : '');
    const label =
      el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '');
    controls.push({
      name: `text "${(label ?? '').trim()}" "${v0}" ↔ "${v1}" + change`,
      fire: (i) => {
        el.value = i % 2 === 0 ? v1 : v0;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      },
    });
  }
  // A group of tabs or radio buttons: the second option, then the first (clicking one twice changes nothing).
  for (const group of Array.from(root.querySelectorAll('[role="radiogroup"], [role="tablist"]')).slice(0, 1)) {
    const options = Array.from(group.querySelectorAll<HTMLElement>('[role="radio"], [role="tab"]'));
    const [a, b] = options;
    if (a === undefined || b === undefined) continue;
    controls.push({
      name: `${a.getAttribute('role')} "${(b.textContent ?? '').trim()}" / "${(a.textContent ?? '').trim()}"`,
      fire: (i) => (i % 2 === 0 ? b : a).click(),
    });
  }
  // A stepper (found by data-step-action, in any language): one step and back, so every event moves; towards the
  // start first when the walk begins at its end.
  const nextButton = root.querySelector<HTMLButtonElement>('.stepper [data-step-action="next"]');
  const prevButton = root.querySelector<HTMLButtonElement>('.stepper [data-step-action="previous"]');
  if (nextButton && prevButton) {
    const [there, back] = nextButton.disabled ? [prevButton, nextButton] : [nextButton, prevButton];
    controls.push({
      name: nextButton.disabled ? 'stepper Previous / Next' : 'stepper Next / Previous',
      fire: (i) => (i % 2 === 0 ? there : back).click(),
    });
  }
  // Native radio buttons sharing a name (the self-attention picture's query): the second, then the first checked.
  const radios = Array.from(root.querySelectorAll<HTMLInputElement>('input[type="radio"]'));
  const radioGroup = radios.filter((r) => r.name === radios[0]?.name);
  if (radioGroup.length >= 2) {
    const first = radioGroup.find((r) => r.checked) ?? (radioGroup[0] as HTMLInputElement);
    const other = radioGroup.find((r) => r !== first) as HTMLInputElement;
    const text = (r: HTMLInputElement) => (r.closest('label')?.textContent ?? r.value).trim();
    controls.push({
      name: `radio "${text(other)}" / "${text(first)}"`,
      fire: (i) => (i % 2 === 0 ? other : first).click(),
    });
  }
  // Other buttons in the widget's body: not the frame's (Share, Reset, dismiss) nor the stepper's.
  const buttons = Array.from(root.querySelectorAll<HTMLButtonElement>('button')).filter(
    (b) => b.closest('.widget-head, .messages, .stepper, [data-export="skip"]') === null,
  );
  for (const el of buttons.slice(0, 8)) {
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? 'button').trim();
    if (/share|copy|link|reset|random|export|import|download|play|next|prev|matrix|vector/i.test(name)) continue;
    controls.push({ name: `button "${name}"`, fire: () => el.click(), enabled: () => !el.disabled });
  }
  // Measure frame interval.
  let last = await raf();
  const deltas: number[] = [];
  for (let k = 0; k < 10; k++) {
    const now = await raf();
    deltas.push(now - last);
    last = now;
  }
  deltas.sort((a, b) => a - b);
  const frameMs = deltas[5] ?? 16.7;
  // Pick the first control whose event changes a shown number.
  let chosen: Control | undefined;
  // Up to 2 s, as the measured events below: a widget that computes in a worker answers its first event only once
  // the worker has started and read its weights (the decoding widgets, when the reader acts before the page is idle).
  // Up to 5 s while choosing: the decoding widgets' worker may still be loading its weights on a busy machine
  // (exposure-bias went unmeasured in two runs of 2026-12-06 with 2 s).
  const settle = async (before: string) => {
    for (let k = 0; k < 300; k++) {
      await raf();
      if (snapshot() !== before && !busy()) return true;
    }
    return false;
  };
  for (const c of controls) {
    c.prepare?.();
    let before = snapshot();
    c.fire(0);
    const first = await settle(before);
    before = snapshot();
    c.fire(1);
    const second = await settle(before);
    if (first && second) {
      chosen = c;
      break;
    }
  }
  if (chosen === undefined)
    return {
      error:
        controls.length === 0
          ? 'no input control'
          : `no control changed a data-value (${controls.map((c) => c.name).join(', ')})`,
      frameMs,
    } as const;
  const work: number[] = [];
  const paint: number[] = [];
  const drawn: number[] = [];
  let changed = 0;
  // Long tasks during the measured events only (not the page's start-up): buffered: false.
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  const watchesLongTasks = PerformanceObserver.supportedEntryTypes.includes('longtask');
  if (watchesLongTasks) observer.observe({ type: 'longtask' });
  chosen.prepare?.();
  for (let i = 0; i < args.events + 5; i++) {
    // A reader cannot press a disabled button: wait, up to 10 s, for the work it started to end. Clicking it anyway
    // timed the rest of that work as the click's latency (the costs chapter's Compute, issue 16: half the samples);
    // bench/feedback-latency.ts times that work itself.
    for (let k = 0; k < 600 && chosen.enabled?.() === false; k++) await raf();
    if (i === 0 || chosen.enabled !== undefined) await quiet(performance.now());
    // A random phase within the frame, as a reader's input would arrive.
    await new Promise((r) => setTimeout(r, Math.random() * frameMs * 0.9));
    const before = snapshot();
    const t0 = performance.now();
    chosen.fire(i);
    for (let k = 0; k < 20; k++) await null; // let Svelte's microtask flush run
    (root as HTMLElement).getBoundingClientRect(); // force style and layout
    const tWork = performance.now();
    const shown = () => snapshot() !== before && !busy();
    let frame = await afterPaint(shown);
    // Async updates (worker, deferred work): wait for the numbers, up to 2 s.
    for (let k = 0; !frame.painted && k < 120; k++) frame = await afterPaint(shown);
    const ok = frame.painted;
    const tPaint = frame.at;
    const after = await quiet(tPaint);
    if (i < 5) continue;
    if (ok) changed++;
    if (!after.settled) unsettled++;
    work.push(tWork - t0);
    paint.push(tPaint - t0);
    drawn.push(after.drawnAt - t0);
  }
  for (const e of observer.takeRecords()) longTasks.push(e.duration);
  observer.disconnect();
  const longestTaskMs = watchesLongTasks ? Math.max(0, ...longTasks) : Number.NaN;
  return { control: chosen.name, work, paint, drawn, changed, frameMs, longestTaskMs, unsettled } as const;
}

/**
 * The floor under every widget's number: the same measurement on a bare range input whose handler writes one
 * number (no framework, no engine), on a page of the site. Input → next painted frame can never beat this, so
 * a widget's paint latency is read against it, in the same run.
 */
export async function bareControlLatency(browser: Browser, base: string, page: string, events: number) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  await tab.goto(base + page, { waitUntil: 'load' });
  await tab.evaluate(() => {
    const root = document.createElement('section');
    root.dataset.widget = 'bare-control';
    root.innerHTML =
      '<input type="range" aria-label="bare" min="0" max="100" step="1" value="50"><output data-value="50">50</output>';
    const input = root.querySelector('input') as HTMLInputElement;
    const output = root.querySelector('output') as HTMLOutputElement;
    input.addEventListener('input', () => {
      output.dataset.value = input.value;
      output.textContent = input.value;
    });
    document.body.prepend(root);
  });
  const r = await tab.evaluate(measureInPage, { widget: 'bare-control', events });
  await context.close();
  if ('error' in r) throw new Error(`bare control: ${r.error}`);
  return {
    page,
    widget: 'bare range input (baseline)',
    control: r.control,
    events: r.work.length,
    changed: r.changed,
    work: r.work,
    paint: r.paint,
    drawn: r.drawn,
    frameMs: r.frameMs,
    longestTaskMs: r.longestTaskMs,
    unsettled: r.unsettled,
  } as WidgetLatency;
}

/**
 * In a reveal.js deck only the slides near the current one are laid out; a widget on a hidden slide has no
 * width, so its charts cannot draw and it never becomes data-ready. Go to the slide that holds `widget`
 * (by the deck's hash link) before measuring it.
 */
async function showSlideOf(tab: Page, widget: string): Promise<void> {
  const slide = await tab
    .locator(`[data-widget="${widget}"]`)
    .first()
    .evaluate((el) => {
      let host: Node = el;
      while (host.getRootNode() instanceof ShadowRoot) host = (host.getRootNode() as ShadowRoot).host;
      const section = (host as Element).closest('.reveal .slides > section');
      if (section === null) return -1;
      return Array.from(section.parentElement?.children ?? []).indexOf(section);
    });
  if (slide < 0) return;
  await tab.evaluate((k) => {
    location.hash = `#/${k}`;
  }, slide);
  await tab.waitForFunction(
    (k) => document.querySelectorAll('.reveal .slides > section')[k]?.classList.contains('present'),
    slide,
  );
}

export async function widgetLatency(
  browser: Browser,
  base: string,
  page: string,
  events: number,
): Promise<WidgetLatency[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  await tab.goto(base + page, { waitUntil: 'load' });
  // A reader edits a page that has settled: what loads once idle (KaTeX, Plot, a decoding worker's weights) has
  // arrived. Without this the first widget measured went before that and the second during it: on /gru/ the cell
  // measured right after a quickly measured picture read paint p50 31–33 ms instead of 22 (2026-12-06 evening).
  await tab.waitForLoadState('networkidle');
  await tab.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 })));
  const ids = await tab
    .locator('[data-widget]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-widget') ?? ''));
  const out: WidgetLatency[] = [];
  for (const widget of ids) {
    let r: Awaited<ReturnType<typeof measureInPage>> | { error: string; frameMs: number };
    try {
      await showSlideOf(tab, widget);
      await tab.locator(`[data-widget="${widget}"][data-ready]`).first().waitFor({ timeout: 30_000 });
      await tab
        .locator(`[data-widget="${widget}"]`)
        .first()
        .evaluate((el) => el.scrollIntoView());
      r = await tab.evaluate(measureInPage, { widget, events });
    } catch (e) {
      r = {
        error: `measurement failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`,
        frameMs: 16.7,
      };
    }
    if ('error' in r) {
      out.push({
        page,
        widget,
        control: '',
        events: 0,
        changed: 0,
        work: [],
        paint: [],
        drawn: [],
        frameMs: r.frameMs ?? 16.7,
        longestTaskMs: Number.NaN,
        unsettled: 0,
        error: r.error,
      });
    } else {
      out.push({
        page,
        widget,
        control: r.control,
        events: r.work.length,
        changed: r.changed,
        work: r.work,
        paint: r.paint,
        drawn: r.drawn,
        frameMs: r.frameMs,
        longestTaskMs: r.longestTaskMs,
        unsettled: r.unsettled,
      });
    }
  }
  await context.close();
  return out;
}
