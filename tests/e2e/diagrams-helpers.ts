import type { Locator, Page } from '@playwright/test';
import { axeViolations } from './axe-run.ts';
import { expect } from './guard.ts';

/** Every labelled number of a diagram, keyed `symbol[index]`, read in one pass. */
export async function diagramValues(diagram: Locator): Promise<Record<string, number>> {
  return diagram.evaluate((root) =>
    Object.fromEntries(
      [...root.querySelectorAll<SVGElement>('[data-symbol][data-index][data-value]')].map((el) => [
        `${el.dataset.symbol}[${el.dataset.index}]`,
        Number(el.dataset.value),
      ]),
    ),
  );
}

/** Vector `symbol` (entries `k,0`) of a diagram's values. */
export function vectorOf(values: Record<string, number>, symbol: string, n: number): number[] {
  return Array.from({ length: n }, (_, k) => values[`${symbol}[${k},0]`] ?? Number.NaN);
}

/** axe over `selector` in the light theme, then in the dark one (the site's toggle), expecting nothing. */
export async function axeBothThemes(page: Page, selector: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    expect.soft(await axeViolations(page, theme, { include: [selector] }), `axe (${theme})`).toEqual([]);
  }
}

/** The page's width does not exceed the viewport (the picture scrolls inside its frame instead). */
export async function noPageOverflow(page: Page): Promise<void> {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect.soft(scroll, 'page width at 375 px').toBeLessThanOrEqual(client);
}
