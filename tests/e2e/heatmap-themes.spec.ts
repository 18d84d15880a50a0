import type { Locator, Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { expect, test } from './guard.ts';
import { readyWidget } from './widget-values.ts';

/**
 * A zero weight in a heatmap sits quietly on the page: its cell is drawn in the colour of whatever is behind
 * it, in the light and the dark theme alike (before, zero was a fixed #f2f2f2, a glaring light square on a dark
 * page). Checked on the pixels the reader sees, for every heatmap: the multi-head heads, Bahdanau's alignment,
 * the pretrained alignment map and the scale-mode canvas.
 */

type Rgb = [number, number, number];

/** The first opaque background behind `el` (the colour a transparent cell shows). */
async function backdrop(el: Locator): Promise<Rgb> {
  return el.evaluate((node) => {
    for (let e: Element | null = node; e; e = e.parentElement) {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(getComputedStyle(e).backgroundColor);
      if (m && (m[4] === undefined || Number(m[4]) === 1)) return [Number(m[1]), Number(m[2]), Number(m[3])];
    }
    return [255, 255, 255];
  });
}

/** The pixels of a page region, as [r, g, b] triples. */
async function pixels(page: Page, clip: { x: number; y: number; width: number; height: number }): Promise<Rgb[]> {
  const png = PNG.sync.read(await page.screenshot({ clip }));
  const out: Rgb[] = [];
  for (let p = 0; p < png.width * png.height; p++)
    out.push([png.data[4 * p] ?? 0, png.data[4 * p + 1] ?? 0, png.data[4 * p + 2] ?? 0]);
  return out;
}

const distance = (a: Rgb, b: Rgb) => Math.max(...a.map((v, k) => Math.abs(v - (b[k] ?? 0))));

/** The mean colour inside Plot cell `index` of `figure` (inset past its outline and away from its number). */
async function cellColour(page: Page, figure: Locator, index: number): Promise<Rgb> {
  const rect = figure.locator('g[aria-label="cell"] rect').nth(index);
  await rect.scrollIntoViewIfNeeded();
  const box = await rect.boundingBox();
  if (!box) throw new Error('cell not drawn');
  const px = await pixels(page, { x: box.x + 2, y: box.y + 2, width: 4, height: 3 });
  return [0, 1, 2].map((k) => Math.round(px.reduce((s, p) => s + (p[k] ?? 0), 0) / px.length)) as Rgb;
}

/** Index of the first Plot heatmap cell whose printed number is "0.00". */
async function zeroCell(figure: Locator): Promise<number> {
  const texts = await figure.locator('g[aria-label="text"] text').allTextContents();
  const k = texts.indexOf('0.00');
  expect(k, 'a cell showing 0.00').toBeGreaterThanOrEqual(0);
  return k;
}

/**
 * Runs `check` in the light theme as loaded, then switches to dark with the page's own toggle, as a reader does
 * (one load for both: the map must follow the switch, not only a page loaded dark), and runs it again; a read
 * that meets a redraw reads again.
 */
async function inBothThemes(page: Page, check: (theme: 'light' | 'dark') => Promise<void>): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(() => check('light')).toPass({ timeout: 15_000 });
  await page.locator('button[data-theme-toggle]').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(() => check('dark')).toPass({ timeout: 15_000 });
}

test.use({ colorScheme: 'light', viewport: { width: 1280, height: 900 } });

test("multi-head: a zero weight is the head card's own background, light and dark", async ({ page }) => {
  await page.goto('/multi-head/');
  const root = await readyWidget(page, 'multi-head');
  const figure = root.locator('figure.heatmap-figure').first();
  await expect(figure.locator('g[aria-label="cell"] rect').first()).toBeVisible();
  const zero = await zeroCell(figure);
  await inBothThemes(page, async (theme) => {
    const colour = await cellColour(page, figure, zero);
    expect(distance(colour, await backdrop(figure)), `${theme}: cell ${colour}`).toBeLessThanOrEqual(6);
  });
});

test("bahdanau: the weakest α is the widget's own background, light and dark", async ({ page }) => {
  await page.goto('/bahdanau/');
  const root = await readyWidget(page, 'bahdanau');
  // The matrix fills in as the walkthrough reaches the decoder steps: walk to the end.
  await root.getByRole('button', { name: /Play/ }).focus();
  for (let k = 0; k < 20; k++) await page.keyboard.press('ArrowRight');
  // The last step reached (→ disabled); the map redraws once more for it, replacing its cells: read after.
  await expect(root.locator('.stepper button').nth(3)).toBeDisabled();
  const figure = root.locator('figure.heatmap-figure').first();
  await inBothThemes(page, async (theme) => {
    const texts = (await figure.locator('g[aria-label="text"] text').allTextContents()).map(Number);
    const weakest = texts.indexOf(Math.min(...texts));
    const colour = await cellColour(page, figure, weakest);
    // The weakest α is not exactly 0: allow its own small tint.
    const tint = 200 * 0.7 * (texts[weakest] ?? 1);
    expect(distance(colour, await backdrop(figure)), `${theme}: cell ${colour}`).toBeLessThanOrEqual(6 + tint);
  });
});

test("pretrained alignment: an α of 0.00 is the page's own background, light and dark", async ({ page }) => {
  await page.goto('/lab/');
  const root = await readyWidget(page, 'pretrained-alignment');
  const alphas = await root
    .locator('[data-symbol="alpha"]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  const weakest = alphas.indexOf(Math.min(...alphas));
  expect(alphas[weakest]).toBeLessThan(0.005);
  // The widget is ready with the map the build drew; Plot redraws it once the page is idle, replacing its cells.
  await inBothThemes(page, async (theme) => {
    const figure = root.locator('.map figure, .map svg').first();
    const colour = await cellColour(page, root.locator('.map'), weakest);
    expect(distance(colour, await backdrop(figure)), `${theme}: cell ${colour}`).toBeLessThanOrEqual(6);
  });
});

test("scale mode: the weakest weights are the page's own background, light and dark", async ({ page }) => {
  // n = 64 through the widget's link: the colour scale is the same at every n, and n = 1024 on SwiftShader
  // took up to 69 s under load; a 64 × 64 map still has weights small enough to be drawn as the background.
  const link = Buffer.from(JSON.stringify({ n: 64 })).toString('base64url');
  await page.goto(`/costs/#w-scale-mode=${link}`);
  const root = await readyWidget(page, 'scale-mode');
  await root.getByRole('button', { name: 'Compute', exact: true }).click();
  await expect(root.locator('[data-status="done"]')).toBeVisible({ timeout: 60_000 });
  const canvas = root.locator('figure.heat canvas');
  await canvas.scrollIntoViewIfNeeded();
  await inBothThemes(page, async (theme) => {
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no canvas');
    const bg = await backdrop(canvas.locator('..'));
    const px = await pixels(page, { x: box.x + 2, y: box.y + 2, width: box.width - 4, height: box.height - 4 });
    const nearest = px.reduce((m, p) => Math.min(m, distance(p, bg)), 255);
    expect(nearest, `${theme}: the map pixel closest to the background`).toBeLessThanOrEqual(6);
  });
});
