import type { Locator, Page } from '@playwright/test';
import { fromBase64Url, paramName } from '~lib/url/state.ts';

/** How long a widget may take to show its first numbers before a test fails (SwiftShader on a busy 2-core machine). */
export const readyTimeout = 30_000;

/** Reads the full-precision value a widget publishes for `symbol` (first match inside `root`; waits for it). */
export async function readValue(root: Locator, symbol: string): Promise<number> {
  const raw = await root.locator(`[data-symbol="${symbol}"][data-value]`).first().getAttribute('data-value');
  if (raw === null) throw new Error(`no data-value for ${symbol}`);
  return Number(raw);
}

/**
 * Reads `symbols` in order in one round trip to the page (the first match of each inside `root`). If one is
 * not in the DOM yet, falls back to reading them one by one, each waiting for its element.
 */
export async function valuesOf(root: Locator, symbols: string[]): Promise<number[]> {
  const raw = await root.evaluate(
    (el, syms) =>
      syms.map(
        (s) => el.querySelector(`[data-symbol="${CSS.escape(s)}"][data-value]`)?.getAttribute('data-value') ?? null,
      ),
    symbols,
  );
  if (raw.every((r) => r !== null)) return raw.map(Number);
  const out: number[] = [];
  for (const s of symbols) out.push(await readValue(root, s));
  return out;
}

/** Every value published for `symbol` inside `root`, in document order, in one round trip. */
export function allValues(root: Locator, symbol: string): Promise<number[]> {
  return root
    .locator(`[data-symbol="${symbol}"][data-value]`)
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
}

/** The ready widget with this id on the page (fails after `readyTimeout` if it never gets data-ready). */
export async function readyWidget(page: Page, id: string): Promise<Locator> {
  const root = page.locator(`[data-widget="${id}"]`).first();
  await root.and(page.locator('[data-ready]')).waitFor({ timeout: readyTimeout });
  return root;
}

/**
 * The link state a page URL holds for widget `id` (`#w-<id>=<base64url JSON>`), decoded; undefined while the
 * hash has none. Poll it for the field a test changed: the hash is written a moment after each edit, so an
 * earlier edit's hash may still be there. Pass `location.href` read in the page: `page.url()` learns of a
 * history.replaceState a moment late.
 */
export function linkStateOf(url: string, id: string): Record<string, unknown> | undefined {
  const code = new URLSearchParams(new URL(url).hash.slice(1)).get(paramName(id));
  return code === null ? undefined : JSON.parse(fromBase64Url(code));
}
