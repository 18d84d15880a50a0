import type { Locator, Page } from '@playwright/test';
import { scrollIntoView } from './frames.ts';
import { expect } from './guard.ts';
import { readyTimeout } from './widget-values.ts';

/**
 * Page-level accessibility checks for the one-load-per-page sweeps (pages.spec.ts, embed.spec.ts): each
 * function runs on a page that is already loaded and returns what it found, so a sweep can run them all on one
 * load inside `test.step` and report with `expect.soft`. Reads are batched into one `evaluate` where possible.
 */

/** The widget roots on the page, by id (first of each). */
export const widgetRoot = (page: Page, id: string): Locator => page.locator(`[data-widget="${id}"]`).first();

/** Waits (bounded) until every widget in `ids` has data-ready. */
export async function widgetsReady(page: Page, ids: string[]): Promise<void> {
  for (const id of ids)
    await expect(widgetRoot(page, id), `${id} gets data-ready`).toHaveAttribute('data-ready', '', {
      timeout: readyTimeout,
    });
}

/**
 * The axe rules that read colours. The dark theme swaps colour custom properties only (src/styles/global.css
 * `:root[data-theme="dark"]`, plus the sun/moon icon), so after the first full run in the light theme a page
 * in the dark theme can only break these; running just them costs about half a full run.
 */
export const colourRules = ['color-contrast', 'link-in-text-block'];

/**
 * KaTeX's glyph layer in the prose (outside widgets). It is aria-hidden (readers get the MathML copy), and its
 * thousands of absolutely placed spans are about a quarter of axe's time on a chapter page, nearly all of it in
 * color-contrast. Its colours are those of the paragraph around it, which `proseFormulaColours` checks instead,
 * so the sweeps leave it out of axe. Formulas inside widgets (live, highlighted) stay in.
 */
export const proseFormulaGlyphs = '.katex-html:not([data-widget] .katex-html)';

/**
 * Prose formulas whose glyphs are drawn in a colour or on a background of their own: none may be, since axe
 * checks the paragraph's colours and not the glyphs (see `proseFormulaGlyphs`). One line per formula found.
 */
export function proseFormulaColours(page: Page): Promise<string[]> {
  return page.evaluate((glyphs) => {
    const out: string[] = [];
    for (const layer of document.querySelectorAll<HTMLElement>(glyphs)) {
      const host = layer.closest('.katex-display, .katex')?.parentElement ?? layer;
      const colour = getComputedStyle(host).color;
      const odd = [layer, ...layer.querySelectorAll<HTMLElement>('*')].find((e) => {
        const s = getComputedStyle(e);
        const painted = s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.backgroundColor !== 'transparent';
        // KaTeX draws fraction bars and roots as borders or SVG in currentColor; text colour is what matters.
        return s.color !== colour || painted;
      });
      if (odd) out.push(`${layer.textContent?.slice(0, 40)}: ${getComputedStyle(odd).color} on ${colour}`);
    }
    return out;
  }, proseFormulaGlyphs);
}

/** Steps a widget forward with its frame keys (→), as a keyboard reader would, until its stepper ends (at most `n`). */
export async function stepForward(page: Page, widget: Locator, n: number): Promise<void> {
  await scrollIntoView(page, widget);
  await widget.focus();
  const next = widget.locator('.stepper button').nth(3);
  const hasStepper = (await next.count()) > 0;
  for (let i = 0; i < n; i++) {
    // A stepper already at its end (Play under reduced motion leaves it there) takes no presses.
    if (hasStepper && (await next.isDisabled())) break;
    await page.keyboard.press('ArrowRight');
    if (!hasStepper) break;
  }
}

/**
 * Takes a widget to its stepper's last step with one End key (the frame's keys: End is the last step), as a
 * keyboard reader would, and waits until the stepper says it is there (its next button disabled). One key instead
 * of → pressed step by step: the same end state, without a recompute and paint for every step between. A widget
 * without a stepper gets one → (its own keys, if any), as stepForward gives it.
 */
export async function stepToEnd(page: Page, widget: Locator): Promise<void> {
  await scrollIntoView(page, widget);
  await widget.focus();
  const next = widget.locator('.stepper button').nth(3);
  if ((await next.count()) === 0) {
    await page.keyboard.press('ArrowRight');
    return;
  }
  await page.keyboard.press('End');
  await expect(next, 'the stepper reached its last step').toBeDisabled();
}

/** The Run/Compute button of a widget that computes on request (scale mode), if it has one. */
export const runButton = (page: Page, id: string): Locator =>
  widgetRoot(page, id).getByRole('button', { name: /^(run|compute)\b/i });

