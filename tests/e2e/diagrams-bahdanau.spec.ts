import type { Locator } from '@playwright/test';
import { bahdanauSpecs, defaultEmbeddings } from '~components/state/models/bahdanau.svelte.ts';
import { bahdanau64, mismatch, type Recurrent64 } from '../reference/float64/index.ts';
import { axeBothThemes, diagramValues, noPageOverflow } from './diagrams-helpers.ts';
import { expect, test } from './guard.ts';
import { readyWidget } from './widget-values.ts';

/** The float64 walkthrough of the widget's default weights and embeddings, with v_a scaled by κ. */
function reference(kappa: number) {
  const w = Object.fromEntries(bahdanauSpecs.map((s) => [s.symbol, s.initial.map((r) => [...r])]));
  const column = (m: number[][] | undefined) => (m ?? []).map((r) => r[0] ?? Number.NaN);
  const gru = (p: string): Recurrent64 => ({
    W_ih: w[`W${p}_ih`] ?? [],
    W_hh: w[`W${p}_hh`] ?? [],
    b_ih: column(w[`b${p}_ih`]),
    b_hh: column(w[`b${p}_hh`]),
  });
  return bahdanau64(
    defaultEmbeddings.map((r) => [...r]),
    {
      fwd: gru('f'),
      bwd: gru('b'),
      W_a: w.W_a ?? [],
      U_a: w.U_a ?? [],
      v_a: column(w.v_a).map((v) => v * kappa),
      dec: gru('d'),
      W_y: w.W_y ?? [],
      b_y: column(w.b_y),
    },
    4,
  );
}

/** Entries of `symbol` in a diagram's values, in index order (`prefix` + k for k = 0..n−1). */
const entries = (v: Record<string, number>, symbol: string, n: number, index: (k: number) => string) =>
  Array.from({ length: n }, (_, k) => v[`${symbol}[${index(k)}]`] ?? Number.NaN);

/** The picture at decoder step i against the float64 walkthrough: s_{i−1}, every h_j, e, α, c, s_i, y_i. */
async function mismatches(d: Locator, want: ReturnType<typeof reference>, i: number): Promise<string[]> {
  const v = await diagramValues(d);
  const r = want.steps[i - 1];
  if (!r) return [`no reference step ${i}`];
  const col = (k: number) => `${k},0`;
  const row = (k: number) => `0,${k}`;
  return [
    [`s_${i - 1}`, mismatch(entries(v, 's_prev', 3, col), r.sPrev)],
    [`e_${i}`, mismatch(entries(v, 'e', 4, row), r.e)],
    [`α_${i}`, mismatch(entries(v, 'alpha', 4, row), r.alpha)],
    [`c_${i}`, mismatch(entries(v, 'c', 4, col), r.c)],
    [`s_${i}`, mismatch(entries(v, 's', 3, col), r.s)],
    [`y_${i}`, mismatch(entries(v, 'y', 2, col), r.y)],
    ...[0, 1, 2, 3].map((j) => [
      `h_${j + 1}`,
      mismatch(
        entries(v, 'H', 4, (k) => `${j},${k}`),
        want.H[j] ?? [],
      ),
    ]),
  ]
    .filter(([, m]) => m !== '')
    .map(([name, m]) => `${name}: ${m}`);
}

test('Bahdanau picture: every decoder step equals float64, κ = 0 makes every line the same; axe', async ({ page }) => {
  await page.goto('/bahdanau/');
  const w = await readyWidget(page, 'bahdanau-diagram');
  const d = w.locator('[data-diagram]');
  const want = reference(1);

  await test.step('the encoder stop draws step 1; then each decoder step i against float64', async () => {
    expect.soft(await mismatches(d, want, 1), 'at the encoder stop').toEqual([]);
    await w.locator('h3').click();
    for (let i = 1; i <= 4; i++) {
      // Five stops per decoder step (pairs, scores, weights, context, decoder); land on step i's last.
      for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowRight');
      await expect(d).toHaveAttribute('aria-label', new RegExp(`decoder step ${i} `));
      expect.soft(await mismatches(d, want, i), `step ${i}`).toEqual([]);
    }
  });

  await test.step('κ = 0: every α is exactly 1/4 and every fan line is drawn the same width', async () => {
    await w.getByRole('textbox', { name: 'scale kappa of v_a' }).fill('0');
    await expect(w.locator('[data-symbol="kappa"]')).toHaveAttribute('data-value', '0');
    await expect(d.locator('tspan[data-symbol="alpha"][data-index="0,0"]')).toHaveAttribute('data-value', '0.25');
    const v = await diagramValues(d);
    expect(entries(v, 'alpha', 4, (k) => `0,${k}`)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect.soft(await mismatches(d, reference(0), 4), 'κ = 0, step 4').toEqual([]);
    const widths = await d
      .locator('.wire[tabindex="0"] .line')
      .evaluateAll((lines) => lines.map((l) => l.getAttribute('stroke-width')));
    expect(new Set(widths).size, `widths ${widths}`).toBe(1);
  });

  await test.step('axe in both themes', () => axeBothThemes(page, '[data-widget="bahdanau-diagram"]'));
});

test('Bahdanau picture at 375 px scrolls inside its frame, never the page', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/bahdanau/');
  await readyWidget(page, 'bahdanau-diagram');
  await noPageOverflow(page);
});

