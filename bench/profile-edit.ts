/**
 * Where a widget's weight edit spends its main-thread time: loads a page of a built site, waits for the widget,
 * starts the CDP sampling profiler (100 µs), fires edits the way bench/site.ts does (a matrix cell typed + Enter,
 * each a frame apart and awaited to the next paint), stops, and prints self time summed by function and by file.
 *
 *   node bench/profile-edit.ts --dist /tmp/out --page /gru/ --widget gru-cell [--edits 30] [--top 30] [--range [--slider 'aria-label'] | --text]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions, softwarePaintArgs } from '../tests/chromium.ts';
import { serve } from './serve.ts';

const { values: opt } = parseArgs({
  options: {
    dist: { type: 'string', default: '' },
    page: { type: 'string', default: '' },
    widget: { type: 'string', default: '' },
    edits: { type: 'string', default: '30' },
    top: { type: 'string', default: '30' },
    port: { type: 'string', default: '4541' },
    trace: { type: 'boolean', default: false },
    /** Elements hidden (display: none) before the edits, e.g. '.diagram' to see what a view costs. */
    hide: { type: 'string', default: '' },
    isolate: { type: 'boolean', default: false },
    css: { type: 'string', default: '' },
    /** Edit a bare <output> at the top of the page instead (the floor bench/site.ts compares widgets with). */
    bare: { type: 'boolean', default: false },
    /** Move the widget's first slider one step and back instead of typing into a matrix cell (widgets without one). */
    range: { type: 'boolean', default: false },
    /** With --range: the slider with this aria-label instead of the first (the one bench/site.ts chose). */
    slider: { type: 'string', default: '' },
    /**
     * Commit the widget's first text field instead (a pretrained model's input: its tokens reversed and back, as
     * bench/site.ts does) and wait for the answer's numbers to change (a worker's round trip) before the next.
     */
    text: { type: 'boolean', default: false },
    /** Rasterise through SwiftShader as runs before 2026-12-06 afternoon did (Debian's --enable-gpu-rasterization). */
    'gpu-raster': { type: 'boolean', default: false },
  },
});
if (!opt.dist || !opt.page || !opt.widget) throw new Error('usage: --dist DIST --page /x/ --widget id [--edits N]');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const port = Number(opt.port);
const server = await serve(opt.dist, port);
// Painted as the benchmark paints pages (tests/chromium.ts softwarePaintArgs); --gpu-raster for the old way.
const browser = await chromium.launch(chromiumLaunchOptions(opt['gpu-raster'] ? [] : softwarePaintArgs));
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  await tab.goto(`http://localhost:${port}${opt.page}`, { waitUntil: 'load' });
  const widget = tab.locator(`[data-widget="${opt.widget}"][data-ready]`).first();
  await widget.waitFor({ timeout: 30_000 });
  await widget.evaluate((el) => el.scrollIntoView());
  await tab.waitForTimeout(4000); // idle-time loads (Plot, KaTeX) settle
  // Through the CSSOM: the site's Content Security Policy refuses an added <style>.
  if (opt.hide)
    await widget.evaluate((root, selector) => {
      for (const el of root.querySelectorAll<HTMLElement>(selector)) el.style.display = 'none';
    }, opt.hide);
  // Everything but the widget hidden (each ancestor's other children): what the rest of the page costs per frame.
  if (opt.isolate)
    await widget.evaluate((root) => {
      for (let el: Element | null = root; el !== null && el !== document.body; el = el.parentElement) {
        for (const sibling of el.parentElement?.children ?? [])
          if (sibling !== el && sibling instanceof HTMLElement) sibling.style.display = 'none';
      }
    });
  // A rule added through the CSSOM (the Content Security Policy refuses a <style>): try a containment or layer.
  if (opt.css) await tab.evaluate((rule) => document.styleSheets[0]?.insertRule(rule), opt.css);
  if (opt.trace)
    await browser.startTracing(tab, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink',
        'cc',
        'gpu',
        'disabled-by-default-devtools.timeline.invalidationTracking',
      ],
    });
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const wall = await widget.evaluate(
    async (root, [edits, bare, range, label, text]) => {
      const field = text ? root.querySelector<HTMLInputElement>('input[type="text"]:not(.edit)') : null;
      if (text && field === null) throw new Error('no text field in the widget');
      const slider = range
        ? (Array.from(root.querySelectorAll<HTMLInputElement>('input[type="range"]')).find(
            (el) => label === '' || el.getAttribute('aria-label') === label,
          ) ?? null)
        : null;
      if (range && slider === null) throw new Error('no slider in the widget');
      if (bare) {
        window.scrollTo(0, 0);
        const out = document.createElement('output');
        out.setAttribute('data-value', '50');
        const text = document.createElement('span');
        text.textContent = '50';
        out.append(text);
        document.body.prepend(out);
        const cell = document.createElement('span');
        cell.dataset.symbol = 'bare';
        cell.dataset.index = '0';
        cell.className = 'bare';
        cell.addEventListener('keydown', (e) => {
          if (e.key !== 'Enter') text.textContent = out.dataset.value = e.key;
        });
        out.append(cell);
        root = document.body;
      }
      const cell = root.querySelector<HTMLElement>(bare ? 'span.bare' : 'table.matrix.editable td[data-index]');
      if (cell === null && slider === null && field === null) throw new Error('no editable matrix cell');
      const selector = bare
        ? 'span.bare'
        : `table.matrix.editable td[data-symbol="${cell?.dataset.symbol}"][data-index="${cell?.dataset.index}"]`;
      if (!bare && slider === null && field === null) cell?.focus();
      const t0text = field?.value.trim() ?? '';
      const spaced = /\s/.test(t0text);
      const t1text = (spaced ? t0text.split(/\s+/) : [...t0text]).reverse().join(spaced ? ' ' : '');
      const shown = () =>
        Array.from(root.querySelectorAll('[data-value]'), (e) => e.getAttribute('data-value')).join('|');
      // The same two values bench/site.ts alternates: one step up (or down at the top), then back.
      const v0 = slider?.valueAsNumber ?? 0;
      const step = slider !== null && Number(slider.step) > 0 ? Number(slider.step) : 0.01;
      const v1 = slider !== null && v0 + step <= Number(slider.max) ? v0 + step : v0 - step;
      const key = (el: Element, k: string) =>
        el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
      const afterPaint = () =>
        new Promise<void>((r) =>
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => r();
            ch.port2.postMessage(0);
          }),
        );
      const t0 = performance.now();
      for (let i = 0; i < edits; i++) {
        if (field !== null) {
          const before = shown();
          field.value = i % 2 === 0 ? t1text : t0text;
          field.dispatchEvent(new Event('input', { bubbles: true }));
          field.dispatchEvent(new Event('change', { bubbles: true }));
          for (let k = 0; k < 120 && shown() === before; k++) await afterPaint();
          await afterPaint();
          continue;
        }
        if (slider !== null) {
          slider.value = String(i % 2 === 0 ? v1 : v0);
          slider.dispatchEvent(new Event('input', { bubbles: true }));
          slider.dispatchEvent(new Event('change', { bubbles: true }));
          await afterPaint();
          await afterPaint();
          continue;
        }
        const c = root.querySelector<HTMLElement>(selector);
        if (c === null) throw new Error('cell gone');
        key(c, i % 2 === 0 ? '7' : '3');
        key(c, 'Enter');
        await afterPaint();
        await afterPaint();
      }
      return performance.now() - t0;
    },
    [Number(opt.edits), opt.bare, opt.range, opt.slider, opt.text] as const,
  );
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const trace = opt.trace ? await browser.stopTracing() : undefined;
  await context.close();

  const selfUs = new Map<number, number>();
  for (const [k, id] of profile.samples.entries()) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let busy = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const file = url ? (url.split('/').pop() ?? url) : '(native)';
    if (functionName !== '(idle)' && functionName !== '(program)') busy += us;
    const name = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}:${columnNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  // Inclusive time by file: a sample counts once for every file on its stack (what a component costs with all
  // it calls, e.g. a view and the KaTeX it asks for).
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
  const inclusive = new Map<string, number>();
  const inclusiveFn = new Map<string, number>();
  const byComponent = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const files = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const url = nodeById.get(n)?.callFrame.url;
      if (url) files.add(url.split('/').pop() ?? url);
    }
    for (const f of files) inclusive.set(f, (inclusive.get(f) ?? 0) + us);
    const names = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const frame = nodeById.get(n)?.callFrame;
      if (frame?.url)
        names.add(`${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`);
    }
    for (const f of names) inclusiveFn.set(f, (inclusiveFn.get(f) ?? 0) + us);
    // The nearest Svelte component (a capitalised chunk name) on the stack: what its effects cost, runtime included.
    let owner = '(no component)';
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const file = nodeById.get(n)?.callFrame.url.split('/').pop() ?? '';
      if (/^[A-Z]/.test(file)) {
        owner = file;
        break;
      }
    }
    byComponent.set(owner, (byComponent.get(owner) ?? 0) + us);
  }
  const edits = Number(opt.edits);
  const top = Number(opt.top);
  const ms = (us: number) => (us / 1000 / edits).toFixed(2);
  console.log(`${opt.page} ${opt.widget}: ${edits} edits in ${wall.toFixed(0)} ms; JS+GC busy ${ms(busy)} ms/edit`);
  console.log('\nself ms per edit, by function:');
  for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms(us).padStart(7)}  ${name}`);
  console.log('\nself ms per edit, by file:');
  for (const [name, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`${ms(us).padStart(7)}  ${name}`);
  console.log('\ninclusive ms per edit, by file on the stack:');
  for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${ms(us).padStart(7)}  ${name}`);
  console.log('\nms per edit by nearest component on the stack (idle and program left out):');
  byComponent.delete('(no component)');
  for (const [name, us] of [...byComponent].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`${ms(us).padStart(7)}  ${name}`);
  console.log('\ninclusive ms per edit, by function on the stack:');
  for (const [name, us] of [...inclusiveFn].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms(us).padStart(7)}  ${name}`);
  if (trace !== undefined) summariseTrace(trace, edits);
} finally {
  await browser.close();
  server.close();
}

/** Renderer main-thread time by trace event name (complete events, self time not separated), per edit. */
function summariseTrace(buffer: Buffer, edits: number) {
  const { traceEvents } = JSON.parse(buffer.toString('utf8')) as {
    traceEvents: TraceEvent[];
  };
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  longTasks(traceEvents, main);
  const byName = new Map<string, { us: number; n: number }>();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || e.dur === undefined || main === undefined) continue;
    if (e.tid !== main.tid || e.pid !== main.pid) continue;
    const s = byName.get(e.name) ?? { us: 0, n: 0 };
    s.us += e.dur;
    s.n++;
    byName.set(e.name, s);
  }
  if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, buffer);
  console.log('\nrenderer main thread, total ms per edit by trace event (nested events overlap):');
  for (const [name, s] of [...byName].sort((a, b) => b[1].us - a[1].us).slice(0, 30))
    console.log(`${(s.us / 1000 / edits).toFixed(2).padStart(7)}  ${name} (${s.n})`);
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: Record<string, unknown>;
}

/**
 * Each main-thread task over 50 ms during the edits (issue 16: none while dragging) and the longest events nested
 * in it, with the script URL or function a FunctionCall, EvaluateScript or compile event names: what the task was.
 */
function longTasks(events: TraceEvent[], main: TraceEvent | undefined) {
  if (main === undefined) return;
  const onMain = events.filter((e) => e.ph === 'X' && e.dur !== undefined && e.tid === main.tid && e.pid === main.pid);
  const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 50_000);
  console.log(`\nmain-thread tasks over 50 ms: ${tasks.length}`);
  const what = (e: TraceEvent) => {
    const data = (e.args?.data ?? e.args?.beginData ?? {}) as Record<string, unknown>;
    const url = typeof data.url === 'string' ? (data.url.split('/').pop() ?? '') : '';
    const fn = typeof data.functionName === 'string' ? data.functionName : '';
    return [e.name, fn, url].filter((s) => s !== '').join(' ');
  };
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    const inner = onMain
      .filter((e) => e !== task && e.ts >= task.ts && e.ts < end)
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
      .slice(0, 10);
    console.log(
      `  ${((task.dur ?? 0) / 1000).toFixed(1)} ms: ${inner.map((e) => `${what(e)} ${((e.dur ?? 0) / 1000).toFixed(1)}`).join(' · ')}`,
    );
  }
}
