import type { Locator, Page } from '@playwright/test';
import { widgets } from '~components/widgets/registry.ts';
import { expect, test } from './guard.ts';
import { phoneChecks } from './sweep-phone.ts';
import { fontShiftBudget, layoutShifts, shiftBudget, watchShifts } from './sweep-shift.ts';
import { fontsAndFrames, type SnapshotVerdict, scrollThrough, shootAndCompare } from './visual-snapshot.ts';
import { readyWidget } from './widget-values.ts';

/**
 * Named visual snapshots of every registered widget on the chapter page that explains it: 1280×800 light,
 * 375×812 light with touch (where the phone checks of sweep-phone.ts ride along), and 1280×800 dark for the widgets whose colours carry meaning. Each picture is a
 * deterministic case (the widgets' defaults are fixed or seeded, measured times are masked by snapshotStyle) compared with
 * tests/e2e/visual/<name>.png; see visual-snapshot.ts for the tolerance and the `-changed.png` files.
 */

/** Widgets also shot in the dark theme: gates, heat maps and highlights whose colours must stay readable. */
const darkToo = new Set([
  'rnn-memory',
  'rnn-unrolled-diagram',
  'gru-cell',
  'gru-diagram',
  'lstm-cell',
  'lstm-diagram',
  'bahdanau',
  'bahdanau-diagram',
  'decoding-search',
  'seq2seq-diagram',
  'self-attention',
  'self-attention-diagram',
  'multi-head-diagram',
  'multi-head',
  'attention-order',
  'positional-encoding',
  'rotary-scores',
  'transformer-block',
  'cross-attention',
  'stacked-layers',
]);

/**
 * Brings a widget to the state its snapshot shows, when its default is not enough. The training lab is shot
 * idle with the committed reverse8-attention snapshot loaded (never mid-training: the loss curve would depend on
 * how far the worker got); scale mode computes once at its default size; the pretrained models wait for their
 * whole accuracy-by-length tables.
 */
const prepare: Record<string, (page: Page, root: Locator) => Promise<void>> = {
  'training-lab': async (_page, root) => {
    await root.getByLabel('pretrained', { exact: true }).selectOption('reverse8-attention');
    await root.locator('[data-action="load-pretrained"]').click();
    await expect(root.getByText(/Loaded pretrained “reverse8-attention”/)).toBeVisible({ timeout: 30_000 });
    // The decoding shown must be the loaded model's: it reverses the default input (the fresh model's does not).
    const outputs = root.locator('dl.outputs');
    await expect
      .poll(async () => {
        const source = (await outputs.getAttribute('data-source')) ?? '';
        const greedy = await root.locator('[data-symbol="greedy"]').getAttribute('data-value');
        return source !== '' && greedy === source.split(' ').reverse().join(' ');
      })
      .toBe(true);
  },
  'pretrained-alignment': async (_page, root) => {
    await expect(root.locator('[data-symbol="accuracy_by_size"]')).toHaveCount(15, { timeout: 60_000 });
    await expect(root.locator('[data-symbol="baseline_accuracy_by_size"]')).toHaveCount(15, { timeout: 60_000 });
  },
  'pretrained-bottleneck': async (_page, root) => {
    await expect(root.locator('[data-symbol="accuracy_by_size"]')).toHaveCount(15, { timeout: 60_000 });
    await expect(root.locator('[data-symbol="baseline_accuracy_by_size"]')).toHaveCount(15, { timeout: 60_000 });
  },
  'pretrained-translate': async (_page, root) => {
    // Trained on 1–4 noun phrases, no baseline: one row per size.
    await expect(root.locator('[data-symbol="accuracy_by_size"]')).toHaveCount(4, { timeout: 60_000 });
  },
  'scale-mode': async (_page, root) => {
    await root.getByRole('button', { name: 'Compute', exact: true }).click();
    await expect(root.locator('[data-status="done"]')).toBeVisible({ timeout: 60_000 });
  },
};

/** The registry's widgets grouped by the chapter page that explains them. */
function byChapter(): Map<string, string[]> {
  const pages = new Map<string, string[]>();
  for (const w of widgets) pages.set(w.chapter, [...(pages.get(w.chapter) ?? []), w.id]);
  return pages;
}

/** Waits until `root` can be shot: charts drawn, the scratchpad's math library loaded, fonts and frames settled. */
async function settled(page: Page, root: Locator): Promise<void> {
  await scrollThrough(root);
  // Charts draw after measuring their width (and loading Plot); the scratchpad loads mathjs near the screen.
  await expect(root.locator('.plot-host:empty, .plot-pending')).toHaveCount(0, { timeout: 30_000 });
  // By state, not by words: the loading message is in the page's language (a /zh/ shot once caught it loading).
  // The scratchpad starts watching for the screen only once the page is idle: under load that came after the
  // scroll above had passed it (CI 08:19, /zh/gru/ waited 30 s). Bring it on screen and keep it there.
  const busy = root.locator('.scratchpad output[aria-busy="true"]');
  if ((await busy.count()) > 0) await root.locator('.scratchpad').first().scrollIntoViewIfNeeded();
  await expect(busy).toHaveCount(0, { timeout: 30_000 });
  await fontsAndFrames(page);
}

