import type { Locator } from '@playwright/test';
import { defaultTokens, type HeadPattern } from '~components/state/data/multi-head-weights.ts';
import { mismatch, TOLERANCE } from '../reference/float64/tolerance.ts';
import { axeBothThemes, diagramValues, noPageOverflow } from './diagrams-helpers.ts';
import { expect, test } from './guard.ts';
import { reference } from './multi-head-ref.ts';
import { readyWidget } from './widget-values.ts';

/** The picture's numbers against float64: gated-widget tolerance (softmax rows and products of them). */
const allClose = (got: number[], want: number[]) => mismatch(got, want, TOLERANCE.gated) === '';

/** The picture for query i against float64: every head's α row and output O^(h), and the layer's output row. */
async function mismatches(d: Locator, patterns: HeadPattern[], on: boolean[], i: number): Promise<string[]> {
  const v = await diagramValues(d);
  const ref = reference(defaultTokens(), patterns, on);
  const dh = 8 / patterns.length;
  const row = (symbol: string, len: number) =>
    Array.from({ length: len }, (_, k) => v[`${symbol}[${i},${k}]`] ?? Number.NaN);
  const want: [string, number[], number[]][] = [
    ...patterns.flatMap((_, h): [string, number[], number[]][] => [
      [`α head ${h + 1}`, row(`Ap${h + 1}`, 6), ref.weights[h]?.[i] ?? []],
      [`O head ${h + 1}`, row(`O${h + 1}`, dh), (ref.concat[i] ?? []).slice(h * dh, (h + 1) * dh)],
    ]),
    ['out', row('out', 8), ref.out[i] ?? []],
  ];
  return want.filter(([, got, w]) => !allClose(got, w)).map(([name, got, w]) => `${name}: got ${got}, want ${w}`);
}

test('multi-head picture: each head’s weights and output and the merged row equal float64 for any query, head count and head switched off; axe', async ({
  page,
}) => {
  await page.goto('/multi-head/');
  const w = await readyWidget(page, 'multi-head-diagram');
  const d = w.locator('[data-diagram]');
  const two: HeadPattern[] = ['previous', 'keyword'];

  await test.step('two heads, query 3 (the default), then query 5', async () => {
    expect.soft(await mismatches(d, two, [true, true], 2), 'query 3').toEqual([]);
    await w.getByRole('radio', { name: '5 the' }).check();
    await expect(d.locator('[data-symbol="out"]').first()).toHaveAttribute('data-index', '4,0');
    expect.soft(await mismatches(d, two, [true, true], 4), 'query 5').toEqual([]);
  });

  await test.step('head 2 off: its weights and output are still drawn, W_O drops its share of the output', async () => {
    await w.getByRole('checkbox', { name: '2' }).uncheck();
    await expect(d.locator('.head.off')).toHaveCount(1);
    await expect.poll(() => mismatches(d, two, [true, false], 4)).toEqual([]);
    const out = await diagramValues(d);
    expect([4, 5, 6, 7].map((k) => out[`out[4,${k}]`])).toEqual([0, 0, 0, 0]);
    await w.getByRole('checkbox', { name: '2' }).check();
  });

  await test.step('four heads: four panels, each against float64', async () => {
    await w.getByRole('combobox', { name: 'Heads' }).selectOption('four');
    await expect(d.locator('.head')).toHaveCount(4);
    const four: HeadPattern[] = ['previous', 'same', 'keyword', 'next'];
    expect.soft(await mismatches(d, four, [true, true, true, true], 4), 'four heads, query 5').toEqual([]);
  });

  await test.step('axe in both themes', () => axeBothThemes(page, '[data-widget="multi-head-diagram"]'));
});

test('multi-head picture at 375 px scrolls inside its frame, never the page', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/multi-head/');
  await readyWidget(page, 'multi-head-diagram');
  await noPageOverflow(page);
});

test('the multi-head widget’s own picture equals float64, repaints on a token edit, and links both ways with the head tables', async ({
  page,
}) => {
  await page.goto('/multi-head/');
  const w = await readyWidget(page, 'multi-head');
  const d = w.locator('[data-diagram]');
  const both: HeadPattern[] = ['previous', 'keyword'];

  await test.step('query 3 of the default heads against float64', async () => {
    await expect(d).toHaveAttribute('aria-label', /query 3 /);
    expect(await mismatches(d, both, [true, true], 2)).toEqual([]);
  });

  await test.step('typing a token value repaints the picture to the new float64 numbers', async () => {
    await w.getByText('Tokens X:').click();
    const cell = w.locator('td[data-symbol="X"][data-index="1,3"]');
    await cell.click();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect(cell).toHaveAttribute('data-value', '2');
    const X = defaultTokens();
    (X[1] as number[])[3] = 2;
    const ref = reference(X, both, [true, true]);
    const outRow = async () => {
      const v = await diagramValues(d);
      return Array.from({ length: 8 }, (_, k) => v[`out[2,${k}]`] ?? Number.NaN);
    };
    await expect.poll(async () => allClose(await outRow(), ref.out[2] ?? [])).toBe(true);
  });

  await test.step('a line lights head 1’s α cell; the head’s O cell lights the picture’s number', async () => {
    const alphaCell = w.locator('td[data-symbol="Ap1"][data-index="2,1"]');
    // Leave the token cell first: focusing the picture straight from the just-edited grid cell left nothing lit
    // (seen once in this test, not yet explained; pointing and Tab from elsewhere light as expected).
    await w.locator('h3').first().click();
    await expect(w.locator('td.lit')).toHaveCount(0);
    await d.locator('.wire[tabindex="0"][data-wire="Ap1"]').nth(1).focus();
    await expect(alphaCell).toHaveClass(/\blit\b/);
    await expect(w.locator('td[data-symbol="Ap1"].lit')).toHaveCount(1);
    await d.locator('.wire[tabindex="0"][data-wire="Ap1"]').nth(1).blur();
    await expect(alphaCell).not.toHaveClass(/\blit\b/);
    await w.locator('article').nth(1).locator('summary').click();
    const oCell = w.locator('td[data-symbol="O2"][data-index="2,0"]');
    await oCell.hover();
    await expect(d.locator('text.value[data-symbol="O2"][data-index="2,0"]')).toHaveClass(/\blit\b/);
  });
});
