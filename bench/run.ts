/**
 * `npm run bench`: Stepwise side by side with TensorFlow.js (cpu, wasm,
 * webgl) and mathjs in headless Chromium, plus interaction latency, page
 * weight and start-up on the built site. Writes bench/results/<date>.json
 * and .md (and latest.json, which the Performance page imports).
 *
 * Options: --reps N (default 15) --launches N (default 3) --events N (50)
 * --only engine,site --workloads lstm,gru,... --site DIR (a built site;
 * default: build one into /tmp/stepwise-bench-site) --port N (4527)
 * --out DIR (default bench/results) --tag NAME --weight-only (the site
 * suite measures page weight and start-up, not interaction latency: ~1 min
 * instead of ~8; with --site-from FILE, latency is kept from FILE)
 * --engine-update FILE (with --workloads: the chosen workloads are measured
 * again and replace FILE's; the rest of FILE's engine section is kept and
 * the report says which workloads were re-measured, when and at what load)
 * --race LIST (contenders of the training race to 95%, run with the train
 * workload; default stepwise-cpu,tfjs-cpu,tfjs-wasm,tfjs-webgl,stepwise-cpu)
 * --race-steps N (each contender stops there if it has not reached 95%; 600)
 * --cold N (site weight: N cold loads per page with widgets, ready times are medians; JS before ready the most)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumExecutable, chromiumLaunchOptions, softwarePaintArgs } from '../tests/chromium.ts';
import { buildBenchPage } from './build.ts';
import type { Spec } from './pages/data.ts';
import type { ImplResult } from './pages/main.ts';
import { writeMarkdown } from './report.ts';
import { serve } from './serve.ts';
import { bareControlLatency, pageWeight, sitePages, type WidgetLatency, widgetLatency } from './site.ts';
import { median, quantile, sig } from './stats.ts';

const { values: opt } = parseArgs({
  options: {
    reps: { type: 'string', default: '15' },
    launches: { type: 'string', default: '3' },
    events: { type: 'string', default: '50' },
    only: { type: 'string', default: 'engine,site' },
    workloads: { type: 'string', default: '' },
    site: { type: 'string', default: '' },
    port: { type: 'string', default: '4527' },
    out: { type: 'string', default: new URL('./results/', import.meta.url).pathname },
    tag: { type: 'string', default: '' },
    'sample-ms': { type: 'string', default: '4' },
    'engine-from': { type: 'string', default: '' },
    'engine-update': { type: 'string', default: '' },
    'site-from': { type: 'string', default: '' },
    pages: { type: 'string', default: '' },
    impls: { type: 'string', default: '' },
    'weight-only': { type: 'boolean', default: false },
    race: { type: 'string', default: 'stepwise-cpu,tfjs-cpu,tfjs-wasm,tfjs-webgl,stepwise-cpu' },
    'race-steps': { type: 'string', default: '600' },
    cold: { type: 'string', default: '1' },
  },
});
const reps = Number(opt.reps);
const launches = Number(opt.launches);
const port = Number(opt.port);
const only = new Set(opt.only.split(','));
const base = `http://127.0.0.1:${port}`;

const ALL_IMPLS = ['stepwise-cpu', 'stepwise-webgl2', 'tfjs-cpu', 'tfjs-wasm', 'tfjs-webgl', 'mathjs'];
/** Workloads; maxReps caps repetitions per launch for the slow ones (5 × 3 launches = 15 samples). */
const WORKLOADS: (Spec & { impls?: string[]; maxReps?: number })[] = [
  { kind: 'widget-lstm', size: 8, impls: ['stepwise-cpu'] },
  { kind: 'widget-attn', size: 8, impls: ['stepwise-cpu'] },
  ...[16, 64, 256].flatMap((size) => [
    { kind: 'lstm' as const, size },
    { kind: 'gru' as const, size },
  ]),
  { kind: 'bahdanau', size: 8 },
  { kind: 'bahdanau', size: 64 },
  ...[8, 64, 256].map((size) => ({ kind: 'selfattn' as const, size })),
  ...[8, 64, 256].map((size) => ({ kind: 'multihead' as const, size })),
  // n = 1024: tfjs-cpu takes most of a second per call and is never the fastest backend there; left out to keep the run short.
  { kind: 'selfattn', size: 1024, impls: ALL_IMPLS.filter((i) => i !== 'tfjs-cpu'), maxReps: 5 },
  { kind: 'multihead', size: 1024, impls: ALL_IMPLS.filter((i) => i !== 'tfjs-cpu'), maxReps: 5 },
  { kind: 'train', size: 32, impls: ['stepwise-cpu', 'stepwise-webgl2'], maxReps: 5 },
];
const chosen =
  opt.workloads === ''
    ? WORKLOADS
    : WORKLOADS.filter(
        (w) => opt.workloads.split(',').includes(`${w.kind}-${w.size}`) || opt.workloads.split(',').includes(w.kind),
      );