test('the stepper’s own picture follows its walk, outlines the current part, repaints on an edit, and links α and c both ways', async ({
  page,
}) => {
  await page.goto('/bahdanau/');
  const w = await readyWidget(page, 'bahdanau');
  const d = w.locator('[data-diagram]');
  const counter = w.getByText(/^step \d+ of 21/);
  await expect(d).toHaveCount(1);

  await test.step('the encoder stop outlines the annotations and draws step 1', async () => {
    await expect(d.locator('[data-vector="H0"]')).toHaveClass(/current/);
    expect.soft(await mismatches(d, reference(1), 1), 'encoder stop').toEqual([]);
  });

  await test.step('each stop moves the picture with the stepper; each decoder step equals float64', async () => {
    await w.locator('h3').click();
    for (let i = 1; i <= 4; i++) {
      for (let k = 1; k <= 5; k++) {
        await page.keyboard.press('ArrowRight');
        // One verified stop at a time (a loaded machine can drop quick key presses).
        await expect(counter).toContainText(`step ${5 * (i - 1) + k + 1} of 21`);
        if (i === 2 && k === 3) {
          // The weights stop: the fan lines from s₁ are the current part, the context box is not yet.
          await expect(d.locator('.wire.current[data-wire="alpha"]')).toHaveCount(4);
          await expect(d.locator('[data-vector="c0"]')).not.toHaveClass(/current/);
        }
        if (i === 2 && k === 4) await expect(d.locator('[data-vector="c0"]')).toHaveClass(/current/);
      }
      await expect(d).toHaveAttribute('aria-label', new RegExp(`decoder step ${i} `));
      await expect(d.locator('[data-vector="s0"]')).toHaveClass(/current/);
      expect.soft(await mismatches(d, reference(1), i), `step ${i}`).toEqual([]);
    }
  });

  await test.step('κ = 2 repaints the picture to the float64 walkthrough with κ = 2', async () => {
    await w.getByRole('textbox', { name: 'scale kappa of v_a' }).fill('2');
    await expect(w.locator('[data-symbol="kappa"]').first()).toHaveAttribute('data-value', '2');
    await expect.poll(() => mismatches(d, reference(2), 4)).toEqual([]);
  });

  await test.step('pointing at a fan line lights α in the step table and the all-steps matrix, and back', async () => {
    const stepCell = w.locator('td[data-symbol="alpha"][data-index="0,1"]');
    const allCell = w.locator('td[data-symbol="alpha_ij"][data-index="3,1"]');
    const label = d.locator('tspan.value[data-symbol="alpha"][data-index="0,1"]');
    await d.locator('.wire[tabindex="0"][data-wire="alpha"]').nth(1).hover();
    await expect(stepCell).toHaveClass(/\blit\b/);
    await expect(allCell).toHaveClass(/\blit\b/);
    await expect(w.locator('td[data-symbol="alpha_ij"].lit')).toHaveCount(1);
    await page.mouse.move(0, 0);
    await expect(label).not.toHaveClass(/\blit\b/);
    await allCell.hover();
    await expect(label).toHaveClass(/\blit\b/);
    await page.mouse.move(0, 0);
  });

  await test.step('the formula’s c chip, focused by keyboard, lights the picture’s context box', async () => {
    await w.locator('button.chip[data-symbol="c"]').focus();
    await expect(d.locator('[data-vector="c0"] text.value.lit')).toHaveCount(4);
  });
});
