import { expect, test } from './guard.ts';
import { readyWidget } from './widget-values.ts';

/**
 * The Performance widget's views (engine, page weight, latency) stay built once shown: switching back shows the
 * same chart and table at once instead of drawing them again (74–93 ms at the 95th percentile when they were
 * rebuilt, bench/results/2026-12-06-afternoon.md). Only the chosen view is visible or in the accessibility tree.
 */
test('/performance/: a view shown before comes back as it was (same chart, not redrawn); only the chosen view is visible; latency shows all drawn beside paint', async ({
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

  // The latest run measured when each widget's whole picture was drawn (bench/site.ts, since 7 December): shown
  // beside the paint, and never before it, which it includes.
  await test.step('latency: all drawn p95 beside paint p95, never below it', async () => {
    await w.getByRole('radio', { name: 'Interaction latency' }).click();
    const table = w.getByRole('table', { name: 'Per widget, ms over 50 events' });
    await expect(table.getByRole('columnheader', { name: 'all drawn p95' })).toBeVisible();
    // Row by row (a widget id appears once per edition, so ids do not name a row).
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const cell = (key: string) => tr.querySelector(`td[data-symbol="latency.${key}"]`)?.getAttribute('data-value');
        return { widget: tr.querySelector('th')?.textContent ?? '', paint: cell('paintP95'), drawn: cell('drawnP95') };
      }),
    );
    const measured = rows.filter((r) => r.paint != null);
    expect(measured.length, 'the latest run measured widgets').toBeGreaterThan(40);
    for (const r of measured)
      expect(Number(r.drawn), `${r.widget}: drawn p95 ≥ paint p95 (${r.paint})`).toBeGreaterThanOrEqual(
        Number(r.paint),
      );
  });
});
