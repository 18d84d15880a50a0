import { expect, test } from './guard.ts';

/**
 * Issue 16's weight target on pages with charts and formulas: the widgets become ready showing the charts and
 * formulas the build drew into the HTML, before any Observable Plot or KaTeX chunk is fetched (they are ~160 KB
 * gzipped together); Plot arrives in idle time afterwards and redraws each chart at its measured width.
 * The pretrained-model widgets, the decoding widgets and the training lab compute in the browser only after a
 * fetch or in a worker: the build computed the same numbers from the same snapshot (build-seed.ts) and drew them.
 */
const pages: { path: string; pictures: boolean; formulas: boolean; weightsLater?: true }[] = [
  { path: '/gru/', pictures: true, formulas: true },
  { path: '/multi-head/', pictures: true, formulas: true },
  { path: '/scores/', pictures: true, formulas: true },
  { path: '/decoding/', pictures: true, formulas: true, weightsLater: true },
  { path: '/lab/', pictures: true, formulas: false },
  { path: '/bahdanau/', pictures: true, formulas: true },
  { path: '/seq2seq/', pictures: true, formulas: true },
  { path: '/embed/training-lab/', pictures: true, formulas: false },
  { path: '/embed/pretrained-translate/', pictures: true, formulas: false },
  { path: '/embed/decoding-search/', pictures: true, formulas: false, weightsLater: true },
  { path: '/embed/decoder-step/', pictures: false, formulas: true, weightsLater: true },
  { path: '/embed/exposure-bias/', pictures: false, formulas: false, weightsLater: true },
];
/** The translator's weights, which the decoding widgets fetch once the page is idle (not before they are ready). */
const translatorWeights = '/snapshots/translate-attention.json';
/** Chunks the widgets must not need before they are ready: Plot, KaTeX, the training lab’s, the pretrained models’ and the decoding widgets’ workers. */
const heavy = /\/(marks|katex|worker|pretrained-worker|decoding-worker)[.-][\w-]+\.js$/;

interface AtReady {
  at: number;
  pictures: number;
  formulas: number;
}

for (const { path, pictures, formulas, weightsLater } of pages) {
  const what = weightsLater ? 'Plot, KaTeX, worker or weights' : 'Plot, KaTeX or worker';
  test(`${path}: widgets ready with the server's charts and formulas, no ${what} fetched before`, async ({ page }) => {
    // Taken in the page as the last data-ready appears (a mutation observer), not a frame later.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-widget]') || document.querySelector('[data-widget]:not([data-ready])'))
          return;
        observer.disconnect();
        (window as { atReady?: AtReady }).atReady = {
          at: performance.now(),
          pictures: document.querySelectorAll('.plot-server [data-chart-signature]').length,
          formulas: document.querySelectorAll('[data-widget] .katex').length,
        };
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
    });
    await page.goto(path);
    await page.waitForFunction(() => (window as { atReady?: AtReady }).atReady !== undefined, null, {
      timeout: 60_000,
    });
    const ready = await page.evaluate(() => {
      const r = (window as { atReady?: AtReady }).atReady as AtReady;
      const fetched = performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime <= r.at)
        .map((e) => new URL(e.name).pathname);
      return { ...r, fetched };
    });
    expect(ready.fetched.filter((f) => heavy.test(f))).toEqual([]);
    if (weightsLater) {
      expect(ready.fetched, 'the translator fetched before the widgets were ready').not.toContain(translatorWeights);
      // Then, the page idle, the widgets fetch the weights and decode the same input themselves: the same numbers.
      const shown = () =>
        page
          .locator('[data-widget] [data-value]')
          .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-symbol')}=${e.getAttribute('data-value')}`));
      const built = await shown();
      await expect
        .poll(
          () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)),
          { message: 'the weights fetched once the page is idle', timeout: 30_000 },
        )
        .toContain(translatorWeights);
      await expect(page.locator('[data-widget]:not([data-ready])')).toHaveCount(0);
      await expect.poll(shown, { message: 'the browser decode shows the numbers the build showed' }).toEqual(built);
      // The decodes run in the page's decoding worker (decoding-worker-port.ts), not on the page's thread.
      expect(page.workers().map((w) => new URL(w.url()).pathname)).toContainEqual(
        expect.stringMatching(/\/decoding-worker-[\w-]+\.js$/),
      );
    }
    if (pictures) expect(ready.pictures, 'server-drawn charts on screen when ready').toBeGreaterThan(0);
    if (formulas) expect(ready.formulas, 'server-rendered formulas on screen when ready').toBeGreaterThan(0);
    // Then Plot takes over: every chart on screen is redrawn by the browser and the server's pictures go.
    await expect(page.locator('.plot-host:visible:empty')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.locator('.plot-server:visible')).toHaveCount(0);
  });
}
