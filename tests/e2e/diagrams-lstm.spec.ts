import type { Locator } from '@playwright/test';
import { lstmPresets } from '~components/state/data/gated-presets.ts';
import { lstmDefaultPreset } from '~components/state/models/lstm-cell.svelte.ts';
import { close, lstm64, mismatch, TOLERANCE } from '../reference/float64/index.ts';
import { axeBothThemes, diagramValues, vectorOf } from './diagrams-helpers.ts';
import { expect, test } from './guard.ts';
import { readyWidget } from './widget-values.ts';

const preset = () => {
  const p = lstmPresets().find((x) => x.id === lstmDefaultPreset);
  if (!p) throw new Error(lstmDefaultPreset);
  return { w: structuredClone(p.weights), xs: p.inputs.map((r) => [...r]) };
};

/** The picture's gates, cell and state at step t against the float64 LSTM (one unit). */
async function expectStep(diagram: Locator, ref: ReturnType<typeof lstm64>, t: number) {
  const v = await diagramValues(diagram);
  const s = ref[t - 1];
  const before = ref[t - 2];
  if (!s) throw new Error(`no step ${t}`);
  const problems = [
    mismatch(vectorOf(v, 'i_t', 1), s.i, TOLERANCE.gated, 'i_t'),
    mismatch(vectorOf(v, 'f_t', 1), s.f, TOLERANCE.gated, 'f_t'),
    mismatch(vectorOf(v, 'g_t', 1), s.g, TOLERANCE.gated, 'g_t'),
    mismatch(vectorOf(v, 'o_t', 1), s.o, TOLERANCE.gated, 'o_t'),
    mismatch(vectorOf(v, 'c_t', 1), s.c, TOLERANCE.gated, 'c_t'),
    mismatch(vectorOf(v, 'h_t', 1), s.h, TOLERANCE.gated, 'h_t'),
    mismatch(vectorOf(v, 'c_prev', 1), before?.c ?? [0], TOLERANCE.gated, 'c_prev'),
    mismatch(vectorOf(v, 'h_prev', 1), before?.h ?? [0], TOLERANCE.gated, 'h_prev'),
  ].filter(Boolean);
  expect.soft(problems, `diagram at t = ${t} against float64`).toEqual([]);
}

/** The widget's own table entry for `symbol` at step t. */
async function tableValue(widget: Locator, symbol: string, t: number): Promise<number> {
  return Number(
    await widget.locator(`td[data-symbol="${symbol}"][data-index="${t - 1},0"]`).getAttribute('data-value'),
  );
}

test('LSTM diagram in the LSTM widget: gates, cell and state equal the widget and float64 after an edit and steps; two-way highlight; axe', async ({
  page,
}) => {
  await page.goto('/lstm/');
  const w = await readyWidget(page, 'lstm-cell');
  const d = w.locator('[data-diagram="lstm-diagram"]');
  const { w: weights, xs } = preset();

  await test.step('default: step 1 of the float64 LSTM, the same numbers as the tables', async () => {
    await expectStep(d, lstm64(weights, xs), 1);
    const v = await diagramValues(d);
    expect.soft(v['c_t[0,0]']).toBe(await tableValue(w, 'c', 1));
    expect.soft(v['o_t[0,0]']).toBe(await tableValue(w, 'o', 1));
  });

  await test.step('typing W_if[0,0] = 2 (forget gate, row 1 of W_ih) repaints the picture to float64', async () => {
    const cell = w.locator('td[data-symbol="W_if"][data-index="0,0"]');
    await cell.click();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect(cell).toHaveAttribute('data-value', '2');
    (weights.W_ih[1] as number[])[0] = 2;
    const want = lstm64(weights, xs)[0]?.f[0];
    await expect
      .poll(async () => close((await diagramValues(d))['f_t[0,0]'] ?? Number.NaN, want ?? Number.NaN, TOLERANCE.gated))
      .toBe(true);
    await expectStep(d, lstm64(weights, xs), 1);
  });

  await test.step('stepping lights each formula’s part and walks the picture to step 2', async () => {
    await expect.soft(d.locator('[data-gate="i_t"]')).toHaveClass(/current/);
    const next = w.getByRole('button', { name: 'Next', exact: true });
    await next.click();
    await expect.soft(d.locator('[data-gate="f_t"]')).toHaveClass(/current/);
    for (let k = 0; k < 3; k++) await next.click();
    await expect.soft(d.locator('[data-wire="c_t"][role="img"]')).toHaveClass(/current/);
    for (let k = 0; k < 2; k++) await next.click();
    await expect(d.locator('text.step')).toHaveText('t = 2');
    await expectStep(d, lstm64(weights, xs), 2);
  });

  await test.step('pointing and Tab light the table cell; a table cell lights the picture', async () => {
    await d.locator('[data-gate="o_t"] .unit[data-index="0,0"]').hover();
    await expect.soft(w.locator('td[data-symbol="o"][data-index="1,0"]')).toHaveClass(/\blit\b/);
    await w.locator('td[data-symbol="f"][data-index="1,0"]').hover();
    await expect.soft(d.locator('[data-gate="f_t"] .unit')).toHaveClass(/\blit\b/);
    await expect.soft(d.locator('[data-wire="f_t"] .strand')).toHaveClass(/\blit\b/);
    await page.mouse.move(0, 0);
    await d.locator('[data-wire="x_t"]').focus();
    await page.keyboard.press('Tab');
    await expect(d.locator('[data-gate="f_t"]')).toBeFocused();
    await expect.soft(w.locator('td[data-symbol="f"][data-index="1,0"]')).toHaveClass(/\blit\b/);
  });

  await test.step('axe finds nothing in the picture, light and dark', async () => {
    await axeBothThemes(page, '[data-diagram="lstm-diagram"]');
  });
});
