import { gruPresets } from '~components/state/data/gated-presets.ts';
import { gru64, mismatch, TOLERANCE } from '../reference/float64/index.ts';
import { axeBothThemes, diagramValues, noPageOverflow, vectorOf } from './diagrams-helpers.ts';
import { expect, test } from './guard.ts';
import { readyWidget } from './widget-values.ts';

const mixed = () => {
  const p = gruPresets().find((x) => x.id === 'mixed');
  if (!p) throw new Error('mixed preset');
  return { w: structuredClone(p.weights), xs: p.inputs.map((r) => [...r]) };
};

/** The picture's r, z, h̃, h, h_{t−1}, x at step t against the float64 GRU and the widget's own tables. */
async function expectStep(diagram: import('@playwright/test').Locator, ref: ReturnType<typeof gru64>, t: number) {
  const v = await diagramValues(diagram);
  const s = ref[t - 1];
  if (!s) throw new Error(`no step ${t}`);
  const problems = [
    mismatch(vectorOf(v, 'r_t', 2), s.r, TOLERANCE.gated, 'r_t'),
    mismatch(vectorOf(v, 'z_t', 2), s.z, TOLERANCE.gated, 'z_t'),
    mismatch(vectorOf(v, 'h̃_t', 2), s.cand, TOLERANCE.gated, 'h̃_t'),
    mismatch(vectorOf(v, 'h_t', 2), s.h, TOLERANCE.gated, 'h_t'),
    mismatch(vectorOf(v, 'h_prev', 2), s.hPrev, TOLERANCE.gated, 'h_prev'),
  ].filter(Boolean);
  expect.soft(problems, `diagram at t = ${t} against float64`).toEqual([]);
}

/** The widget's own table row for `symbol` at step t (data-value of its cells). */
async function tableRow(widget: import('@playwright/test').Locator, symbol: string, t: number): Promise<number[]> {
  return widget.evaluate(
    (root, [sym, row]) =>
      [0, 1].map((k) =>
        Number(root.querySelector(`td[data-symbol="${sym}"][data-index="${row},${k}"]`)?.getAttribute('data-value')),
      ),
    [symbol, t - 1] as const,
  );
}

test('GRU diagram in the GRU widget: wires equal the widget and float64 after an edit, a step and the toggle; two-way highlight; axe', async ({
  page,
}) => {
  await page.goto('/gru/');
  const w = await readyWidget(page, 'gru-cell');
  const d = w.locator('[data-diagram="gru-diagram"]');
  const { w: weights, xs } = mixed();

  await test.step('default: the picture shows step 1 of the float64 GRU and the same numbers as the tables', async () => {
    await expectStep(d, gru64(weights, xs, 'cho'), 1);
    const v = await diagramValues(d);
    expect.soft(vectorOf(v, 'z_t', 2)).toEqual(await tableRow(w, 'z', 1));
    expect.soft(vectorOf(v, 'h_t', 2)).toEqual(await tableRow(w, 'h', 1));
  });

  await test.step('typing W_iz[0,0] = 2 repaints the gates to the new float64 values', async () => {
    const cell = w.locator('td[data-symbol="W_iz"][data-index="0,0"]');
    await cell.click();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect(cell).toHaveAttribute('data-value', '2');
    (weights.W_ih[2] as number[])[0] = 2;
    await expect.poll(async () => vectorOf(await diagramValues(d), 'z_t', 2)).toEqual(await tableRow(w, 'z', 1));
    await expectStep(d, gru64(weights, xs, 'cho'), 1);
  });

  await test.step('the stepper lights its formula’s part of the picture and walks to step 2', async () => {
    await expect.soft(d.locator('[data-gate="r_t"]')).toHaveClass(/current/);
    const next = w.getByRole('button', { name: 'Next', exact: true });
    await next.click();
    await expect.soft(d.locator('[data-gate="z_t"]')).toHaveClass(/current/);
    await expect.soft(d.locator('[data-gate="r_t"]')).not.toHaveClass(/current/);
    for (let k = 0; k < 3; k++) await next.click();
    await expect(d.locator('text.step')).toHaveText('t = 2');
    await expectStep(d, gru64(weights, xs, 'cho'), 2);
    expect.soft(vectorOf(await diagramValues(d), 'h_t', 2)).toEqual(await tableRow(w, 'h', 2));
  });

  await test.step('PyTorch wiring moves the reset × after W_hn and the candidate follows the PyTorch float64', async () => {
    const mul = d.locator('g.op[aria-label="multiply by r_t"] circle');
    const cx = Number(await mul.getAttribute('cx'));
    await w.getByRole('radio', { name: /PyTorch/ }).check();
    await expect.poll(async () => Number(await mul.getAttribute('cx'))).toBeGreaterThan(cx);
    await expectStep(d, gru64(weights, xs, 'pytorch'), 2);
  });

  await test.step('pointing at a strand lights the formula entry and the table cell, and back', async () => {
    // Still step 2, phase r: the formula on screen is r_t's.
    await expect(w.locator('.track [aria-current="step"]')).toContainText('r');
    await d.locator('[data-gate="r_t"] .unit[data-index="1,0"]').hover();
    await expect.soft(w.locator('td[data-symbol="r"][data-index="1,1"]')).toHaveClass(/\blit\b/);
    await expect.soft(w.locator('.katex [data-symbol="r_t"][data-index="1,0"]').first()).toHaveClass(/\blit\b/);
    await expect.soft(w.locator('td[data-symbol="r"][data-index="1,0"]')).not.toHaveClass(/\blit\b/);
    await w.locator('td[data-symbol="z"][data-index="1,0"]').hover();
    await expect.soft(d.locator('[data-gate="z_t"] .unit[data-index="0,0"]')).toHaveClass(/\blit\b/);
    await expect.soft(d.locator('[data-wire="z_t"] .strand[data-index="0,0"]').first()).toHaveClass(/\blit\b/);
    await expect.soft(d.locator('[data-gate="z_t"] .unit[data-index="1,0"]')).not.toHaveClass(/\blit\b/);
  });

  await test.step('Tab from x_t onto the z gate lights z in the table; a formula chip lights the picture', async () => {
    await page.mouse.move(0, 0);
    await d.locator('[data-wire="x_t"]').focus();
    await page.keyboard.press('Tab');
    await expect(d.locator('[data-gate="z_t"]')).toBeFocused();
    await expect.soft(w.locator('td[data-symbol="z"][data-index="1,0"]')).toHaveClass(/\blit\b/);
    await expect.soft(w.locator('td[data-symbol="z"][data-index="1,1"]')).toHaveClass(/\blit\b/);
    await w.locator('button.chip[data-symbol="h_prev"]').focus();
    await expect.soft(d.locator('[data-wire="h_prev"] .strand').first()).toHaveClass(/\blit\b/);
  });

  await test.step('axe finds nothing in the picture, light and dark', async () => {
    await axeBothThemes(page, '[data-diagram="gru-diagram"]');
  });
});

test.describe('at 375 px', () => {
  test.use({ viewport: { width: 375, height: 812 } });
  test('the GRU picture widget fits: it scrolls inside its frame, never the page, and equals float64', async ({
    page,
  }) => {
    await page.goto('/embed/gru-diagram/');
    const w = await readyWidget(page, 'gru-diagram');
    const { w: weights, xs } = mixed();
    await expectStep(w.locator('[data-diagram="gru-diagram"]'), gru64(weights, xs, 'cho'), 1);
    await noPageOverflow(page);
    await expect.soft(w.locator('[data-diagram] .scroller')).toHaveJSProperty('scrollLeft', 0);
  });
});
