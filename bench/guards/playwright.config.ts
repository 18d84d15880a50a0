import { defineConfig } from '@playwright/test';
import base from '../../playwright.config.ts';

/**
 * `npm run bench:guard` (also the first part of `npm run bench`): the timing guards that used to sit in the CI
 * gate — Stepwise CPU within 3× of tfjs-cpu, and the lab's frame times while training. They serve the built site
 * (`npm run build` first; STEPWISE_DIST and STEPWISE_E2E_PORT as for the browser tests).
 */
const root = new URL('../../', import.meta.url).pathname;

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
