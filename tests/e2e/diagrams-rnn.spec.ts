import type { Locator, Page } from '@playwright/test';
import { mismatch, TOLERANCE } from '../reference/float64/index.ts';
import { axeBothThemes, diagramValues, noPageOverflow, vectorOf } from './diagrams-helpers.ts';
import { expect, test } from './guard.ts';
import { readyWidget } from './widget-values.ts';

/** The worked example's network (every weight 1, biases 0), with its inputs and activation editable. */
interface Net {
  inputs: number[][];
  tanh: boolean;
}
const worked = (): Net => ({
  inputs: [
    [1, 1],
    [1, 1],
    [2, 2],
  ],
  tanh: false,
});

/** Independent float64 Elman states h_0 … h_T: h_t = f(W_ih x_t + W_hh h_{t−1} + b_h), all weights 1, b_h = 0. */
function states64(n: Net): number[][] {
  const sum = (v: number[]) => v.reduce((s, a) => s + a, 0);
  const hs = [[0, 0]];
  for (const x of n.inputs) {
    const prev = hs.at(-1) ?? [0, 0];
    const pre = [0, 1].map(() => sum(x) + sum(prev));
    hs.push(n.tanh ? pre.map(Math.tanh) : pre);
  }
  return hs;
}

/** Every memory wire h_0 … h_T of the picture against the float64 states. */
async function expectStates(diagram: Locator, n: Net) {
  const v = await diagramValues(diagram);
  const want = states64(n);
  const problems = want.map((h, t) => mismatch(vectorOf(v, `h_${t}`, 2), h, TOLERANCE.gated, `h_${t}`)).filter(Boolean);
  expect.soft(problems, 'memory wires against float64').toEqual([]);
  const inputs = n.inputs
    .map((x, k) => mismatch(vectorOf(v, `x_${k + 1}`, 2), x, TOLERANCE.gated, `x_${k + 1}`))
    .filter(Boolean);
  expect.soft(inputs, 'input wires').toEqual([]);
}

/** h_1 … h_T as the memory widget's steps table shows them, after jumping to its last step. */
async function memoryWidgetStates(page: Page, count: number): Promise<number[][]> {
  const w = page.locator('[data-widget="rnn-memory"]');
  await w.focus();
  await w.press('End');
  await expect(w.locator(`[data-symbol="h_${count}"]`).first()).toBeVisible();
  return w.evaluate(
    (root, n) =>
      Array.from({ length: n }, (_, t) =>
        [0, 1].map((k) =>
          Number(root.querySelector(`[data-symbol="h_${t + 1}"][data-index="${k}"]`)?.getAttribute('data-value')),
        ),
      ),
    count,
  );
}

/** Types `value` into entry (i, j) of a widget's input matrix X. */
async function setInput(page: Page, w: Locator, i: number, j: number, value: number) {
  const cell = w.getByRole('grid', { name: 'Inputs x_t, one row per step' }).locator(`[data-index="${i},${j}"]`);
  await cell.focus();
  await page.keyboard.type(String(value));
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAttribute('data-value', String(value));
}

