import type { Locator } from '@playwright/test';
import { close, softmax64, TOLERANCE } from '../reference/float64/index.ts';
import { expect, test } from './guard.ts';
import { readValue } from './widget-values.ts';

/** softmax(z / τ) in float64 (tests/reference/float64), the reference for the softmax widget's p_i. */
const softmaxRef = (z: number[], t: number): number[] => softmax64(z.map((v) => v / t));
/** A shown p_i is within the gated-widget tolerance of `want`. */
const closeTo = async (w: Locator, symbol: string, want: number) =>
  close(await readValue(w, symbol), want, TOLERANCE.gated);
const logits = [2, 1, 0.1, -1];

test('<stepwise-widget> renders and computes in a plain HTML page whose CSS cannot reach it', async ({ page }) => {
  await page.goto('/examples/custom-element.html');
  const softmax = page.locator('#plain-softmax [data-widget="softmax"][data-ready]');
  await softmax.waitFor();
  const ref = softmaxRef(logits, 2);
  for (let i = 0; i < 4; i++)
    expect(await closeTo(softmax, `p_${i + 1}`, ref[i] ?? Number.NaN), `p_${i + 1}`).toBe(true);
  // The page hides every button, paints text red in Comic Sans and rotates .katex: none of it applies inside.
  await expect(softmax.getByRole('button', { name: 'Reset' })).toBeVisible();
  const look = await softmax.evaluate((el) => {
    const h = el.querySelector('h3') as HTMLElement;
    const k = el.querySelector('.katex') as HTMLElement;
    return {
      font: getComputedStyle(h).fontFamily,
      color: getComputedStyle(h).color,
      spacing: getComputedStyle(h).letterSpacing,
      katex: getComputedStyle(k).transform,
      border: getComputedStyle(el).borderTopWidth,
    };
  });
  expect(look.font).not.toMatch(/Comic/);
  expect(look.color).not.toBe('rgb(204, 0, 0)');
  expect(look.spacing).toBe('normal');
  expect(look.katex).toBe('none');
  expect(look.border).toBe('1px');
  // And the widget's CSS does not leak out: the page's own paragraph keeps the page's font.
  expect(
    await page
      .locator('main > p')
      .first()
      .evaluate((p) => getComputedStyle(p).fontFamily),
  ).toMatch(/Comic/);
  // KaTeX's fonts are registered on the document and load.
  await expect.poll(() => page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
  await expect
    .poll(() => page.evaluate(async () => (await document.fonts.load('16px KaTeX_Math')).length))
    .toBeGreaterThan(0);
});

test('<stepwise-widget> API: setState validates, next()/prev() step, events report the state', async ({
  page,
  guard,
}) => {
  guard.allowConsole(/ignored a message/);
  await page.goto('/examples/custom-element.html');
  const softmax = page.locator('#plain-softmax [data-widget="softmax"][data-ready]');
  await softmax.waitFor();
  const ok = await page.evaluate(() => {
    const el = document.getElementById('plain-softmax') as HTMLElement & { setState(s: unknown): boolean };
    (window as unknown as { events: unknown[] }).events = [];
    el.addEventListener('stepwise-state', (e) =>
      (window as unknown as { events: unknown[] }).events.push((e as CustomEvent).detail),
    );
    return [el.setState({ t: 0.5 }), el.setState({ t: 'hot' })];
  });
  expect(ok).toEqual([true, false]);
  const ref = softmaxRef(logits, 0.5);
  await expect.poll(() => closeTo(softmax, 'p_1', ref[0] ?? Number.NaN)).toBe(true);
  expect(
    await page.evaluate(() => (window as unknown as { events: { state: { t: number } }[] }).events.at(-1)?.state.t),
  ).toBe(0.5);

  const lstm = page.locator('#plain-lstm [data-widget="lstm-cell"][data-ready]');
  await lstm.waitFor();
  await page.evaluate(() => {
    const el = document.getElementById('plain-lstm') as HTMLElement & { next(): boolean; prev(): boolean };
    el.next();
    el.next();
    el.prev();
  });
  await expect(lstm.locator('.counter')).toHaveText(/^step 2 of/);
});

test('the reveal.js deck: → advances slides and fragments step the widgets to the chapter’s numbers', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // The chapter's LSTM after two steps, as the reference.
  await page.goto('/lstm/');
  const chapter = page.locator('[data-widget="lstm-cell"][data-ready]');
  await chapter.waitFor();
  // Focus, not a click at a corner: under load the sticky header or a late layout shift took the click.
  await chapter.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(chapter.locator('.counter')).toHaveText(/^step 3 of/);
  const pairs = (els: Element[]) =>
    els.map(
      (e) => `${e.getAttribute('data-symbol')}[${e.getAttribute('data-index') ?? ''}]=${e.getAttribute('data-value')}`,
    );
  const reference = await chapter.locator('[data-symbol][data-value]').evaluateAll(pairs);

  await page.goto('/slides/demo/');
  await expect(page.locator('.reveal.ready')).toBeVisible();
  const softmax = page.locator('[data-slide="softmax"] [data-widget="softmax"][data-ready]');
  await softmax.waitFor();
  await page.keyboard.press('ArrowRight'); // → softmax slide
  await expect(page.locator('section.present[data-slide="softmax"]')).toBeVisible();
  await page.keyboard.press('ArrowRight'); // fragment: τ = 0.3
  await expect.poll(() => closeTo(softmax, 'p_1', softmaxRef(logits, 0.3)[0] ?? Number.NaN)).toBe(true);
  await page.keyboard.press('ArrowRight'); // fragment: τ = 3
  await expect.poll(() => closeTo(softmax, 'p_1', softmaxRef(logits, 3)[0] ?? Number.NaN)).toBe(true);
  await page.keyboard.press('ArrowLeft'); // fragment hidden: back to τ = 0.3
  await expect.poll(() => closeTo(softmax, 'p_1', softmaxRef(logits, 0.3)[0] ?? Number.NaN)).toBe(true);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight'); // → LSTM slide
  await expect(page.locator('section.present[data-slide="lstm"]')).toBeVisible();
  await page.keyboard.press('ArrowRight'); // fragment: step forward
  await page.keyboard.press('ArrowRight'); // fragment: step forward
  const embedded = page.locator('[data-slide="lstm"] stepwise-widget [data-widget="lstm-cell"][data-ready]');
  await expect(embedded.locator('.counter')).toHaveText(/^step 3 of/);
  // Every number the chapter shows at this step, the deck shows too (same symbol, same index, same value).
  const deckValues = new Set(await embedded.locator('[data-symbol][data-value]').evaluateAll(pairs));
  expect(reference.length).toBeGreaterThan(20);
  expect(reference.filter((p) => !deckValues.has(p))).toEqual([]);
});
