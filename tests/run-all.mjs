// `npm test`: every check in one command. Runs lint, typecheck, unit tests,
// the production build and the browser tests; prints one summary line
// "N passed, N failed" (unit + browser tests) and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const reports = new URL('./.reports/', import.meta.url).pathname;
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const unitReport = `${reports}unit.json`;
const e2eReport = `${reports}e2e.json`;
const env = {
  ...process.env,
  ASTRO_TELEMETRY_DISABLED: '1',
  STEPWISE_REPORT: unitReport,
  STEPWISE_E2E_REPORT: e2eReport,
};

const steps = [
  { name: 'lint and format', cmd: ['npm', 'run', '--silent', 'lint'] },
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'unit tests', cmd: ['npx', 'vitest', 'run'] },
  { name: 'build', cmd: ['npx', 'astro', 'build'] },
  { name: 'browser tests', cmd: ['npx', 'playwright', 'test'], needs: 'build' },
];

const results = [];
for (const step of steps) {
  if (step.needs && results.find((r) => r.name === step.needs)?.ok === false) {
    results.push({ name: step.name, ok: false, skipped: true, seconds: 0 });
    continue;
  }
  console.log(`\n▶ ${step.name}: ${step.cmd.join(' ')}`);
  const start = Date.now();
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env });
  results.push({ name: step.name, ok: run.status === 0, seconds: (Date.now() - start) / 1000 });
}

/** Counts from Vitest's and Playwright's JSON reports (0/0 if a report is missing). */
function counts() {
  let passed = 0;
  let failed = 0;
  let flaky = 0;
  if (existsSync(unitReport)) {
    const r = JSON.parse(readFileSync(unitReport, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  }
  if (existsSync(e2eReport)) {
    const r = JSON.parse(readFileSync(e2eReport, 'utf8'));
    passed += r.stats?.expected ?? 0;
    failed += r.stats?.unexpected ?? 0;
    failed += r.errors?.length ?? 0;
    // Flaky: failed once, passed on Playwright's retry. Counted as passed, named so nobody misses it.
    flaky += r.stats?.flaky ?? 0;
    passed += r.stats?.flaky ?? 0;
  }
  return { passed, failed, flaky };
}

console.log('\nSummary');
for (const r of results) {
  const mark = r.skipped ? 'skipped (needs build)' : r.ok ? 'ok' : 'FAILED';
  console.log(`  ${r.name.padEnd(16)} ${mark.padEnd(22)} ${r.seconds.toFixed(1)} s`);
}
const { passed, failed, flaky } = counts();
if (flaky > 0) console.log(`  ${flaky} browser test(s) passed only on retry (flaky): see the list above`);
const stepFailures = results.filter((r) => !r.ok).length;
// A failed step with no failed test (lint, typecheck, build) still counts as a failure.
console.log(`${passed} passed, ${failed + (failed === 0 ? stepFailures : 0)} failed`);
process.exit(stepFailures === 0 && failed === 0 ? 0 : 1);