/** Presses Run/Compute in widgets that compute on request, so their numbers are on show. */
export async function runAll(page: Page, ids: string[]): Promise<void> {
  for (const id of ids) {
    const run = runButton(page, id);
    if ((await run.count()) === 0) continue;
    await run.first().click();
    await expect(run.first()).toBeEnabled({ timeout: 30_000 });
  }
}

/**
 * Tabs from the top of the page through every widget; returns the controls Tab never reached and the focused
 * controls without a visible focus ring (a radio group counts as its checked option; closed <details> content
 * is skipped until its summary opens it).
 */
export async function tabThroughWidgets(page: Page): Promise<{ missed: string[]; noRing: string[] }> {
  const expected = await page.locator('[data-widget]').evaluateAll((roots) =>
    roots.flatMap((root) =>
      [...root.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')]
        .filter((e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled && e.getClientRects().length > 0)
        .filter((e) => getComputedStyle(e).visibility !== 'hidden')
        .filter((e) => e.closest('details:not([open]) > :not(summary)') === null)
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
  for (let batch = 0; batch < 40 && expected.length > 0; batch++) {
    for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
    const seen = new Set((await log()).map((l) => l.id));
    if (expected.every((id) => seen.has(id))) break;
  }
  const entries = await log();
  const reached = new Set(entries.map((l) => l.id));
  const noRing = [...new Set(entries.filter((l) => !l.ring).map((l) => l.what))];
  const missed = await page.evaluate(
    (ids) =>
      ids.map((id) => {
        const e = document.querySelector<HTMLElement>(`[data-tab-probe="${id}"]`);
        return `${e?.tagName.toLowerCase()} "${e?.getAttribute('aria-label') ?? e?.textContent?.trim().slice(0, 30)}"`;
      }),
    expected.filter((id) => !reached.has(id)),
  );
  return { missed, noRing };
}

/**
 * What a screen reader gets from each widget: numbers only in hidden markup, a table for ≥ 6 numbers, live regions.
 * A table may sit in a closed <details> ("numbers as a table") that builds it only once opened (ValuesTable,
 * BeamTree: issue 16), as a reader would open it: each closed one is opened for the count, then closed again.
 */
export async function readerReport(page: Page) {
  const reopened = await page.locator('[data-widget] details:not([open])').evaluateAll(async (list) => {
    const toggled = list.map((d) => new Promise((resolve) => d.addEventListener('toggle', resolve, { once: true })));
    for (const d of list) {
      (d as HTMLDetailsElement).dataset.readerOpened = '';
      (d as HTMLDetailsElement).open = true;
    }
    await Promise.all(toggled);
    // The toggle event runs the component's update; the table is in the DOM after the next frame at the latest.
    await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    return list.length;
  });
  const report = await widgetNumbersOffered(page);
  if (reopened > 0)
    await page.locator('[data-widget] details[data-reader-opened]').evaluateAll((list) => {
      for (const d of list) {
        (d as HTMLDetailsElement).open = false;
        delete (d as HTMLDetailsElement).dataset.readerOpened;
      }
    });
  return report;
}

function widgetNumbersOffered(page: Page) {
  return page.locator('[data-widget]').evaluateAll((roots) =>
    roots.map((root) => {
      const values = [...root.querySelectorAll<HTMLElement>('[data-value]')];
      // KaTeX hides its HTML and reads its MathML copy (with the same numbers) instead.
      const readable = (e: Element) =>
        e.closest('.katex-html') !== null || e.closest('[aria-hidden="true"], [hidden]') === null;
      const hiddenOnly = [...new Set(values.filter((e) => !readable(e)).map((e) => e.dataset.symbol ?? '?'))].filter(
        (sym) => !values.some((e) => e.dataset.symbol === sym && readable(e)),
      );
      return {
        id: (root as HTMLElement).dataset.widget ?? '?',
        count: values.length,
        tables: root.querySelectorAll('table').length,
        hiddenOnly,
        polite: root.querySelectorAll('[aria-live="polite"], [role="status"]').length,
        assertive: root.querySelectorAll('[aria-live="assertive"]').length,
      };
    }),
  );
}

/** Elements inside the widgets with a CSS transition or animation longer than 10 ms (under reduced motion: none). */
export function movingInWidgets(page: Page): Promise<string[]> {
  return page.locator('[data-widget]').evaluateAll((roots) => [
    ...new Set(
      roots.flatMap((root) =>
        [root, ...root.querySelectorAll('*')].flatMap((e) => {
          const s = getComputedStyle(e);
          const longest = (list: string) => Math.max(...list.split(',').map((t) => Number.parseFloat(t) || 0));
          const t = longest(s.transitionDuration);
          const a = s.animationName !== 'none' ? longest(s.animationDuration) : 0;
          return t > 0.01 || a > 0.01 ? [`${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`] : [];
        }),
      ),
    ),
  ]);
}
