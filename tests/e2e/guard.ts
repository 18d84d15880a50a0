import { test as base, expect } from '@playwright/test';

/** Hosts a page may talk to: only the local test server. */
const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Every browser test runs under a guard that fails it on any console error or
 * warning, any uncaught page error, and any request that leaves localhost.
 */
export const test = base.extend<{ guard: { allowConsole: (pattern: RegExp) => void } }>({
  guard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      page.on('console', (msg) => {
        if (msg.type() !== 'error' && msg.type() !== 'warning') return;
        // Playwright's own notice where playwright.config.ts blocks the site's service worker.
        if (msg.text() === 'Service Worker registration blocked by Playwright') return;
        // SwiftShader's note that a WebGL2 readback waited for the GPU, logged as a warning when the page is
        // composited in software (tests/chromium.ts softwarePaintArgs). Reading results back is what the engine's
        // WebGL2 kernels do by design; the note is the driver's, not the site's.
        if (/GL Driver Message \(OpenGL, Performance, .*\): GPU stall due to ReadPixels/.test(msg.text())) return;
        if (allowed.some((re) => re.test(msg.text()))) return;
        problems.push(`console.${msg.type()}: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
      page.on('request', (req) => {
        const url = new URL(req.url());
        if (url.protocol === 'data:' || url.protocol === 'blob:') return;
        if (!localHosts.has(url.hostname)) problems.push(`request left localhost: ${req.url()}`);
      });
      await use({ allowConsole: (pattern) => allowed.push(pattern) });
      expect(problems, 'console errors, page errors or outside requests').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
