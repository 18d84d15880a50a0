import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './guard.ts';
import { chapterPagesWithWidgets } from './hardening-widgets.ts';

/**
 * Accessibility and small screens for every widget on every chapter page
 * (discovered from the build; embed pages get axe in both themes from
 * pages.spec.ts, which walks every built page): axe after stepping to the
 * end, keyboard reach and visible focus, a table of live numbers and a polite
 * live region, reduced motion, and 375×812 with touch.
 */

const pages = chapterPagesWithWidgets();

async function ready(page: Page, widgets: string[]) {
  for (const id of widgets)
    await expect(page.locator(`[data-widget="${id}"]`).first()).toHaveAttribute('data-ready', '');
}

/** Steps a widget forward with its frame keys (→), as a keyboard reader would, until its stepper ends (at most `n`). */
async function stepForward(page: Page, widget: Locator, n: number) {
  await widget.scrollIntoViewIfNeeded();
  await widget.focus();
  const next = widget.locator('.stepper button').nth(3);
  const hasStepper = (await next.count()) > 0;
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('ArrowRight');
    if (!hasStepper || (i % 4 === 3 && (await next.isDisabled()))) break;
  }
}

/** Presses Run/Compute in widgets that compute on request (scale mode), so their numbers are on show. */
async function runAll(page: Page, widgets: string[]) {
  for (const id of widgets) {
    const run = page
      .locator(`[data-widget="${id}"]`)
      .first()
      .getByRole('button', { name: /^(run|compute)\b/i });
    if ((await run.count()) === 0) continue;
    await run.first().click();
    await expect(run.first()).toBeEnabled({ timeout: 30_000 });
  }
}

