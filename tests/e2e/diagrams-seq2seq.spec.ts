import type { Locator } from '@playwright/test';
import { bottleneck64, mismatch } from '../reference/float64/index.ts';
import { axeBothThemes, diagramValues, noPageOverflow, vectorOf } from './diagrams-helpers.ts';
import { expect, test } from './guard.ts';
import { allValues, readyWidget } from './widget-values.ts';

/** The steps the picture draws for an input of length n: all up to 5, else 1, 2, n−1, n (h_{n−2} enters cell n−1). */
function drawn(n: number): number[] {
  return n <= 5 ? Array.from({ length: n }, (_, k) => k + 1) : [1, 2, n - 1, n];
}

/**
 * The picture against the float64 encoder: every drawn x_t and h_t wire, h_{n−2} out of the elided steps,
 * the c box and each drawn Δ_t; and that no wire is drawn for an elided step.
 */
async function mismatches(d: Locator, n: number, H: number): Promise<string[]> {
  const v = await diagramValues(d);
  const want = bottleneck64(n, 0, 0.5, 3, H);
  const out: [string, string][] = [['c', mismatch(vectorOf(v, 'c', H), want.c, { rtol: 1e-4, atol: 1e-6 })]];
  const steps = drawn(n);
  for (const t of steps) {
    out.push([`x_${t}`, mismatch(vectorOf(v, `x_${t}`, 2), want.xs[t - 1] ?? [], { rtol: 1e-6, atol: 1e-6 })]);
    out.push([`h_${t}`, mismatch(vectorOf(v, `h_${t}`, H), want.states[t - 1] ?? [], { rtol: 1e-4, atol: 1e-6 })]);
    // Δ is a difference of nearby float32 states: its absolute error is about float32 rounding of c.
    out.push([
      `Δ_${t}`,
      mismatch([v[`Delta[0,${t - 1}]`] ?? Number.NaN], [want.delta[t - 1] ?? 0], { rtol: 1e-3, atol: 2e-6 }),
    ]);
  }
  if (n > 5) {
    out.push([
      `h_${n - 2}`,
      mismatch(vectorOf(v, `h_${n - 2}`, H), want.states[n - 3] ?? [], { rtol: 1e-4, atol: 1e-6 }),
    ]);
    const elided = Object.keys(v).filter((k) => {
      const t = Number(k.split(/[_[]/)[1]);
      return /^(x|h)_\d+\[/.test(k) && t > 0 && !steps.includes(t);
    });
    out.push(['elided', elided.filter((k) => !k.startsWith(`h_${n - 2}[`)).join(' ')]);
  }
  return out.filter(([, m]) => m !== '').map(([name, m]) => `${name}: ${m}`);
}

/** Height of the c box in the picture's own units (the picture as a whole scales with its width). */
const boxHeight = async (d: Locator) => Number(await d.locator('[data-vector="c0"] rect').getAttribute('height'));

test('seq2seq picture: wires, c and Δ equal float64 and the bottleneck widget; n and H edits redraw it; c keeps its size as n grows; axe', async ({
  page,
}) => {
  await page.goto('/seq2seq/');
  const w = await readyWidget(page, 'seq2seq-diagram');
  const d = w.locator('[data-diagram="seq2seq-diagram"]');

  await test.step('defaults (n = 12, H = 6): the first and last two steps, h_10 out of the gap, c and Δ', async () => {
    expect.soft(await mismatches(d, 12, 6), 'n = 12').toEqual([]);
    const bottleneck = await readyWidget(page, 'encoder-bottleneck');
    const v = await diagramValues(d);
    // The same state class and engine run as the widget further down: the same numbers, exactly.
    expect(vectorOf(v, 'c', 6)).toEqual(await allValues(bottleneck, 'c'));
    expect(v['Delta[0,11]']).toBe((await allValues(bottleneck, 'Delta'))[11]);
  });

  const tall = await boxHeight(d);
  await test.step('n = 5: every step drawn, c the same height', async () => {
    await w.getByRole('textbox', { name: 'input length n' }).fill('5');
    await expect(d).toHaveAttribute('aria-label', /reads 5 inputs/);
    await expect.poll(() => mismatches(d, 5, 6)).toEqual([]);
    expect(await boxHeight(d)).toBe(tall);
  });

  await test.step('H = 3: c holds 3 numbers and its box is shorter; every wire 3 strands', async () => {
    await w.getByRole('textbox', { name: 'state size H (numbers in c)' }).fill('3');
    await expect(d).toHaveAttribute('aria-label', /c of 3 numbers/);
    await expect.poll(() => mismatches(d, 5, 3)).toEqual([]);
    await expect(d.locator('[data-wire="h_5"] .strand')).toHaveCount(3);
    expect(await boxHeight(d)).toBeLessThan(tall);
  });

  await test.step('axe in both themes', () => axeBothThemes(page, '[data-widget="seq2seq-diagram"]'));
});

test('seq2seq picture links both ways: Δ by mouse, the last state h_n by keyboard lights c in the table', async ({
  page,
}) => {
  await page.goto('/seq2seq/');
  const w = await readyWidget(page, 'seq2seq-diagram');
  const d = w.locator('[data-diagram]');
  const pictureDelta = d.locator('tspan[data-symbol="Delta"][data-index="0,1"]');
  const tableDelta = w.locator('td[data-symbol="Delta"][data-index="0,1"]');

  await pictureDelta.hover();
  await expect(tableDelta).toHaveClass(/\blit\b/);
  await page.mouse.move(0, 0);
  await expect(tableDelta).not.toHaveClass(/\blit\b/);
  await tableDelta.hover();
  await expect(pictureDelta).toHaveClass(/\blit\b/);
  await page.mouse.move(0, 0);

  // h_12 is c: focusing its wire lights every entry of c in the table, and no Δ.
  await d.locator('.wire[data-wire="h_12"]').focus();
  await expect(w.locator('td[data-symbol="c"].lit')).toHaveCount(6);
  await expect(w.locator('td[data-symbol="Delta"].lit')).toHaveCount(0);
  await d.locator('.wire[data-wire="h_12"]').blur();
  await expect(w.locator('td[data-symbol="c"].lit')).toHaveCount(0);
});

test('seq2seq picture at 375 px reflows to fit its frame (first and last step, nothing scrolls) and still equals float64', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/seq2seq/');
  const w = await readyWidget(page, 'seq2seq-diagram');
  const d = w.locator('[data-diagram="seq2seq-diagram"]');
  await noPageOverflow(page);
  // The reflow follows the frame's measured width: polled, it lands a frame after hydration.
  await expect
    .poll(() => d.locator('.scroller').evaluate((el) => el.scrollWidth - el.clientWidth), {
      message: 'the picture scrolls sideways',
    })
    .toBeLessThanOrEqual(1);
  // n = 12 drawn as x_1, the gap, x_12 (h_11 comes out of the gap), against the same float64 encoder.
  const v = await diagramValues(d);
  const want = bottleneck64(12, 0, 0.5, 3, 6);
  expect.soft(mismatch(vectorOf(v, 'c', 6), want.c, { rtol: 1e-4, atol: 1e-6 }), 'c').toBe('');
  for (const t of [1, 12])
    expect
      .soft(mismatch(vectorOf(v, `x_${t}`, 2), want.xs[t - 1] ?? [], { rtol: 1e-6, atol: 1e-6 }), `x_${t}`)
      .toBe('');
  expect.soft(mismatch(vectorOf(v, 'h_11', 6), want.states[10] ?? [], { rtol: 1e-4, atol: 1e-6 }), 'h_11').toBe('');
  expect
    .soft(
      Object.keys(v).filter((k) => /^x_(2|11)\[/.test(k)),
      'x_2 and x_11 are in the gap',
    )
    .toEqual([]);
});
