import type { Page, Response } from '@playwright/test';
import { scrollIntoView } from './frames.ts';
import { expect } from './guard.ts';
import { nanExplained } from './hardening-widgets.ts';
import { widgetRoot } from './sweep-a11y.ts';

/**
 * Page-level checks for the one-load-per-page sweeps (pages.spec.ts, embed.spec.ts) that are not about
 * accessibility: what the server sent (status, headers, CSP, no premature data-ready), CSP violations and
 * requests recorded during the load, WebGL2 context loss with the widgets' numbers compared before and after,
 * and the bad-input check on editable grids. Call `instrument` before `page.goto`.
 */

const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** What `instrument` records while the page runs. */
export interface Recorded {
  /** Paths of every request of the page and its workers. */
  paths: Set<string>;
  /** Requests that left localhost (the guard fails these too; named here per page). */
  outside: string[];
}

/**
 * Before the load: record CSP violations (`window.__csp`), every WebGL2 context the page makes on a canvas or
 * OffscreenCanvas (`window.__gl`, so they can be lost later), and every request of the page and its workers.
 */
export async function instrument(page: Page): Promise<Recorded> {
  const recorded: Recorded = { paths: new Set(), outside: [] };
  const record = (url: string) => {
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'blob:') return;
    recorded.paths.add(u.pathname);
    if (!localHosts.has(u.hostname)) recorded.outside.push(url);
  };
  page.context().on('request', (r) => record(r.url()));
  page.on('worker', (w) => record(w.url()));
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI}`));
    const made: WebGL2RenderingContext[] = [];
    (window as unknown as { __gl: WebGL2RenderingContext[] }).__gl = made;
    for (const proto of [HTMLCanvasElement.prototype, globalThis.OffscreenCanvas?.prototype]) {
      if (!proto) continue;
      const original = proto.getContext as (this: unknown, ...args: unknown[]) => unknown;
      (proto as { getContext: unknown }).getContext = function (this: unknown, ...args: unknown[]) {
        const ctx = original.apply(this, args);
        if (args[0] === 'webgl2' && ctx) made.push(ctx as WebGL2RenderingContext);
        return ctx;
      };
    }
  });
  return recorded;
}

/** CSP violations recorded on the page so far. */
export const cspViolations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

/**
 * Soft checks of what the server sent for `path`: 200, the framing headers from public/_headers (any site may
 * frame /embed/ pages, no other site the rest), a strict CSP meta (scripts and styles from the site or by hash,
 * no eval, nothing third-party, every inline script hashed) and no data-ready in the server HTML (a widget is
 * ready only once it has hydrated).
 */
export async function checkServed(path: string, response: Response | null): Promise<void> {
  expect.soft(response?.status(), `${path} status`).toBe(200);
  if (response === null) return;
  const headers = response.headers();
  expect.soft(headers['x-content-type-options'], `${path} nosniff`).toBe('nosniff');
  if (path.startsWith('/embed/')) {
    expect.soft(headers['x-frame-options'], `${path} x-frame-options`).toBeUndefined();
    expect.soft(headers['content-security-policy'], `${path} frame-ancestors`).toBe('frame-ancestors *');
  } else {
    expect.soft(headers['x-frame-options'], `${path} x-frame-options`).toBe('SAMEORIGIN');
    expect.soft(headers['content-security-policy'], `${path} frame-ancestors`).toBe("frame-ancestors 'self'");
  }
  const html = await response.text();
  // The attribute inside a tag, not the word in prose (the Performance chapter writes about `data-ready`).
  const marked = html.match(/<[a-z][^>]*\sdata-ready[\s=>][^>]*>/)?.[0];
  expect.soft(marked, `${path}: data-ready in the server HTML`).toBeUndefined();
  // An exercise arrives whole (its kind, question and controls), not as "Loading…" that grows on hydration.
  const unbuilt = (html.match(/<section class="exercise[^>]*>/g) ?? []).filter((tag) => !/\sdata-kind="/.test(tag));
  expect.soft(unbuilt, `${path}: exercises the build did not render`).toEqual([]);
  const content = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1];
  expect.soft(content, `${path} has a CSP meta`).toBeDefined();
  const policy = new Map<string, string[]>();
  for (const part of (content ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) policy.set(name, values);
  }
  for (const d of ['default-src', 'script-src', 'style-src', 'connect-src', 'img-src', 'font-src', 'object-src'])
    expect.soft(policy.has(d), `${path}: ${d} missing`).toBe(true);
  const loose: string[] = [];
  for (const [directive, values] of policy) {
    if (directive === 'style-src-attr') continue;
    for (const value of values) {
      const allowed =
        ["'self'", "'none'", 'data:', 'blob:', "'wasm-unsafe-eval'"].includes(value) ||
        /^'sha(256|384|512)-/.test(value);
      if (!allowed) loose.push(`${directive} ${value}`);
    }
  }
  expect.soft(loose, `${path}: CSP sources that are not the site's own`).toEqual([]);
  expect.soft(policy.get('object-src'), `${path} object-src`).toEqual(["'none'"]);
  // Only style attributes (KaTeX glyph positions, widget sizes) may be inline without a hash.
  expect.soft(policy.get('style-src-attr') ?? [], `${path} style-src-attr`).toEqual(["'unsafe-inline'"]);
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g)].length;
  const hashes = (policy.get('script-src') ?? []).filter((v) => v.startsWith("'sha")).length;
  if (inline > 0) expect.soft(hashes, `${path}: inline scripts without hashes`).toBeGreaterThan(0);
}

