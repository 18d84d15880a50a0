import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { generateSW } from 'workbox-build';

/**
 * Writes dist/sw.js with Workbox after everything else is built (the custom-element bundle and the search
 * index included, so it must come last in the integrations): a service worker that precaches the whole site,
 * each file under a revision hash, so a reader who opened the site once can read every chapter and use every
 * widget offline. A new build changes the hashes; the new worker then waits until the reader accepts the
 * update prompt (src/lib/offline/register.ts), which sends SKIP_WAITING, and old entries are removed.
 */
export function offlineIntegration(): AstroIntegration {
  return {
    name: 'stepwise:offline',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { count, size, warnings } = await generateSW({
          globDirectory: site,
          globPatterns: ['**/*'],
          globIgnores: ['sw.js', '_headers', '**/*.map', 'snapshots/README.md'],
          swDest: `${site}sw.js`,
          // Snapshot weights and the elements bundle's chunks are the largest files (< 1 MB each).
          maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
          // /gru/ is served from /gru/index.html; ?present, ?lang, ?challenge … select a view of the same page.
          directoryIndex: 'index.html',
          ignoreURLParametersMatching: [/.*/],
          // The first visit's page is controlled at once, so it works offline without a reload.
          clientsClaim: true,
          skipWaiting: false,
          cleanupOutdatedCaches: true,
          inlineWorkboxRuntime: true,
          mode: 'production',
          sourcemap: false,
        });
        for (const w of warnings) logger.warn(w);
        logger.info(`offline: ${count} files precached, ${(size / 1024 / 1024).toFixed(1)} MB`);
      },
    },
  };
}
