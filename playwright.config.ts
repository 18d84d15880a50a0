import { readFileSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, softwarePaintArgs } from './tests/chromium.ts';

// Specs import the widget registry, whose titles are catalog messages: outside Vite the build-time constants
// src/lib/i18n/locale.ts reads (i18nPlugins' defines) do not exist, so they are globals here, from the same
// inlang project. Workers load this file before any spec.
{
  const settings = new URL('./project.inlang/settings.json', import.meta.url);
  const { locales, baseLocale } = JSON.parse(readFileSync(settings, 'utf8')) as {
    locales: string[];
    baseLocale: string;
  };
  Object.assign(globalThis, {
    __STEPWISE_LOCALES__: locales,
    __STEPWISE_BASE_LOCALE__: baseLocale,
    __STEPWISE_MULTILINGUAL__: locales.length > 1,
  });
}

const port = Number(process.env.STEPWISE_E2E_PORT ?? 4399);
const reportFile = process.env.STEPWISE_E2E_REPORT;

/**
 * Browser tests run against the production build (`npm run build` first),
 * served on localhost. STEPWISE_DIST and STEPWISE_E2E_PORT let several
 * builds be tested side by side.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  // One retry in CI: SwiftShader on a shared 2-core machine makes a few UI races rare but real. A test that
  // passes only on retry is reported as flaky in the summary, never hidden.
  retries: process.env.CI ? 1 : 0,
  // Fail fast: a regression that breaks every page stops the run after this many failures instead of
  // running 90 minutes of failing tests (STEPWISE_MAX_FAILURES=0 runs everything).
  maxFailures: Number(process.env.STEPWISE_MAX_FAILURES ?? 10),
  // A hang guard, not a speed test: SwiftShader and a busy 2-core machine make heavy pages slow.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: reportFile ? [['list'], ['json', { outputFile: reportFile }]] : [['list']],
  outputDir: process.env.STEPWISE_E2E_OUT ?? 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromiumLaunchOptions(softwarePaintArgs),
    // Bounds every wait on an action (a click waits for its target to be enabled, `locator.waitFor` for
    // data-ready) instead of letting it run into the test timeout.
    actionTimeout: 30_000,
    // The site's service worker precaches the whole build (~10 MB) on a page's first visit; in every fresh test
    // context that would be the heaviest thing the test does. Only tests/e2e/offline.spec.ts allows it.
    serviceWorkers: 'block',
    // A trace snapshots the whole DOM before and after every action (15–30 ms each on a chapter page, measured
    // with DEBUG=pw:protocol), which made the /lstm/ sweep 40.5 s instead of 23.7 s. CI retries a failure once,
    // and the retry records the trace to read.
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      command: 'node tests/serve-dist.mjs',
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { PORT: String(port), STEPWISE_DIST: process.env.STEPWISE_DIST ?? 'dist' },
    },
    // The site built in the pseudo-locale (tests/e2e/pseudo.spec.ts), when STEPWISE_PSEUDO_DIST names it.
    ...(process.env.STEPWISE_PSEUDO_DIST
      ? [
          {
            command: 'node tests/serve-dist.mjs',
            url: `http://127.0.0.1:${port + 100}/`,
            reuseExistingServer: false,
            timeout: 30_000,
            env: { PORT: String(port + 100), STEPWISE_DIST: process.env.STEPWISE_PSEUDO_DIST },
          },
        ]
      : []),
  ],
});
