/**
 * Interaction latency of two builds side by side in one run (e.g. main before and after a change): for each
 * page, the widgets' input → paint latency on build A, then B, then B, then A (ABBA, so a machine that gets
 * busier mid-run does not favour either), with the same driver as `npm run bench` (site.ts widgetLatency).
 *
 *   node bench/latency-ab.ts --a .out/old --b .out/new --pages /gru/,/lstm/ --events 40
 *
 * `--b-flags="--x --y"` launches B's browser with extra Chromium flags (A and B may then be the same build), and
 * `--bare /notation/` adds the bare range input on that page (the floor npm run bench reads widgets against).
 */
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions, softwarePaintArgs } from '../tests/chromium.ts';
import { serve } from './serve.ts';
import { bareControlLatency, type WidgetLatency, widgetLatency } from './site.ts';
import { median, quantile, sig } from './stats.ts';

const { values: opt } = parseArgs({
  options: {
    a: { type: 'string', default: '' },
    b: { type: 'string', default: '' },
    pages: { type: 'string', default: '' },
    events: { type: 'string', default: '40' },
    port: { type: 'string', default: '4531' },
    'b-flags': { type: 'string', default: '' },
    bare: { type: 'string', default: '' },
  },
});
if (!opt.a || !opt.b || !opt.pages) throw new Error('usage: --a DIST --b DIST --pages /x/,/y/ [--events N]');
const port = Number(opt.port);
const servers = [await serve(opt.a, port), await serve(opt.b, port + 1)];
const base = { A: `http://localhost:${port}`, B: `http://localhost:${port + 1}` };
const bFlags = opt['b-flags'].split(' ').filter((f) => f !== '');
// Both painted as the benchmark paints pages (tests/chromium.ts softwarePaintArgs); B may add flags of its own.
const browsers = {
  A: await chromium.launch(chromiumLaunchOptions(softwarePaintArgs)),
  B: await chromium.launch(chromiumLaunchOptions([...softwarePaintArgs, ...bFlags])),
};
if (bFlags.length > 0) console.log(`B's browser adds: ${bFlags.join(' ')}`);
const samples = new Map<
  string,
  { work: number[]; paint: number[]; drawn: number[]; longest: number; control: string }
>();
try {
  const pages = [...(opt.bare ? [`bare:${opt.bare}`] : []), ...opt.pages.split(',')];
  for (const page of pages) {
    for (const build of ['A', 'B', 'B', 'A'] as const) {
      const browser = browsers[build];
      const rows: WidgetLatency[] = page.startsWith('bare:')
        ? [await bareControlLatency(browser, base[build], page.slice(5), Number(opt.events))]
        : await widgetLatency(browser, base[build], page, Number(opt.events));
      for (const r of rows) {
        const key = `${build} ${page} ${r.widget}`;
        const s = samples.get(key) ?? { work: [], paint: [], drawn: [], longest: 0, control: r.error ?? r.control };
        s.work.push(...r.work);
        s.paint.push(...r.paint);
        s.drawn.push(...r.drawn);
        if (Number.isFinite(r.longestTaskMs)) s.longest = Math.max(s.longest, r.longestTaskMs);
        samples.set(key, s);
      }
    }
  }
} finally {
  for (const b of Object.values(browsers)) await b.close();
  for (const s of servers) s.close();
}
console.log('build page widget control: work p50/p95, paint p50/p95, all drawn p50/p95, longest task (ms)');
for (const [key, s] of [...samples].sort(([a], [b]) => a.slice(2).localeCompare(b.slice(2)) || a.localeCompare(b))) {
  const q = (xs: number[], p: number) => sig(quantile(xs, p));
  console.log(
    `${key} ${s.control}: work ${sig(median(s.work))}/${q(s.work, 0.95)}, paint ${sig(median(s.paint))}/${q(s.paint, 0.95)}, drawn ${sig(median(s.drawn))}/${q(s.drawn, 0.95)}, longest task ${Math.round(s.longest)}`,
  );
}
