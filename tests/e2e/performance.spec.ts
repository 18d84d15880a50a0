import { expect, test } from './guard.ts';
import { readyWidget } from './widget-values.ts';

/**
 * The Performance widget's views (engine, page weight, latency) stay built once shown: switching back shows the
 * same chart and table at once instead of drawing them again (74–93 ms at the 95th percentile when they were
 * rebuilt, bench/results/2026-12-06-afternoon.md). Only the chosen view is visible or in the accessibility tree.
 */
test('/performance/: a view shown before comes back as it was (same chart, not redrawn); only the chosen view is visible', async ({
  page,
}) => {
  await page.goto('/performance/');
  const w = await readyWidget(page, 'performance-results');
  const views = w.locator('div.view');
  const radio = (name: string) => w.getByRole('radio', { name });
  await expect(w.locator('[data-symbol="view"]')).toHaveAttribute('data-value', 'engine');
  const engineChart = views.nth(0).locator('.plot-host > :first-child');
  await expect(engineChart).toBeVisible();
  await engineChart.evaluate((svg) => Object.assign(svg, { __seen: true }));

  await radio('Page weight').click();
  await expect(w.locator('[data-symbol="view"]')).toHaveAttribute('data-value', 'weight');
  await expect(views).toHaveCount(2);
  await expect(views.nth(0)).toBeHidden();
  await expect(views.nth(1).locator('table')).toBeVisible();
  await expect(w.getByRole('table')).toHaveCount(1);

  await radio('Engine vs TensorFlow.js').click();
  await expect(views.nth(1)).toBeHidden();
  await expect(engineChart).toBeVisible();
  expect(await engineChart.evaluate((svg) => (svg as unknown as { __seen?: boolean }).__seen), 'the same chart').toBe(
    true,
  );
});
