// `npm test`: every check in one command. Runs lint, typecheck, the node unit tests, the production build, the
// unit tests that need Chromium (WebGL2) and the Playwright browser tests; prints each step's time, the slowest
// ten browser tests, and one closing line "N passed, N failed" (CI reads it); exits non-zero on any failure.
//
// `npm run test:fast` (`--fast`): lint, typecheck and the node unit tests only — the developer loop (< 2 min).
//
// Fail fast: a failed lint, typecheck or build stops the run after its stage (nothing after it runs); Playwright stops
// after `maxFailures` failures (playwright.config.ts), so a regression that breaks every page reports in minutes.
//
// Counting: a check is a test identified by its file and full name. The engine's op tests run in the node
// project and again in Chromium (the browser project, where each also runs on WebGL2); the copy that is the same
// test on the same backend ("… [cpu]" in both) is counted once, failed if either run failed. The WebGL2 copies
// are different checks and count on their own. Skipped tests are not counted.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { relative } from 'node:path';

const fast = process.argv.includes('--fast');
const root = new URL('../', import.meta.url).pathname;
const reports = new URL('./.reports/', import.meta.url).pathname;
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const nodeReport = `${reports}unit-node.json`;
const browserReport = `${reports}unit-browser.json`;
const e2eReport = `${reports}e2e.json`;
const env = {
  ...process.env,
  ASTRO_TELEMETRY_DISABLED: '1',
  STEPWISE_E2E_REPORT: e2eReport,
  STEPWISE_PSEUDO_DIST: 'dist-pseudo',
};

/**
 * The run in stages; the steps of one stage run side by side (fresh-clone runs, 2026-12-04): typecheck beside the
 * node unit tests took 77 s, against 41 s + 81 s one after the other; the build beside the Chromium unit tests 68 s,
 * against 20 s + 75 s one after the other. Neither pair reads what the other writes. `gate`: a failed step stops the
 * run after its stage (what
 * comes after cannot mean anything, or would only repeat it), so a lint or type error never reaches the browser.
 */
const unitNode = {
  name: 'unit tests (node)',
  cmd: ['npx', 'vitest', 'run', '--project', 'node'],
  env: { STEPWISE_REPORT: nodeReport },
};
const stages = [
  // The message catalog compiles first (2 s, beside lint): typecheck, the unit tests and the build read it, and
  // find it compiled instead of each compiling it (see src/build/i18n.ts).
  [
    { name: 'lint and format', cmd: ['npm', 'run', '--silent', 'lint'], gate: true },
    { name: 'message catalog', cmd: ['npm', 'run', '--silent', 'i18n'], gate: true },
  ],
  [{ name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'], gate: true }, unitNode],
  ...(fast
    ? []
    : [
        [
          // Then the same site in the pseudo-locale for tests/e2e/pseudo.spec.ts (+25 s, while the Chromium unit
          // tests beside it still run: the stage takes no longer).
          {
            name: 'build',
            cmd: ['sh', '-c', 'npx astro build && STEPWISE_LOCALE=en-XA npx astro build --outDir dist-pseudo'],
            gate: true,
          },
          {
            name: 'unit tests (Chromium)',
            cmd: ['npx', 'vitest', 'run', '--project', 'browser'],
            env: { STEPWISE_REPORT: browserReport },
          },
        ],
        [{ name: 'browser tests', cmd: ['npx', 'playwright', 'test'] }],
      ]),
];

/**
 * Runs one step. Alone in its stage its output streams; beside another it is collected and printed in one piece
 * when the step ends, so two logs never interleave.
 */
function runStep(step, alone) {
  console.log(
    `\n▶ ${step.name}: ${step.cmd.join(' ')}${alone ? '' : ' (beside another step; its output follows when it ends)'}`,
  );
  const start = Date.now();
  const child = spawn(step.cmd[0], step.cmd.slice(1), {
    stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    env: { ...env, ...step.env },
  });
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.on('close', (status) => {
      const seconds = (Date.now() - start) / 1000;
      if (!alone) {
        console.log(`\n▶ ${step.name}: output`);
        process.stdout.write(Buffer.concat(output));
      }
      console.log(`▶ ${step.name}: ${status === 0 ? 'ok' : 'FAILED'} in ${seconds.toFixed(1)} s`);
      resolve({ name: step.name, ok: status === 0, seconds, gate: step.gate });
    });
  });
}

/** Busy and idle CPU time summed over every core since boot (ms), to say how busy the machine was in a stage. */
function cpuTimes() {
  let busy = 0;
  let idle = 0;
  for (const { times } of cpus()) {
    busy += times.user + times.nice + times.sys + times.irq;
    idle += times.idle;
  }
  return { busy, idle };
}

/**
 * How much of the machine a stage used, printed with the summary: whether the browser step's two workers keep
 * both cores busy (more workers could only help if not), and whether something else ran beside the tests (the
 * load average before the stage; this run's own processes add to it).
 */
