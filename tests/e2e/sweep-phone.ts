import type { Page } from '@playwright/test';
import { expect } from './guard.ts';
import { widgetRoot } from './sweep-a11y.ts';

/**
 * Phone checks that ride on a 375×812 touch load that already happens (visual.spec.ts's 375 px snapshots),
 * run after the snapshots so they cannot change the pictures: each widget fits the width and answers a tap (its
 * stepper's next button moves the step counter on; without a stepper, a tapped matrix cell takes focus), its
 * Share menu opens fully on the screen, and the page does not scroll sideways. Soft checks.
 */
export async function phoneChecks(page: Page, ids: string[]): Promise<void> {
  const width = page.viewportSize()?.width ?? 375;
  for (const id of ids) {
    const w = widgetRoot(page, id);
    await w.scrollIntoViewIfNeeded();
    const box = await w.boundingBox();
    expect.soft(box && box.x >= 0 && box.x + box.width <= width + 0.5, `${id} fits ${width} px`).toBe(true);

    const next = w.locator('.stepper button').nth(3);
    const cell = w.locator('td[role="gridcell"]').filter({ visible: true }).first();
    if ((await next.count()) > 0 && (await next.isVisible()) && (await next.isEnabled())) {
      const counter = w.locator('.stepper output').first();
      const before = await counter.textContent();
      await next.tap();
      await expect
        .soft(counter, `${id}: a tap on the stepper's next button moves the step on`)
        .not.toHaveText(before ?? '');
    } else if ((await cell.count()) > 0) {
      await cell.tap();
      expect
        .soft(
          await cell.evaluate((c) => {
            const a = document.activeElement;
            return a !== null && (c.contains(a) || a.contains(c) || c.closest('table')?.contains(a) === true);
          }),
          `${id}: a tapped matrix cell takes focus`,
        )
        .toBe(true);
    }
    await expect.soft(w).toHaveAttribute('data-ready', '');

    // The pretrained-model widgets have no link state to share.
    const share = w.getByRole('button', { name: /^share/i });
    if ((await share.count()) > 0) {
      await share.scrollIntoViewIfNeeded();
      await recordTapEvents(page);
      await share.tap();
      const menu = w.getByRole('menu');
      // Twice (CI 14:33 on 2026-12-05, 09:06 on 2026-12-06) the menu of pretrained-bottleneck did not open on the
      // tap and passed on the retry, and ten seconds later the button was above the window (no element at its
      // centre); repeats do not reproduce it. A failure now also lists what the tap and the page did meanwhile
      // (targets of the touch, click and focus events, and each scroll), so the next one names its cause.
      const opened = await menu
        .waitFor({ state: 'visible', timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      const missed = opened
        ? ''
        : await share.evaluate((b) => {
            const r = b.getBoundingClientRect();
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            const at = `${hit?.tagName.toLowerCase()}.${[...(hit?.classList ?? [])].join('.')}`;
            const log = (window as unknown as { __tapLog?: string[] }).__tapLog ?? [];
            return ` (button ${b.isConnected ? 'in the page' : 'detached'}, aria-expanded=${b.getAttribute('aria-expanded')}, at its centre ${at}, button top ${Math.round(r.top)}; since the tap: ${log.join(' → ')})`;
          });
      expect.soft(opened, `${id} Share menu opens${missed}`).toBe(true);
      if (!opened) continue;
      const m = await menu.boundingBox();
      expect.soft(m !== null && m.x >= 0 && m.x + m.width <= width, `${id} Share menu fully on the screen`).toBe(true);
      await page.keyboard.press('Escape');
      await expect.soft(menu).toBeHidden();
    }
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect.soft(overflow, 'page wider than the phone').toBeLessThanOrEqual(0);
}

/**
 * Starts a log (window.__tapLog) of what a tap meets: the target of each touch, pointer, click and focus event
 * (capture phase, so a handler that stops propagation cannot hide it) and each scroll with its scrollY.
 */
function recordTapEvents(page: Page): Promise<void> {
  return page.evaluate(() => {
    const log: string[] = [];
    (window as unknown as { __tapLog: string[] }).__tapLog = log;
    const name = (t: EventTarget | null) =>
      t instanceof Element ? `${t.tagName.toLowerCase()}.${[...t.classList].join('.')}` : String(t);
    const t0 = performance.now();
    const at = () => `${Math.round(performance.now() - t0)} ms`;
    for (const type of ['touchstart', 'touchend', 'pointerdown', 'click', 'focusin', 'focusout'])
      document.addEventListener(type, (e) => log.push(`${type} ${name(e.target)} ${at()}`), { capture: true });
    let lastY = scrollY;
    document.addEventListener(
      'scroll',
      () => {
        if (scrollY !== lastY) log.push(`scroll ${Math.round(lastY)}→${Math.round(scrollY)} ${at()}`);
        lastY = scrollY;
      },
      { capture: true, passive: true },
    );
  });
}

/**
 * Empty when the page does not scroll sideways; otherwise the page's width and the outermost elements that stick
 * out past the right edge (those inside a scrolling container scroll there and are not counted), so a failure
 * names its cause.
 */
export function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const extra = document.documentElement.scrollWidth - window.innerWidth;
    if (extra <= 0) return [];
    const scrolls = (el: Element) => /(auto|scroll|hidden|clip)/.test(getComputedStyle(el).overflowX);
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right <= window.innerWidth + 0.5 || r.width === 0) continue;
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (scrolls(a)) clipped = true;
      const parent = el.parentElement;
      const parentSticksOut =
        parent !== null && parent !== document.body && parent.getBoundingClientRect().right > window.innerWidth + 0.5;
      if (!clipped && !parentSticksOut) {
        const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`;
        out.push(`${name} ends at ${Math.round(r.right)}`);
      }
    }
    if (out.length === 0) {
      // Nothing outside a scroller sticks out: name the widest elements anyway, scrollers' content included.
      const widest = [...document.querySelectorAll('body *')]
        .map((el) => ({ el, right: el.getBoundingClientRect().right }))
        .sort((a, b) => b.right - a.right)
        .slice(0, 5);
      for (const { el, right } of widest)
        out.push(
          `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ends at ${Math.round(right)} (in a scroller)`,
        );
    }
    return [`page ${extra} px wider than the window`, ...out.slice(0, 8)];
  });
}
