/**
 * For a button that starts work on request (the costs chapter's Compute: attention over 1024 tokens), two times
 * per click: input → the first painted frame that shows the widget heard the click (its busy state: a
 * `data-status`, a button's disabled state or text, or a shown number changed), and input → the painted result
 * (the busy state over and the shown numbers, `data-value`, changed). The first is the interaction's latency; the
 * second is the work the reader asked for, reported beside it, not hidden. Each click waits for the previous run
 * to end, as a reader must: the button is disabled meanwhile.
 *
 *   node bench/feedback-latency.ts --dist .out/x --page /costs/ --widget scale-mode --button Compute [--clicks 20]
 */
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions, softwarePaintArgs } from '../tests/chromium.ts';
import { serve } from './serve.ts';
import { median, quantile, sig } from './stats.ts';

const { values: opt } = parseArgs({
  options: {
    dist: { type: 'string', default: '' },
    page: { type: 'string', default: '' },
    widget: { type: 'string', default: '' },
    button: { type: 'string', default: '' },
    clicks: { type: 'string', default: '20' },
    port: { type: 'string', default: '4551' },
  },
});
if (!opt.dist || !opt.page || !opt.widget || !opt.button)
  throw new Error('usage: --dist DIST --page /x/ --widget id --button "text" [--clicks N]');

const port = Number(opt.port);
const server = await serve(opt.dist, port);
// Painted as the benchmark paints pages (tests/chromium.ts softwarePaintArgs).
const browser = await chromium.launch(chromiumLaunchOptions(softwarePaintArgs));
try {
  const tab = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await tab.goto(`http://localhost:${port}${opt.page}`, { waitUntil: 'load' });
  await tab.waitForLoadState('networkidle');
  const widget = tab.locator(`[data-widget="${opt.widget}"][data-ready]`).first();
  await widget.waitFor({ timeout: 30_000 });
  await widget.evaluate((el) => el.scrollIntoView());
  await tab.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 })));
  const r = await widget.evaluate(
    async (root, [text, clicks]) => {
      const button = Array.from(root.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
      if (button === undefined) throw new Error(`no button "${text}"`);
      // The same frame clock as bench/site.ts: a rAF, then a message after it (≈ the frame painted).
      const afterPaint = () =>
        new Promise<number>((res) =>
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => res(performance.now());
            ch.port2.postMessage(0);
          }),
        );
      const busy = () =>
        [
          ...Array.from(root.querySelectorAll('[data-status]'), (e) => e.getAttribute('data-status')),
          ...Array.from(root.querySelectorAll('button'), (b) => `${b.disabled}${b.textContent}`),
        ].join('|');
      const shown = () =>
        Array.from(root.querySelectorAll('[data-value]'), (e) => e.getAttribute('data-value')).join('|');
      const feedback: number[] = [];
      const result: number[] = [];
      for (let i = 0; i < clicks + 2; i++) {
        // Idle between clicks, then a random phase within the frame, as a reader's click would arrive.
        await new Promise((res) => setTimeout(res, 300));
        await afterPaint();
        await new Promise((res) => setTimeout(res, Math.random() * 15));
        const [busy0, shown0] = [busy(), shown()];
        const t0 = performance.now();
        button.click();
        let tFeedback = Number.NaN;
        let tResult = Number.NaN;
        for (let k = 0; k < 600 && Number.isNaN(tResult); k++) {
          const t = await afterPaint();
          const [busyNow, shownNow] = [busy(), shown()];
          if (Number.isNaN(tFeedback) && (busyNow !== busy0 || shownNow !== shown0)) tFeedback = t;
          if (busyNow === busy0 && shownNow !== shown0) tResult = t;
        }
        if (i < 2) continue; // the first runs compile shaders and warm up
        feedback.push(tFeedback - t0);
        result.push(tResult - t0);
      }
      return { feedback, result };
    },
    [opt.button, Number(opt.clicks)] as const,
  );
  const q = (xs: number[], p: number) => sig(quantile(xs, p));
  console.log(`${opt.page} ${opt.widget} button "${opt.button}", ${r.feedback.length} clicks (ms):`);
  console.log(`  input → busy state painted: p50 ${sig(median(r.feedback))}, p95 ${q(r.feedback, 0.95)}`);
  console.log(`  input → result painted:     p50 ${sig(median(r.result))}, p95 ${q(r.result, 0.95)}`);
} finally {
  await browser.close();
  server.close();
}