function machineUse(before, after, loadBefore) {
  const busy = after.busy - before.busy;
  const total = busy + after.idle - before.idle;
  const percent = total > 0 ? Math.round((100 * busy) / total) : 0;
  return `CPU ${String(percent).padStart(3)} % of ${cpus().length} cores, load ${loadBefore.toFixed(1)} before`;
}

const runStart = Date.now();
const results = [];
const stageUse = new Map();
let stoppedBy;
for (const stage of stages) {
  if (stoppedBy !== undefined) {
    for (const step of stage) results.push({ name: step.name, ok: false, skipped: true, seconds: 0 });
    continue;
  }
  const [before, loadBefore] = [cpuTimes(), loadavg()[0] ?? 0];
  const done = await Promise.all(stage.map((step) => runStep(step, stage.length === 1)));
  stageUse.set(done[0]?.name, machineUse(before, cpuTimes(), loadBefore));
  results.push(...done);
  stoppedBy = done.find((r) => !r.ok && r.gate)?.name;
}

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);

/** Unit checks from both Vitest reports, keyed by file and full name (see "Counting" above). */
function unitCounts() {
  const checks = new Map();
  let runs = 0;
  let suiteFailures = 0;
  for (const report of [readJson(nodeReport), readJson(browserReport)]) {
    if (report === undefined) continue;
    // Two tests with the same name in one file are two checks: the key carries the occurrence number.
    const seen = new Map();
    for (const file of report.testResults ?? []) {
      const name = relative(root, file.name);
      // A file that failed to load has no assertion results but a message: one failure.
      if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) suiteFailures++;
      for (const t of file.assertionResults ?? []) {
        if (t.status !== 'passed' && t.status !== 'failed') continue;
        runs++;
        const title = `${name} › ${t.fullName}`;
        const n = (seen.get(title) ?? 0) + 1;
        seen.set(title, n);
        const key = `${title} #${n}`;
        checks.set(key, checks.get(key) === 'failed' || t.status === 'failed' ? 'failed' : 'passed');
      }
    }
  }
  const statuses = [...checks.values()];
  return {
    passed: statuses.filter((s) => s === 'passed').length,
    failed: statuses.filter((s) => s === 'failed').length + suiteFailures,
    twice: runs - checks.size,
  };
}

/** Every Playwright test in the report with its total time (all attempts) and outcome. */
function browserTests(report) {
  const out = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const ms = (t.results ?? []).reduce((s, r) => s + (r.duration ?? 0), 0);
        out.push({ title: [...path, spec.title].join(' › '), file: spec.file, ms, status: t.status });
      }
    }
    for (const child of suite.suites ?? [])
      walk(child, child.title && !child.title.endsWith('.ts') ? [...path, child.title] : path);
  };
  for (const s of report?.suites ?? []) walk(s, []);
  return out;
}

const unit = unitCounts();
const e2e = readJson(e2eReport);
const browser = browserTests(e2e);
const e2ePassed = (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
const e2eFailed = (e2e?.stats?.unexpected ?? 0) + (e2e?.errors?.length ?? 0);
const flaky = browser.filter((t) => t.status === 'flaky');

if (browser.length > 0) {
  console.log('\nSlowest ten browser tests');
  for (const t of [...browser].sort((a, b) => b.ms - a.ms).slice(0, 10))
    console.log(`  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.file} › ${t.title}`);
}

console.log(
  '\nSummary (steps in one stage ran side by side: typecheck with the node unit tests, the build with the Chromium unit tests)',
);
for (const r of results) {
  const mark = r.skipped ? `skipped (${stoppedBy} failed)` : r.ok ? 'ok' : 'FAILED';
  const use = stageUse.get(r.name);
  console.log(
    `  ${r.name.padEnd(22)} ${mark.padEnd(30)} ${r.seconds.toFixed(1).padStart(7)} s${use ? `   stage: ${use}` : ''}`,
  );
}
console.log(`  ${'total'.padEnd(22)} ${''.padEnd(30)} ${((Date.now() - runStart) / 1000).toFixed(1).padStart(7)} s`);
console.log(
  `  unit checks: ${unit.passed} passed, ${unit.failed} failed` +
    (unit.twice > 0 ? ` (${unit.twice} runs of a check already run in the other project counted once)` : ''),
);
if (e2e !== undefined) console.log(`  browser tests: ${e2ePassed} passed, ${e2eFailed} failed`);
if (flaky.length > 0) {
  console.log(`  ${flaky.length} browser test(s) passed only on the retry (flaky; fix them, do not rely on it):`);
  for (const t of flaky) console.log(`    ${t.file} › ${t.title}`);
}
const passed = unit.passed + e2ePassed;
const failed = unit.failed + e2eFailed;
const stepFailures = results.filter((r) => !r.ok && !r.skipped).length;
// A failed step with no failed test (lint, typecheck, build, a runner crash) still counts as a failure.
console.log(`${passed} passed, ${failed + (failed === 0 ? stepFailures : 0)} failed`);
process.exit(stepFailures === 0 && failed === 0 ? 0 : 1);
