import { expect, test } from '../../tests/e2e/guard.ts';
import { readValue, readyWidget } from '../../tests/e2e/widget-values.ts';

/**
 * The training lab trains in a Web Worker, so the page keeps drawing frames while both models train: the median
 * frame stays under 40 ms (training on the main thread would delay every frame by a chunk of steps, ≥ 40 ms).
 * A timing bound on a shared machine is a benchmark, so it lives here (`npm run bench`), not in the CI gate
 * (moved from tests/e2e/lab.spec.ts by issue 15). The log line has the real numbers.
 */
test('the worker keeps the page drawing frames while both models train', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/lab/');
  const lab = await readyWidget(page, 'training-lab');
  await lab.scrollIntoViewIfNeeded();
  await lab.locator('[data-action="run"]').click();
  await expect(lab.locator('[data-symbol="step"]')).not.toHaveAttribute('data-value', '0');
  const frames = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        let last = performance.now();
        const end = last + 4000;
        const tick = (t: number) => {
          out.push(t - last);
          last = t;
          if (t < end) requestAnimationFrame(tick);
          else resolve(out.slice(1));
        };
        requestAnimationFrame(tick);
      }),
  );
  const step = await readValue(lab, 'step');
  await lab.locator('[data-action="run"]').click();
  const sorted = [...frames].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  console.log(
    `lab frames while training: ${frames.length} in 4 s, p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${q(1).toFixed(1)} ms; ${step} steps`,
  );
  // Generous bounds: the machine shares 2 cores among many processes and the GPU process rasterizes with
  // SwiftShader on the CPU, so the tail depends on the load; the median frame is the property that holds anywhere.
  expect(q(0.5)).toBeLessThan(40);
  expect(q(0.9)).toBeLessThan(1500);
  expect(step).toBeGreaterThan(0);
});
