import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config.ts';

/**
 * `npm run bench:guard` (also the first part of `npm run bench`): the timing guards that used to sit in the CI
 * gate — Stepwise CPU within 3× of tfjs-cpu, and the lab's frame times while training. They serve the built site
 * (`npm run build` first; STEPWISE_DIST and STEPWISE_E2E_PORT as for the browser tests).
 */
const root = new URL('../../', import.meta.url).pathname;

// `npm run bench` on a fresh clone has no dist/ yet: build it rather than stop at "webServer was not able to
// start". A build named by STEPWISE_DIST is the caller's to make: say so instead of building something else.
if (!existsSync(resolve(root, process.env.STEPWISE_DIST ?? 'dist', 'index.html'))) {
  if (process.env.STEPWISE_DIST) throw new Error(`bench:guard: no built site in ${process.env.STEPWISE_DIST}`);
  console.log('bench:guard: no build in dist/ yet, running `npm run build` first');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('bench:guard: `npm run build` failed');
}

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.spec.ts',
  retries: 0,
  maxFailures: 0,
  reporter: [['list']],
  outputDir: new URL('../../test-results/bench-guard/', import.meta.url).pathname,
  // The site servers run from the repository root, as for the browser tests (base lists them as an array since the
  // pseudo-locale server joined; passing that array on unchanged ran `node tests/serve-dist.mjs` in bench/guards/,
  // so `npm run bench` stopped at "webServer was not able to start").
  webServer: [base.webServer ?? []].flat().map((server) => ({ ...server, cwd: root })),
});
