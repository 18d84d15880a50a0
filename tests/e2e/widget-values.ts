import type { Locator, Page } from '@playwright/test';

/** Reads the full-precision value a widget publishes for `symbol` (first match inside `root`). */
export async function readValue(root: Locator, symbol: string): Promise<number> {
  const raw = await root.locator(`[data-symbol="${symbol}"][data-value]`).first().getAttribute('data-value');
  if (raw === null) throw new Error(`no data-value for ${symbol}`);
  return Number(raw);
}

/** Reads `symbols` in order. */
export async function valuesOf(root: Locator, symbols: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const s of symbols) out.push(await readValue(root, s));
  return out;
}

/** The ready widget with this id on the page. */
export async function readyWidget(page: Page, id: string): Promise<Locator> {
  const root = page.locator(`[data-widget="${id}"]`).first();
  await root.and(page.locator('[data-ready]')).waitFor();
  return root;
}