/**
 * Loads `path`, shoots each of `ids` once settled and compares it; then, on the same load, switches to the dark
 * theme with the page's toggle (as a reader does) and shoots `darkIds`. Fails listing every mismatch on the page.
 */
async function snapshotPage(page: Page, path: string, ids: string[], suffix: string, darkIds: string[] = []) {
  await watchShifts(page);
  await page.goto(path);
  if (suffix.startsWith('375-')) {
    // Read before anything the test does (its snapshot style hides the badges' timings; prepare steps train):
    // loaded and ready at 375 px, nothing may have moved (pages.spec reads the same at 1280).
    for (const id of ids) await readyWidget(page, id);
    const { total, fontTotal, shifts } = await layoutShifts(page);
    expect.soft(total, `layout shifts on ${path} at 375 px: ${shifts.join('; ')}`).toBeLessThanOrEqual(shiftBudget);
    expect
      .soft(fontTotal, `layout shifts as a web font arrived on ${path} at 375 px: ${shifts.join('; ')}`)
      .toBeLessThanOrEqual(fontShiftBudget);
  }
  const verdicts: SnapshotVerdict[] = [];
  for (const id of ids) {
    const root = await readyWidget(page, id);
    await prepare[id]?.(page, root);
    await settled(page, root);
    verdicts.push(await shootAndCompare(root, `${id}-${suffix}`));
  }
  if (darkIds.length > 0) {
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    for (const id of darkIds) {
      const root = await readyWidget(page, id);
      await settled(page, root);
      verdicts.push(await shootAndCompare(root, `${id}-1280-dark`));
    }
  }
  for (const v of verdicts) if (v.note) test.info().annotations.push({ type: 'snapshot', description: v.note });
  // The phone checks ride on this load (after the pictures, so they cannot change them).
  if (suffix.startsWith('375-'))
    await test.step('phone: fits, answers taps, Share menu on screen', () => phoneChecks(page, ids));
  const problems = verdicts.flatMap((v) => (v.problem ? [v.problem] : []));
  expect(problems, 'visual snapshots that changed').toEqual([]);
}

// 1280 light and dark share a load (one reload less per page): the dark shots follow the light ones.
const variants = [
  { suffix: '1280-light', use: { viewport: { width: 1280, height: 800 }, colorScheme: 'light' } },
  {
    suffix: '375-light',
    use: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, colorScheme: 'light' },
  },
] as const;

for (const variant of variants) {
  test.describe(`visual snapshots ${variant.suffix}`, () => {
    // deviceScaleFactor 1 keeps the baselines small; reduced motion stops transitions the widgets honour.
    // bypassCSP: the snapshot style (visual-snapshot.ts) is a <style> tag added by the test, which the site's CSP
    // (tested in hardening-security.spec.ts) refuses with a console error.
    test.use({ ...variant.use, deviceScaleFactor: 1, reducedMotion: 'reduce', bypassCSP: true });
    for (const [path, ids] of byChapter()) {
      const dark = variant.suffix === '1280-light' ? ids.filter((id) => darkToo.has(id)) : [];
      const names = dark.length > 0 ? `${variant.suffix} and 1280-dark` : variant.suffix;
      test(`${ids.join(', ')} on ${path} match their ${names} baselines`, async ({ page }) => {
        await snapshotPage(page, path, ids, variant.suffix, dark);
      });
    }
  });
}

/**
 * The Chinese edition: the widgets with the most Chinese text (gates' labels, stepper captions, matrix headings)
 * shot on their /zh/ twins, so a wording that overflows or overlaps shows up as a picture. The other widgets
 * share markup and numbers with the English shots, and pages.spec checks every /zh/ page at 375 px.
 */
const chinese = [
  { path: '/zh/gru/', ids: ['gru-cell', 'gru-diagram'], variant: variants[0] },
  { path: '/zh/multi-head/', ids: ['multi-head'], variant: variants[0] },
  { path: '/zh/lstm/', ids: ['lstm-cell'], variant: variants[1] },
] as const;

for (const { path, ids, variant } of chinese) {
  test.describe(`visual snapshots zh-${variant.suffix}`, () => {
    test.use({ ...variant.use, deviceScaleFactor: 1, reducedMotion: 'reduce', bypassCSP: true });
    test(`${ids.join(', ')} on ${path} match their zh-${variant.suffix} baselines`, async ({ page }) => {
      await snapshotPage(page, path, [...ids], `zh-${variant.suffix}`);
    });
  });
}
