import { readdirSync, readFileSync } from 'node:fs';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { i18nPlugins } from './src/build/i18n.ts';
import { chromiumLaunchOptions, softwarePaintArgs } from './tests/chromium.ts';

const alias = {
  '~engine': new URL('./src/engine', import.meta.url).pathname,
  '~lib': new URL('./src/lib', import.meta.url).pathname,
  '~components': new URL('./components', import.meta.url).pathname,
};

/**
 * The engine's test files that run on every backend (they import tests/engine/each-backend.ts): the browser project
 * runs these again, forced onto WebGL2. The rest of tests/engine/ is backend-free, the same test in the same V8, and
 * runs in the node project only: in Chromium each was the node run again (436 checks, 15 s of 30 s, the snapshot
 * training and the TensorFlow.js twin most of it; CI 2026-12-06). Found by reading the files, so a new backend test
 * is picked up without touching this list.
 */
function engineTestsOnEveryBackend(): string[] {
  const dir = new URL('./tests/engine/', import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts') && readFileSync(new URL(f, dir), 'utf8').includes("from './each-backend.ts'"))
    .map((f) => `tests/engine/${f}`);
  if (files.length === 0)
    throw new Error('no test in tests/engine/ imports ./each-backend.ts: WebGL2 would go untested');
  return files;
}

export default defineConfig({
  plugins: [svelte(), ...i18nPlugins()],
  resolve: { alias, conditions: ['browser'] },
  test: {
    // One report for every project: CI reads a single JSON file.
    reporters: process.env.STEPWISE_REPORT
      ? ['default', ['json', { outputFile: process.env.STEPWISE_REPORT }]]
      : ['default'],
    // A test that asserts nothing fails instead of counting as a pass (an `expect` inside an `expect.poll`,
    // an `expect.soft` or a helper counts; a measurement that prints numbers belongs in `npm run bench`).
    expect: { requireAssertions: true },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/{engine,lib,components,elements,build}/**/*.test.ts'],
          environment: 'node',
          // Files share a worker's module registry instead of re-importing the engine, Svelte and mathjs for
          // each of ~90 files (node unit step 150 s → 62 s, measured under the same load). A file that changes
          // shared state puts it back (tests/engine/registry.test.ts).
          isolate: false,
          // Training runs and the lazily imported mathjs take seconds on a busy 2-core machine;
          // a timeout is a guard against hangs, not a speed test (speed lives in the bench suite).
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          // As in the node project: the files share one page's module registry instead of each importing the
          // engine into a fresh iframe. Measured one after the other on the same machine (2026-12-05):
          // 57 s → 29 s for the same 734 tests, which also pass in shuffled order.
          isolate: false,
          // The engine's op tests run here a second time, forced onto WebGL2 (see tests/engine/each-backend.ts).
          include: [
            ...engineTestsOnEveryBackend(),
            'tests/backends/**/*.test.ts',
            'tests/components/**/*.browser-test.ts',
            'tests/lib/**/*.browser-test.ts',
          ],
          setupFiles: ['tests/backends/setup-webgl2.ts'],
          // SwiftShader emulates the GPU on the CPU: large kernels take seconds, not milliseconds.
          testTimeout: 120_000,
          // expect.poll's 1 s default is shorter than a widget's first mount on a busy 2-core CI machine (a CI run
          // at load 16 failed the kit test's wait for data-ready); a wait, not a speed test.
          expect: { requireAssertions: true, poll: { timeout: 15_000 } },
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: chromiumLaunchOptions(softwarePaintArgs) }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
