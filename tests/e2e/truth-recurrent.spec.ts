/**
 * What the recurrent chapters claim, checked on the page against float64
 * references: one page load per chapter, one soft expectation per claim.
 */
import type { Locator } from '@playwright/test';
import { gruPresets } from '../../components/state/gated-presets.ts';
import { gru64, mismatch, type RefWeights } from '../components/gated-reference.ts';
import { expect, test } from './guard.ts';
import { readyWidget } from './widget-values.ts';

/** Every `[data-symbol]` value inside `root`, keyed "symbol@index" (one DOM read). */
async function valuesIn(root: Locator): Promise<Map<string, number>> {
  const pairs = await root.evaluate((el) =>
    [...el.querySelectorAll('[data-symbol][data-value]')].map((n) => [
      `${n.getAttribute('data-symbol')}@${n.getAttribute('data-index') ?? ''}`,
      Number(n.getAttribute('data-value')),
    ]),
  );
  const out = new Map<string, number>();
  // The first occurrence wins, as with `.first()`: later copies (formulas, plots) repeat it.
  for (const [k, v] of pairs as [string, number][]) if (!out.has(k)) out.set(k, v);
  return out;
}

test('GRU: with r ≈ 0 and b_hn ≠ 0 the Cho and PyTorch candidates differ by the float64 amount', async ({ page }) => {
  await page.goto('/gru/');
  const w = await readyWidget(page, 'gru-cell');
  const preset = gruPresets().find((p) => p.id === 'reset-bias');
  expect(preset, 'a preset with r ≈ 0 and b_hn ≠ 0 exists').toBeDefined();
  if (!preset) return;
  const weights = structuredClone(preset.weights) as RefWeights;
  const xs = preset.inputs.map((r) => [...r]);

  await test.step('the prose states the true condition', async () => {
    const prose = (await page.locator('main').textContent()) ?? '';
    expect.soft(prose).not.toContain('agree whenever');
    expect.soft(prose).not.toContain('train equally well');
    expect.soft(prose).toContain('only if');
  });

  await test.step('step 1 under "reset-bias": both candidates equal the float64 reference and are apart', async () => {
    await w.getByRole('combobox', { name: 'Preset' }).selectOption('reset-bias');
    await expect(w.locator('p.hint')).toContainText('b_hn');
    const ref = gru64(weights, xs, 'cho')[0];
    const on = await valuesIn(w);
    const cho = [0, 1].map((k) => on.get(`h̃_cho@${k},0`) ?? Number.NaN);
    const torch = [0, 1].map((k) => on.get(`h̃_pytorch@${k},0`) ?? Number.NaN);
    expect.soft(mismatch(cho, ref?.cho ?? [])).toBe('');
    expect.soft(mismatch(torch, ref?.torch ?? [])).toBe('');
    for (const k of [0, 1]) {
      expect.soft(on.get(`r@0,${k}`) ?? 1, `r_1[${k}] is near 0`).toBeLessThan(0.002);
      expect.soft(Math.abs((cho[k] ?? 0) - (torch[k] ?? 0)), `unit ${k + 1} differs`).toBeGreaterThan(0.1);
    }
    await expect.soft(w.locator('[data-symbol="h̃_diff"]').first()).not.toHaveText('same');
  });

  await test.step('under the PyTorch candidate every step matches the float64 PyTorch GRU', async () => {
    await w.getByRole('radio', { name: /PyTorch/ }).check();
    const ref = gru64(weights, xs, 'pytorch');
    const on = await valuesIn(w);
    const problems = ref.map((s, t) =>
      mismatch(
        [0, 1].map((k) => on.get(`h@${t},${k}`) ?? Number.NaN),
        s.h,
        `h_${t + 1}`,
      ),
    );
    expect.soft(problems.filter(Boolean)).toEqual([]);
  });
});