test('unrolled RNN picture: wires equal the memory widget and float64 after an edit and a step; focus lights the entry; axe', async ({
  page,
}) => {
  await page.goto('/memory/');
  const w = await readyWidget(page, 'rnn-unrolled-diagram');
  const memory = await readyWidget(page, 'rnn-memory');
  const d = w.locator('[data-diagram="rnn-unrolled-diagram"]');
  const net = worked();

  await test.step('default: h_0 … h_3 are the worked example’s [0,0], [2,2], [6,6], [16,16], as in the memory widget', async () => {
    await expectStates(d, net);
    const v = await diagramValues(d);
    expect.soft(vectorOf(v, 'h_3', 2)).toEqual([16, 16]);
    const picture = [1, 2, 3].map((t) => vectorOf(v, `h_${t}`, 2));
    expect.soft(picture).toEqual(await memoryWidgetStates(page, 3));
  });

  await test.step('tanh and x_2[0] = 3, made in both widgets, repaint the wires to the same float64 states', async () => {
    for (const widget of [w, memory]) {
      await widget.getByRole('radio', { name: 'tanh' }).check();
      await setInput(page, widget, 1, 0, 3);
    }
    net.tanh = true;
    (net.inputs[1] as number[])[0] = 3;
    const want = states64(net);
    await expect
      .poll(async () => vectorOf(await diagramValues(d), 'h_2', 2))
      .toEqual(await memoryWidgetStates(page, 3).then((h) => h[1]));
    await expectStates(d, net);
    const v = await diagramValues(d);
    expect.soft([1, 2, 3].map((t) => vectorOf(v, `h_${t}`, 2))).toEqual(await memoryWidgetStates(page, 3));
    expect.soft(mismatch(vectorOf(v, 'h_2', 2), want[2] ?? [], TOLERANCE.gated, 'h_2 (tanh)')).toBe('');
  });

  await test.step('stepping moves the highlight to the next cell; the numbers stay the float64 ones', async () => {
    const cells = d.locator('g.cell');
    await expect(cells).toHaveCount(3);
    await expect.soft(cells.nth(0)).toHaveClass(/current/);
    await w.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(cells.nth(1)).toHaveClass(/current/);
    await expect.soft(cells.nth(0)).not.toHaveClass(/current/);
    await expect.soft(d.locator('[data-wire="x_2"]')).toHaveClass(/current/);
    await expect.soft(d.locator('[data-wire="h_2"]')).toHaveClass(/current/);
    await expectStates(d, net);
  });

  await test.step('keyboard focus on x_2 lights row 2 of X; on h_2 lights its own numbers only', async () => {
    await page.mouse.move(0, 0);
    await d.locator('[data-wire="x_2"]').focus();
    const row = (i: number, j: number) => w.locator(`[data-symbol="X"][data-index="${i},${j}"]`).first();
    await expect.soft(row(1, 0)).toHaveClass(/\blit\b/);
    await expect.soft(row(1, 1)).toHaveClass(/\blit\b/);
    await expect.soft(row(0, 0)).not.toHaveClass(/\blit\b/);
    await page.keyboard.press('Tab');
    await expect(d.locator('[data-wire="h_2"]')).toBeFocused();
    await expect.soft(d.locator('[data-wire="h_2"] tspan.value').first()).toHaveClass(/\blit\b/);
    await expect.soft(d.locator('[data-wire="h_1"] tspan.value').first()).not.toHaveClass(/\blit\b/);
    await expect.soft(row(1, 0)).not.toHaveClass(/\blit\b/);
  });

  await test.step('the other way: entry X[2,1] by keyboard, then X[0,0] by mouse, light that strand of x_3, x_1', async () => {
    const grid = w.getByRole('grid', { name: 'Inputs x_t, one row per step' });
    // Strand k of the wire x_t carries entry k of x_t, i.e. X[t−1, k].
    const strand = (t: number, k: number) => d.locator(`[data-wire="x_${t}"] .strand`).nth(k);
    await page.mouse.move(0, 0);
    await grid.locator('[data-index="2,1"]').focus();
    await expect.soft(strand(3, 1)).toHaveClass(/\blit\b/);
    await expect.soft(strand(3, 0)).not.toHaveClass(/\blit\b/);
    await expect.soft(strand(2, 1)).not.toHaveClass(/\blit\b/);
    await grid.locator('[data-index="2,1"]').blur();
    await expect.soft(strand(3, 1)).not.toHaveClass(/\blit\b/);
    await grid.locator('[data-index="0,0"]').hover();
    await expect.soft(strand(1, 0)).toHaveClass(/\blit\b/);
    await expect.soft(strand(3, 1)).not.toHaveClass(/\blit\b/);
    await page.mouse.move(0, 0);
  });

  await test.step('axe finds nothing in the picture, light and dark', async () => {
    await axeBothThemes(page, '[data-diagram="rnn-unrolled-diagram"]');
  });
});

test.describe('at 375 px', () => {
  test.use({ viewport: { width: 375, height: 812 } });
  test('in the chapter the unrolled picture scrolls inside its frame, never the page', async ({ page }) => {
    await page.goto('/memory/');
    const w = await readyWidget(page, 'rnn-unrolled-diagram');
    const scroller = w.locator('[data-diagram="rnn-unrolled-diagram"] .scroller');
    await expect.soft(scroller).toHaveJSProperty('scrollLeft', 0);
    expect
      .soft(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth), 'the picture is wider than the phone')
      .toBe(true);
    await noPageOverflow(page);
  });

  test('the embedded picture fits the phone and equals float64', async ({ page }) => {
    await page.goto('/embed/rnn-unrolled-diagram/');
    const w = await readyWidget(page, 'rnn-unrolled-diagram');
    await expectStates(w.locator('[data-diagram="rnn-unrolled-diagram"]'), worked());
    await noPageOverflow(page);
  });
});
