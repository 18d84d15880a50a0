import type { Page } from '@playwright/test';
import { expect, test } from './guard.ts';

/**
 * The current formula a widget shows: its live formula's lines (the substituted line with the step's numbers, or
 * the step's formula where it has none), or the softmax's worked formula.
 */
const currentFormula = '.live-formula > .lines, [data-widget="softmax"] > .formula';

/** Where the current formula is drawn and how large its type is (KaTeX's base size times the embed's scale). */
function formulaOnScreen(
  selector: string,
): { top: number; bottom: number; left: number; right: number; px: number } | null {
  const widget = document.querySelector('[data-widget]');
  const el = [...(widget?.querySelectorAll<HTMLElement>(selector) ?? [])].find((e) => e.checkVisibility());
  if (!el) return null;
  const r = el.getBoundingClientRect();
  const katex = el.querySelector('.katex') ?? el;
  // The embed's fit draws the stage scaled: the size on screen is the computed size times that scale.
  const stage = el.closest<HTMLElement>('.embed-stage');
  const m = stage ? new DOMMatrixReadOnly(getComputedStyle(stage).transform) : new DOMMatrixReadOnly();
  const px = Number.parseFloat(getComputedStyle(katex).fontSize) * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
  return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, px: Math.round(px * 10) / 10 };
}

/**
 * On a presented 1280×720 embed (already loaded, presented and fitted), the widget's current formula with its
 * numbers is on screen without scrolling, beside the picture and controls, at ≥ 18 px (issue 22). Widgets with
 * no live formula pass.
 */
export async function presentFormula(page: Page, path: string): Promise<void> {
  await test.step('presented at 1280×720: the current formula is on screen without scrolling, ≥ 18 px', async () => {
    await expect
      .soft(async () => {
        const box = await page.locator('.embed-box').evaluate((el) => el.scrollTop);
        expect(box, 'the frame is not scrolled').toBe(0);
        const f = await page.evaluate(formulaOnScreen, currentFormula);
        if (!f) return;
        const size = page.viewportSize() ?? { width: 1280, height: 720 };
        const outside = f.top < -1 || f.left < -1 || f.bottom > size.height + 1 || f.right > size.width + 1;
        expect(
          outside
            ? `formula at ${Math.round(f.left)},${Math.round(f.top)}–${Math.round(f.right)},${Math.round(f.bottom)}`
            : 'on screen',
        ).toBe('on screen');
        expect(f.px, 'the formula’s type').toBeGreaterThanOrEqual(18 - 0.05);
      }, `${path}: current formula at 1280×720`)
      .toPass({ intervals: [100, 250, 500], timeout: 10_000 });
  });
}