/** The implementations a workload runs on (--impls narrows them, e.g. while tuning one backend). */
function implsFor(w: { impls?: string[] }): string[] {
  const all = w.impls ?? ALL_IMPLS;
  return opt.impls === '' ? all : all.filter((i) => opt.impls.split(',').includes(i));
}

const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);

function machine() {
  const cpu = cpus();
  let chromiumVersion = '';
  try {
    chromiumVersion = execFileSync(chromiumExecutable(), ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    chromiumVersion = 'unknown';
  }
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    chromium: chromiumVersion,
    chromiumArgs,
    node: process.version,
    loadAverageStart: loadavg().map((v) => Number(v.toFixed(2))),
    uptimeStart: spawnSync('uptime', { encoding: 'utf8' }).stdout.trim(),
  };
}

async function engineSuite() {
  const dir = '/tmp/stepwise-bench-page';
  await buildBenchPage(dir);
  const server = await serve(dir, port);
  const raw = new Map<string, { spec: Spec; runs: ImplResult[][] }>();
  let environment: unknown;
  let race: Awaited<ReturnType<typeof trainingRace>> | undefined;
  try {
    for (let launch = 1; launch <= launches; launch++) {
      const browser = await chromium.launch(chromiumLaunchOptions());
      log(`launch ${launch}: ${await browser.version()}`);
      for (const w of chosen) {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(e.message));
        page.on('request', (r) => {
          if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
            problems.push(`outside request ${r.url()}`);
        });
        await page.goto(`${base}/`);
        await page.waitForFunction(() => document.body.dataset.ready === 'true');
        await page.evaluate(() => window.stepwiseBench.ready);
        if (environment === undefined) environment = await page.evaluate(() => window.stepwiseBench.environment());
        const res = await page.evaluate(
          ([spec, names, r, ms]) => window.stepwiseBench.runWorkload(spec, names, r, ms),
          [
            { kind: w.kind, size: w.size },
            implsFor(w),
            Math.min(reps, w.maxReps ?? reps),
            Number(opt['sample-ms']),
          ] as const,
        );
        if (w.kind === 'train' && launch === 1) race = await trainingRace(page);
        if (problems.length > 0) throw new Error(`bench page: ${problems.join('; ')}`);
        const key = `${w.kind}-${w.size}`;
        const entry = raw.get(key) ?? { spec: { kind: w.kind, size: w.size }, runs: [] };
        entry.runs.push(res.results);
        raw.set(key, entry);
        const brief = res.results.map((r) => `${r.impl} ${median(r.stepMs).toFixed(4)}`).join(' · ');
        log(`  ${key}: ${brief}`);
        await page.close();
      }
      await browser.close();
    }
  } finally {
    server.close();
  }
  // timeTo95 (Stepwise alone) is what the Performance page reads; the race holds every contender.
  const timeTo95 = race?.find((r) => r.contender === 'stepwise-cpu') ?? null;
  return { environment, timeTo95, trainingRace: race ?? null, workloads: [...raw.values()].map(summarise) };
}

/**
 * The lab's 8-digit reversal trained to 95% by each contender in turn on one page (bench/pages/train-race.ts),
 * Stepwise first and last so its two runs bracket the twins' load; the load average is read beside each.
 */