/** One widget's live numbers: `symbol[index]` → value (numbers compared with a tolerance, text exactly). */
export type Values = Map<string, string>;

/** Symbols that show a measured time or the machine's backend: they differ between runs by design. */
export const timedSymbol = /^(ms|time|elapsed)(_|\[)/;

/**
 * The scratchpad's answer: it arrives from a worker whenever the scratchpad first nears the screen, so a read before
 * and after a step can differ by its appearing alone (state-dict.spec, CI 12:33). Its numbers are checked against
 * the float64 reference in memory.spec.ts.
 */
const scratchSymbol = /^scratch\[/;

/** Every widget's live numbers in one round trip: widget id → `symbol[index]#n` → data-value. */
export async function widgetValues(page: Page): Promise<Map<string, Values>> {
  const rows = await page.locator('[data-widget]').evaluateAll((roots) =>
    roots.map((root) => {
      const seen = new Map<string, number>();
      const values: [string, string][] = [];
      for (const e of root.querySelectorAll<HTMLElement>('[data-symbol][data-value]')) {
        const base = `${e.dataset.symbol}[${e.dataset.index ?? ''}]`;
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        values.push([`${base}#${n}`, e.dataset.value ?? '']);
      }
      return [(root as HTMLElement).dataset.widget ?? '?', values] as const;
    }),
  );
  const out = new Map<string, Values>();
  for (const [id, values] of rows)
    if (!out.has(id)) out.set(id, new Map(values.filter(([k]) => !timedSymbol.test(k) && !scratchSymbol.test(k))));
  return out;
}

/**
 * The values of `now` that differ from `before` (numbers beyond 1e-4 relative + 1e-6 absolute, the gap between
 * the WebGL2 and CPU paths; NaN equals NaN), and symbols that appeared or vanished. At most `limit` lines.
 */
export function valueChanges(before: Values, now: Values, limit = 8): string[] {
  const out: string[] = [];
  for (const [key, was] of before) {
    const is = now.get(key);
    if (is === undefined) out.push(`${key} vanished (was ${was})`);
    else if (was !== is) {
      const a = Number(was);
      const b = Number(is);
      const numeric = was.trim() !== '' && is.trim() !== '' && !Number.isNaN(a) && !Number.isNaN(b);
      if (!numeric || Math.abs(a - b) > 1e-6 + 1e-4 * Math.abs(a)) out.push(`${key}: ${was} → ${is}`);
    }
  }
  for (const key of now.keys()) if (!before.has(key)) out.push(`${key} appeared`);
  return out.slice(0, limit);
}

/**
 * Loses (or restores) every WebGL2 context recorded by `instrument`; returns how many there are. The extension
 * is kept from before the loss: getExtension returns null on a lost context, so asking for it at restore time
 * would restore nothing.
 */
export const loseContexts = (page: Page, restore: boolean): Promise<number> =>
  page.evaluate((restore) => {
    const scope = window as unknown as { __gl: WebGL2RenderingContext[]; __lose?: Map<unknown, WEBGL_lose_context> };
    scope.__lose ??= new Map();
    for (const gl of scope.__gl) {
      const found = scope.__lose.get(gl) ?? gl.getExtension('WEBGL_lose_context');
      if (found) scope.__lose.set(gl, found);
      if (restore && gl.isContextLost()) found?.restoreContext();
      if (!restore && !gl.isContextLost()) found?.loseContext();
    }
    return scope.__gl.length;
  }, restore);

/** How many recorded WebGL2 contexts are lost right now. */
export const lostContexts = (page: Page): Promise<number> =>
  page.evaluate(
    () => (window as unknown as { __gl: WebGL2RenderingContext[] }).__gl.filter((gl) => gl.isContextLost()).length,
  );

/**
 * Moves every widget one frame back and forward again (← then →, so it ends where it was: steppers are at their
 * last step in the sweep) and presses Run where there is one, so everything recomputes.
 */
export async function recompute(page: Page, ids: string[]): Promise<void> {
  for (const id of ids) {
    const w = widgetRoot(page, id);
    await scrollIntoView(page, w);
    await w.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    const run = w.getByRole('button', { name: /^(run|compute)\b/i });
    if ((await run.count()) > 0) {
      await run.first().click();
      await expect(run.first()).toBeEnabled({ timeout: 30_000 });
    }
    await expect(w).toHaveAttribute('data-ready', '');
  }
}

/** The outcome of `badInputInGrid` for one widget. */
export type BadInput = 'checked' | 'no editable grid';

/**
 * Types NaN, ±Infinity and 1e999 into the widget's first visible editable matrix cell (opening folded sections
 * first): each is refused with a message and the cell keeps its value. Then 1e30: the widget stays ready and any
 * "NaN" it shows comes with an explanation. Soft checks; returns whether the widget had a cell to edit.
 */
export async function badInputInGrid(page: Page, id: string): Promise<BadInput> {
  const w = widgetRoot(page, id);
  await w.locator('details:not([open])').evaluateAll((list) => {
    for (const d of list) (d as HTMLDetailsElement).open = true;
  });
  const cell = w.locator('table.editable td[role="gridcell"]').filter({ visible: true }).first();
  if ((await cell.count()) === 0) return 'no editable grid';
  const edit = async (text: string) => {
    await cell.scrollIntoViewIfNeeded();
    await cell.dblclick({ timeout: 10_000 });
    const input = w.locator('table.editable input.edit').first();
    await input.fill(text);
    await input.press('Enter');
  };
  const before = await cell.getAttribute('data-value');
  for (const bad of ['NaN', 'Infinity', '-Infinity', '1e999']) {
    await edit(bad);
    await expect.soft(w.locator('.matrix-view .message').first(), `${id} refuses ${bad}`).toBeVisible();
    const still = w.locator('table.editable input.edit');
    if ((await still.count()) > 0) await still.first().press('Escape');
    expect.soft(await cell.getAttribute('data-value'), `${id} kept its value after ${bad}`).toBe(before);
  }
  await edit('1e30');
  await expect.soft(w).toHaveAttribute('data-ready', '');
  const nan = await nanExplained(w);
  expect
    .soft(nan.ok, `${id} with a weight of 1e30 shows NaN without explanation:\n${nan.text.slice(0, 400)}`)
    .toBe(true);
  return 'checked';
}

/**
 * For a widget without an editable grid: types NaN, Infinity, 1e999 and nonsense into its first visible number
 * field (components/parts/NumberControl.svelte): each is refused with a message and the value is kept; then
 * the old value is typed back. Soft checks; returns whether the widget had such a field.
 */
export async function badInputInNumberField(page: Page, id: string): Promise<'checked' | 'no number field'> {
  const w = widgetRoot(page, id);
  const control = w
    .locator('.number-control')
    .filter({ has: page.locator('input.num:visible') })
    .first();
  if ((await control.count()) === 0) return 'no number field';
  const field = control.locator('input.num');
  const before = (await control.getAttribute('data-value')) ?? '';
  for (const bad of ['NaN', 'Infinity', '1e999', 'abc']) {
    await field.fill(bad);
    await field.press('Enter');
    await expect.soft(control.locator('.message[role="status"]'), `${id} refuses ${bad}`).toBeVisible();
    expect.soft(await control.getAttribute('data-value'), `${id} kept its value after ${bad}`).toBe(before);
  }
  await field.fill(before);
  await field.press('Enter');
  await expect.soft(control.locator('.message[role="status"]')).toHaveCount(0);
  return 'checked';
}