for (const { path, widgets } of pages) {
  test.describe(`${path}`, () => {
    test(`axe finds no violations in ${widgets.join(', ')} after stepping to the end and running (light, dark)`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(path);
      await ready(page, widgets);
      await runAll(page, widgets);
      for (const id of widgets) await stepForward(page, page.locator(`[data-widget="${id}"]`).first(), 40);
      await ready(page, widgets);
      for (const theme of ['light', 'dark'] as const) {
        if (theme === 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click();
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        const results = await new AxeBuilder({ page }).include('[data-widget]').analyze();
        const summary = results.violations.map(
          (v) => `${theme} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`,
        );
        expect(summary).toEqual([]);
      }
    });

    test(`Tab reaches every control of ${widgets.join(', ')}, each with a visible focus ring`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.goto(path);
      await ready(page, widgets);
      // Every visible, enabled control with a tab stop inside the widgets.
      const expected = await page.locator('[data-widget]').evaluateAll((roots) =>
        roots.flatMap((root) =>
          [...root.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')]
            .filter((e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled && e.getClientRects().length > 0)
            .filter((e) => getComputedStyle(e).visibility !== 'hidden')
            // Content of a closed <details> is reachable once its summary opens it.
            .filter((e) => e.closest('details:not([open]) > :not(summary)') === null)
            // In a radio group Tab stops on the checked option; arrow keys move between the others.
            .filter((e) => {
              const r = e as HTMLInputElement;
              if (r.type !== 'radio' || r.checked || !r.name) return true;
              return root.querySelector(`input[type="radio"][name="${CSS.escape(r.name)}"]:checked`) === null;
            })
            .map((e) => {
              e.dataset.tabProbe = String(Math.random()).slice(2);
              return e.dataset.tabProbe;
            }),
        ),
      );
      // Record every focus inside the widgets as it happens; Tab in batches, checking progress between them.
      await page.evaluate(() => {
        const log: { id: string; ring: boolean; what: string }[] = [];
        (window as unknown as { __tabs: typeof log }).__tabs = log;
        document.addEventListener('focusin', (event) => {
          const e = event.target as HTMLElement;
          if (!e.dataset?.tabProbe) return;
          const s = getComputedStyle(e);
          const ring = (s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
          const name = e.getAttribute('aria-label') ?? e.textContent?.trim().slice(0, 30) ?? '';
          log.push({ id: e.dataset.tabProbe, ring, what: `${e.tagName.toLowerCase()} "${name}"` });
        });
      });
      const log = () =>
        page.evaluate(() => (window as unknown as { __tabs: { id: string; ring: boolean; what: string }[] }).__tabs);
      await page.locator('body').focus();
      for (let batch = 0; batch < 40; batch++) {
        for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
        const seen = new Set((await log()).map((l) => l.id));
        if (expected.every((id) => seen.has(id))) break;
      }
      const entries = await log();
      const reached = new Set(entries.map((l) => l.id));
      const noRing = [...new Set(entries.filter((l) => !l.ring).map((l) => l.what))];
      const missedWhat = await page.evaluate(
        (ids) =>
          ids.map((id) => {
            const e = document.querySelector<HTMLElement>(`[data-tab-probe="${id}"]`);
            return `${e?.tagName.toLowerCase()} "${e?.getAttribute('aria-label') ?? e?.textContent?.trim().slice(0, 30)}"`;
          }),
        expected.filter((id) => !reached.has(id)),
      );
      expect(missedWhat, 'controls Tab never reached').toEqual([]);
      expect(noRing, 'focused controls without a visible focus indicator').toEqual([]);
    });

    test(`${widgets.join(', ')} offer their numbers to screen readers (a table for sets of numbers), announce politely, and do not move under reduced motion`, async ({
      page,
    }) => {
      // Under prefers-reduced-motion: after stepping, nothing in the widgets may animate (checked at the end).
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto(path);
      await ready(page, widgets);
      await runAll(page, widgets);
      for (const id of widgets) await stepForward(page, page.locator(`[data-widget="${id}"]`).first(), 2);
      for (const id of widgets) {
        const w = page.locator(`[data-widget="${id}"]`).first();
        const report = await w.evaluate((root) => {
          const values = [...root.querySelectorAll<HTMLElement>('[data-value]')];
          // KaTeX hides its HTML and reads its MathML copy (with the same numbers) instead.
          const readable = (e: Element) =>
            e.closest('.katex-html') !== null || e.closest('[aria-hidden="true"], [hidden]') === null;
          // A number hidden from screen readers must be readable elsewhere in the widget (same symbol).
          const hiddenOnly = [
            ...new Set(values.filter((e) => !readable(e)).map((e) => e.dataset.symbol ?? '?')),
          ].filter((sym) => !values.some((e) => e.dataset.symbol === sym && readable(e)));
          return { count: values.length, tables: root.querySelectorAll('table').length, hiddenOnly };
        });
        expect(report.hiddenOnly, `${id}: numbers only in hidden markup`).toEqual([]);
        if (report.count >= 6)
          expect(report.tables, `${id} shows ${report.count} numbers but no table`).toBeGreaterThan(0);
        const live = await w.locator('[aria-live="polite"], [role="status"]').count();
        expect(live, `${id} has a polite live region`).toBeGreaterThan(0);
        expect(await w.locator('[aria-live="assertive"]').count(), `${id} interrupts the reader`).toBe(0);
      }
      const moving = await page.locator('[data-widget]').evaluateAll((roots) =>
        roots.flatMap((root) =>
          [root, ...root.querySelectorAll('*')].flatMap((e) => {
            const s = getComputedStyle(e);
            const longest = (list: string) => Math.max(...list.split(',').map((t) => Number.parseFloat(t) || 0));
            const t = longest(s.transitionDuration);
            const a = s.animationName !== 'none' ? longest(s.animationDuration) : 0;
            return t > 0.01 || a > 0.01 ? [`${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`] : [];
          }),
        ),
      );
      expect([...new Set(moving)]).toEqual([]);
    });
  });
}

test.describe('on a 375×812 phone with touch', () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
  for (const { path, widgets } of pages) {
    test(`${path}: ${widgets.join(', ')} fit the screen and answer taps`, async ({ page }, info) => {
      await page.goto(path);
      await ready(page, widgets);
      for (const id of widgets) {
        const w = page.locator(`[data-widget="${id}"]`).first();
        await w.scrollIntoViewIfNeeded();
        const box = await w.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 375 + 0.5, `${id} fits 375 px`).toBe(true);
        // Tap the stepper's next button if there is one, else the first grid cell: a reader's first touch.
        const next = w.locator('.stepper button').nth(3);
        const target = (await next.count()) > 0 ? next : w.locator('td[role="gridcell"]').first();
        if ((await target.count()) > 0 && (await target.first().isVisible())) {
          const b = await target.first().boundingBox();
          if (b) await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height / 2);
          await expect(w).toHaveAttribute('data-ready', '');
        }
        await w.screenshot({ path: info.outputPath(`${id}-375.png`) });
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, 'page wider than the phone').toBeLessThanOrEqual(0);
    });
  }
});