async function trainingRace(page: import('@playwright/test').Page) {
  const out = [];
  for (const contender of opt.race.split(',').filter((c) => c !== '')) {
    const loadBefore = loadavg().map((v) => Number(v.toFixed(2)));
    log(`race to 95%: ${contender} (load ${loadBefore.join(' ')})…`);
    const r = await page.evaluate(([c, max]) => window.stepwiseBench.race(c, max), [
      contender,
      Number(opt['race-steps']),
    ] as const);
    const loadAfter = loadavg().map((v) => Number(v.toFixed(2)));
    log(
      `  ${'error' in r ? `error: ${r.error}` : `${r.reached ? 'reached' : 'not reached'} at step ${r.step}, ${(r.trainMs / 1000).toFixed(1)} s training`}`,
    );
    out.push({ ...r, loadBefore, loadAfter });
  }
  return out;
}

function summarise({ spec, runs }: { spec: Spec; runs: ImplResult[][] }) {
  const byImpl = new Map<string, ImplResult[]>();
  for (const run of runs) for (const r of run) byImpl.set(r.impl, [...(byImpl.get(r.impl) ?? []), r]);
  const impls = [...byImpl.entries()].map(([impl, rs]) => {
    const step = rs.flatMap((r) => r.stepMs);
    const chain = rs.flatMap((r) => r.chainMs);
    const errs = rs.map((r) => r.maxErrStep).filter((v): v is number => v !== null);
    const chainErrs = rs.map((r) => r.maxErrChain).filter((v): v is number => v !== null);
    return {
      impl,
      samples: step.length,
      stepMedian: sig(median(step), 4),
      stepP90: sig(quantile(step, 0.9), 4),
      chainMedian: sig(median(chain), 4),
      chainP90: sig(quantile(chain, 0.9), 4),
      coldMs: sig(median(rs.map((r) => r.coldMs))),
      coldMsFirstLaunch: sig(rs[0]?.coldMs),
      coldCompiles: rs[0]?.coldCompiles ?? null,
      shapeChangeMs: sig(median(rs.map((r) => r.shapeChange.firstMs))),
      shapeChangeWarmMs: sig(median(rs.map((r) => r.shapeChange.secondMs))),
      shapeChangeCompiles: rs[0]?.shapeChange.compiles ?? null,
      maxErr: errs.length ? sig(Math.max(...errs), 2) : null,
      maxErrChain: chainErrs.length ? sig(Math.max(...chainErrs), 2) : null,
    };
  });
  const tf = impls.filter((i) => i.impl.startsWith('tfjs-') && i.stepMedian !== null);
  const best = (field: 'stepMedian' | 'chainMedian') =>
    tf.reduce<(typeof tf)[number] | undefined>(
      (b, i) => (b === undefined || (i[field] ?? Infinity) < (b[field] ?? Infinity) ? i : b),
      undefined,
    );
  const bestStep = best('stepMedian');
  const bestChain = best('chainMedian');
  const ratio = (name: string, field: 'stepMedian' | 'chainMedian', ref: (typeof tf)[number] | undefined) => {
    const me = impls.find((i) => i.impl === name)?.[field];
    return me != null && ref?.[field] ? sig(me / (ref[field] as number)) : null;
  };
  const tfWebgl = impls.find((i) => i.impl === 'tfjs-webgl');
  return {
    workload: `${spec.kind}-${spec.size}`,
    kind: spec.kind,
    size: spec.size,
    bestTfjs: bestStep?.impl ?? null,
    bestTfjsChain: bestChain?.impl ?? null,
    ratioCpu: ratio('stepwise-cpu', 'stepMedian', bestStep),
    ratioWebgl2: ratio('stepwise-webgl2', 'stepMedian', bestStep),
    ratioBest: (() => {
      const a = ratio('stepwise-cpu', 'stepMedian', bestStep);
      const b = ratio('stepwise-webgl2', 'stepMedian', bestStep);
      return a === null ? b : b === null ? a : Math.min(a, b);
    })(),
    ratioChainBest: (() => {
      const a = ratio('stepwise-cpu', 'chainMedian', bestChain);
      const b = ratio('stepwise-webgl2', 'chainMedian', bestChain);
      return a === null ? b : b === null ? a : Math.min(a, b);
    })(),
    ratioWebgl2VsTfjsWebgl: ratio('stepwise-webgl2', 'stepMedian', tfWebgl),
    ratioWebgl2VsTfjsWebglChain: ratio('stepwise-webgl2', 'chainMedian', tfWebgl),
    impls,
  };
}

async function siteSuite(events: number) {
  let dist = opt.site;
  if (dist === '') {
    dist = '/tmp/stepwise-bench-site';
    log(`building the site into ${dist}…`);
    const b = spawnSync('npx', ['astro', 'build', '--outDir', dist], {
      stdio: 'inherit',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    if (b.status !== 0) throw new Error('site build failed');
  }
  const server = await serve(dist, port);
  // Pages painted as Chromium paints them without a usable GPU (CPU raster and compositing; WebGL2 on SwiftShader):
  // tests/chromium.ts softwarePaintArgs says why. Runs before 2026-12-06 afternoon rasterised through SwiftShader.
  const browser = await chromium.launch(chromiumLaunchOptions(softwarePaintArgs));
  try {
    const pages = sitePages(dist).filter((p) => opt.pages === '' || opt.pages.split(',').includes(p));
    const weights = [];
    for (const p of pages) {
      // --cold N: N cold loads of a page with widgets; its ready times are their medians (issue 16: ≥ 5).
      const loads = [await pageWeight(browser, base, dist, p)];
      const w0 = loads[0] as Awaited<ReturnType<typeof pageWeight>>;
      while (w0.widgets > 0 && loads.length < Number(opt.cold)) loads.push(await pageWeight(browser, base, dist, p));
      const mid = (f: (l: (typeof loads)[number]) => number | null) => {
        const xs = loads.map(f).filter((x): x is number => x !== null);
        return xs.length === 0 ? null : median(xs);
      };
      const w = {
        ...w0,
        coldLoads: loads.length,
        firstReadyMs: mid((l) => l.firstReadyMs),
        allReadyMs: mid((l) => l.allReadyMs),
        readyAfterLoadMs: mid((l) => l.readyAfterLoadMs),
        readyJs: Math.max(...loads.map((l) => l.readyJs)),
      };
      log(
        `  weight ${p}: initial JS ${(w.initialJs / 1024).toFixed(1)} KB gz, before ready ${(w.readyJs / 1024).toFixed(1)} KB, loaded ${(w.loadedJs / 1024).toFixed(1)} KB, ready ${w.firstReadyMs?.toFixed(0)}–${w.allReadyMs?.toFixed(0)} ms, ${w.readyAfterLoadMs?.toFixed(0)} ms after load (median of ${w.coldLoads})`,
      );
      weights.push({ ...w, files: w.files.slice(0, 8) });
    }
    const latency = [];
    // Embed pages hold the same widgets as the chapters: their weight is measured above, their latency is not repeated.
    const widgetPages = pages.filter((x) => !x.startsWith('/embed/'));
    // The bare control first and last: its latency is the floor (the browser's own input → frame cost).
    const bare = (p: string): Promise<WidgetLatency[]> => bareControlLatency(browser, base, p, events).then((r) => [r]);
    for (const [p, measure] of opt['weight-only']
      ? []
      : [
          ['/notation/', bare] as const,
          ...widgetPages.map((p) => [p, (q: string) => widgetLatency(browser, base, q, events)] as const),
          ['/notation/', bare] as const,
        ]) {
      const rows = await measure(p);
      for (const r of rows) {
        const s = {
          page: r.page,
          widget: r.widget,
          control: r.control,
          events: r.events,
          changed: r.changed,
          frameMs: sig(r.frameMs),
          workP50: sig(median(r.work)),
          workP95: sig(quantile(r.work, 0.95)),
          paintP50: sig(median(r.paint)),
          paintP95: sig(quantile(r.paint, 0.95)),
          drawnP50: sig(median(r.drawn)),
          drawnP95: sig(quantile(r.drawn, 0.95)),
          longestTaskMs: Number.isFinite(r.longestTaskMs) ? Math.round(r.longestTaskMs) : undefined,
          unsettled: r.unsettled || undefined,
          error: r.error,
        };
        log(
          `  latency ${r.page} ${r.widget}: ${r.error ?? `${r.control} work p95 ${s.workP95} ms, paint p50 ${s.paintP50} p95 ${s.paintP95} ms, all drawn p95 ${s.drawnP95} ms, longest task ${s.longestTaskMs ?? '–'} ms${s.unsettled ? `, ${s.unsettled} events on a busy page` : ''}`}`,
        );
        latency.push(s);
      }
    }
    return { dist, paintFlags: softwarePaintArgs, weights, latency };
  } finally {
    await browser.close();
    server.close();
  }
}

const started = new Date();
const result: Record<string, unknown> = {
  date: started.toISOString(),
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
  settings: { reps, launches, events: Number(opt.events), sampleTargetMs: Number(opt['sample-ms']) },
  machine: machine(),
};
if (opt['engine-from'] !== '') {
  // Reuse the engine section of an earlier run (e.g. the site part re-measured after a page-weight change).
  const earlier = JSON.parse(readFileSync(opt['engine-from'], 'utf8'));
  result.engine = earlier.engine;
  result.settings = earlier.settings;
  if (earlier.engineRemeasured) result.engineRemeasured = earlier.engineRemeasured;
  // A merged file keeps where its engine numbers were first measured.
  result.engineRun = earlier.engineRun ?? {
    date: earlier.date,
    machine: earlier.machine,
    durationS: earlier.durationS,
  };
} else if (opt['engine-update'] !== '') {
  // Re-measure some workloads (e.g. after a kernel change) and keep the earlier run's others.
  const earlier = JSON.parse(readFileSync(opt['engine-update'], 'utf8'));
  const loadBefore = machine();
  const fresh = await engineSuite();
  const freshByName = new Map(fresh.workloads.map((w) => [w.workload, w]));
  const earlierNames = new Set(earlier.engine.workloads.map((w: { workload: string }) => w.workload));
  result.engine = {
    ...earlier.engine,
    workloads: [
      ...earlier.engine.workloads.map((w: { workload: string }) => freshByName.get(w.workload) ?? w),
      ...fresh.workloads.filter((w) => !earlierNames.has(w.workload)),
    ],
  };
  result.settings = earlier.settings;
  result.engineRun = earlier.engineRun ?? {
    date: earlier.date,
    machine: earlier.machine,
    durationS: earlier.durationS,
  };
  result.engineRemeasured = [
    ...(earlier.engineRemeasured ?? []),
    {
      workloads: [...freshByName.keys()],
      date: started.toISOString(),
      machine: { ...loadBefore, loadAverageEnd: loadavg().map((v) => Number(v.toFixed(2))) },
      settings: { reps, launches },
    },
  ];
} else if (only.has('engine')) result.engine = await engineSuite();
if (opt['site-from'] !== '' && opt['weight-only'] && only.has('site')) {
  // Page weight re-measured (e.g. after a bundling change); interaction latency kept from the earlier run.
  const earlier = JSON.parse(readFileSync(opt['site-from'], 'utf8'));
  result.site = { ...(await siteSuite(Number(opt.events))), latency: earlier.site?.latency ?? [] };
  result.latencyRun = {
    date: earlier.siteRun?.date ?? earlier.date,
    machine: earlier.siteRun?.machine ?? earlier.machine,
  };
} else if (opt['site-from'] !== '') {
  const earlier = JSON.parse(readFileSync(opt['site-from'], 'utf8'));
  result.site = earlier.site;
  result.siteRun = earlier.siteRun ?? { date: earlier.date, machine: earlier.machine, durationS: earlier.durationS };
} else if (only.has('site')) result.site = await siteSuite(Number(opt.events));
(result.machine as Record<string, unknown>).loadAverageEnd = loadavg().map((v) => Number(v.toFixed(2)));
(result.machine as Record<string, unknown>).uptimeEnd = spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();
result.durationS = Math.round((Date.now() - started.getTime()) / 1000);

mkdirSync(opt.out, { recursive: true });
const stem = `${started.toISOString().slice(0, 10)}${opt.tag ? `-${opt.tag}` : ''}`;
writeFileSync(join(opt.out, `${stem}.json`), `${JSON.stringify(result, null, 1)}\n`);
writeFileSync(join(opt.out, `${stem}.md`), writeMarkdown(result));
if (opt.tag === '') writeFileSync(join(opt.out, 'latest.json'), readFileSync(join(opt.out, `${stem}.json`)));
log(`wrote ${join(opt.out, `${stem}.json`)} and .md`);
