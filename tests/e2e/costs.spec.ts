import type { Locator } from '@playwright/test';
import { scaleInputs } from '~components/state/data/scale-mode-inputs.ts';
import { mismatch, TOLERANCE } from '../reference/float64/tolerance.ts';
import { expect, test } from './guard.ts';
import { linkStateOf, readValue, readyWidget, valuesOf } from './widget-values.ts';

/** The element's box once four reads 100 ms apart agree (layout settled after a redraw). */
async function settledBox(el: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let last = await el.boundingBox();
  let still = 0;
  await expect
    .poll(
      async () => {
        const now = await el.boundingBox();
        still = now !== null && JSON.stringify(now) === JSON.stringify(last) ? still + 1 : 0;
        last = now;
        return still >= 3;
      },
      { intervals: [100], message: 'the slider stops moving' },
    )
    .toBe(true);
  if (!last) throw new Error('no box');
  return last;
}

/** float64 reference of rows `rows` of A' = softmax(QKᵀ/√d) and O = A'V from the same generated inputs. */
function reference(n: number, seed: number, rows: number[]) {
  const { X, W_q, W_k, W_v, d } = scaleInputs(n, seed);
  const project = (W: Float32Array) =>
    Array.from({ length: n }, (_, i) =>
      Array.from({ length: d }, (_, c) => {
        let s = 0;
        for (let p = 0; p < d; p++) s += (X[i * d + p] as number) * (W[c * d + p] as number);
        return s;
      }),
    );
  const Q = project(W_q);
  const K = project(W_k);
  const V = project(W_v);
  return rows.map((i) => {
    const q = Q[i] as number[];
    const scores = K.map((k) => k.reduce((s, x, p) => s + x * (q[p] as number), 0) / Math.sqrt(d));
    const m = Math.max(...scores);
    const e = scores.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    const w = e.map((x) => x / z);
    const o = Array.from({ length: d }, (_, c) => w.reduce((s, x, j) => s + x * ((V[j] as number[])[c] as number), 0));
    return { i, w, o };
  });
}

/** RNN n·d², CNN k·n·d², self-attention n²·d. */
const counts = (n: number, d: number, k: number) => ({ rnn: n * d * d, cnn: k * n * d * d, sa: n * n * d });

test.describe('cost plot', () => {
  test('cost-plot readouts equal n·d², k·n·d² and n²·d, and follow typed d, k, n', async ({ page }) => {
    await page.goto('/costs/');
    const w = await readyWidget(page, 'cost-plot');
    // Waits for the recompute after typing (a read right after fill could see the old numbers), reading in one batch.
    const check = async (n: number, d: number, k: number) => {
      const want = counts(n, d, k);
      await expect
        .poll(() => valuesOf(w, ['cost_rnn', 'cost_cnn', 'cost_sa', 'cross_rnn', 'cross_cnn']))
        .toEqual([want.rnn, want.cnn, want.sa, d, k * d]);
    };
    await check(1024, 512, 3);
    await w.getByRole('textbox', { name: 'model width d' }).fill('64');
    await w.getByRole('textbox', { name: 'convolution width k' }).fill('5');
    await w.getByRole('textbox', { name: /sequence length n/ }).fill('100');
    await check(100, 64, 5);
  });

  test('cost-plot: "Include projections" moves the crossovers the readout names to every n and (k − 4)·d/2', async ({
    page,
  }) => {
    await page.goto('/costs/');
    const w = await readyWidget(page, 'cost-plot');
    const toggle = w.getByRole('checkbox', { name: /Include projections/ });
    await w.getByRole('textbox', { name: 'convolution width k' }).fill('8');
    await expect.poll(() => valuesOf(w, ['cross_rnn', 'cross_cnn'])).toEqual([512, 4096]);
    await expect(w.locator('[data-symbol="cross_rnn"]')).toHaveText('n > 512');
    await toggle.check();
    // With every product counted (2n²·d + 4n·d² against 2n·d² and k·n·d², worked out by hand here).
    const n = 1024;
    const d = 512;
    await expect
      .poll(() => valuesOf(w, ['cross_rnn', 'cross_cnn', 'cost_rnn', 'cost_cnn', 'cost_sa']))
      .toEqual([0, ((8 - 4) * d) / 2, 2 * n * d * d, 8 * n * d * d, 2 * n * n * d + 4 * n * d * d]);
    await expect(w.locator('[data-symbol="cross_rnn"]')).toHaveText('every n');
    await expect(w.locator('[data-symbol="cross_cnn"]')).toHaveText('n > 1024');
    // The sentence under the readout names both settings, whichever is on.
    await expect(w.locator('p.move')).toContainText('from n > 512 to every n');
    await expect(w.locator('p.move')).toContainText('from n > 4096 to n > 1024');
    await expect(w.locator('.plot-figure .sr-only').first()).toContainText('projections included');
    // The toggle is part of the link.
    await expect
      .poll(
        async () => linkStateOf(await page.evaluate(() => location.href), 'cost-plot')?.p,
        'the toggle written to the link',
      )
      .toBe(true);
    const url = await page.evaluate(() => location.href);
    await page.goto('about:blank');
    await page.goto(url);
    const again = await readyWidget(page, 'cost-plot');
    await expect(again.getByRole('checkbox', { name: /Include projections/ })).toBeChecked();
    await expect(again.locator('[data-symbol="cross_cnn"]')).toHaveAttribute('data-value', '1024');
    await again.getByRole('checkbox', { name: /Include projections/ }).uncheck();
    await expect(again.locator('[data-symbol="cross_cnn"]')).toHaveAttribute('data-value', '4096');
  });

  test('cost-plot measure times the CPU implementations and says so on the badge', async ({ page }) => {
    await page.goto('/costs/');
    const w = await readyWidget(page, 'cost-plot');
    await w.getByRole('button', { name: 'Measure' }).click();
    await expect(w.locator('[data-symbol="ms_sa"][data-index="1024"]')).toHaveCount(1, { timeout: 60_000 });
    await expect(w.locator('.badge')).toHaveAttribute('data-backend', 'cpu');
    for (const l of ['rnn', 'cnn', 'sa']) {
      const ms = Number(await w.locator(`[data-symbol="ms_${l}"][data-index="1024"]`).getAttribute('data-value'));
      expect(ms).toBeGreaterThan(0);
    }
    // n² against n: at the largest lengths self-attention grows faster than the recurrent layer.
    const sa = async (n: number) =>
      Number(await w.locator(`[data-symbol="ms_sa"][data-index="${n}"]`).getAttribute('data-value'));
    expect(await sa(1024)).toBeGreaterThan(2 * (await sa(256)));
  });

  test('cost-plot: keyboard alone changes d', async ({ page }) => {
    await page.goto('/costs/');
    const w = await readyWidget(page, 'cost-plot');
    const box = w.getByRole('textbox', { name: 'model width d' });
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await box.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => readValue(w, 'cross_rnn')).toBe(520);
  });

  test('cost-plot n slider is logarithmic: small n are reachable by pointer, keys step through round values', async ({
    page,
  }) => {
    await page.goto('/costs/');
    const w = await readyWidget(page, 'cost-plot');
    const slider = w.getByRole('slider', { name: /sequence length n/ });
    const n = () => readValue(w, 'cost_rnn').then((c) => c / (512 * 512));
    // A pointer a fifth of the way along lands on a two-digit n at most (the linear slider gave about 20 000).
    await slider.scrollIntoViewIfNeeded();
    const box = await settledBox(slider);
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height / 2);
    // Each read waits for the widget to recompute after the input (reading at once raced it in CI).
    await expect.poll(n).toBeLessThanOrEqual(20);
    // Measured again once it stops moving: the plot redraws after the first click, and the row moves and resizes
    // (a CI run clicked a stale box and landed on n ≈ 352 instead of ≈ 1000).
    const again = await settledBox(slider);
    await page.mouse.click(again.x + again.width * 0.6, again.y + again.height / 2);
    await expect.poll(n).toBeGreaterThanOrEqual(500);
    expect(await n()).toBeLessThanOrEqual(2000);
    // Keys step from the exact value to the round values beside it, and the exact value is shown.
    await w.getByRole('textbox', { name: /sequence length n/ }).fill('1024');
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(n).toBe(1000);
    await expect(w.getByRole('textbox', { name: /sequence length n/ })).toHaveValue('1000');
    await expect(slider).toHaveAttribute('aria-valuetext', '1,000');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(n).toBe(1500);
    await page.keyboard.press('PageDown');
    await expect.poll(n).toBe(150);
    await page.keyboard.press('Home');
    await expect.poll(n).toBe(1);
    await page.keyboard.press('ArrowRight');
    await expect.poll(n).toBe(2);
    await page.keyboard.press('End');
    await expect.poll(n).toBe(100_000);
    await expect(w.getByRole('textbox', { name: /sequence length n/ })).toHaveValue('100000');
  });

  test('cost-plot: an old link with an n between the slider stops keeps that exact n', async ({ page }) => {
    const link = Buffer.from(JSON.stringify({ n: 777 })).toString('base64url');
    await page.goto(`/costs/#w-cost-plot=${link}`);
    const w = await readyWidget(page, 'cost-plot');
    await expect(w.getByRole('textbox', { name: /sequence length n/ })).toHaveValue('777');
    await expect(w.getByRole('slider', { name: /sequence length n/ })).toHaveAttribute('aria-valuetext', '777');
    expect(await readValue(w, 'cost_sa')).toBe(777 * 777 * 512);
    await expect(w.locator('.messages')).toHaveCount(0);
    const bad = Buffer.from(JSON.stringify({ n: 200_000 })).toString('base64url');
    await page.goto('about:blank');
    await page.goto(`/costs/#w-cost-plot=${bad}`);
    const w2 = await readyWidget(page, 'cost-plot');
    await expect(w2.locator('.messages')).toContainText('“n” was invalid');
    await expect(w2.getByRole('textbox', { name: /sequence length n/ })).toHaveValue('1024');
  });

  test('cost-plot link state round-trips and a bad field falls back alone', async ({ page }) => {
    await page.goto('/costs/');
    const w = await readyWidget(page, 'cost-plot');
    await w.getByRole('textbox', { name: 'model width d' }).fill('128');
    await expect
      .poll(async () => linkStateOf(await page.evaluate(() => location.href), 'cost-plot')?.d, 'd written to the link')
      .toBe(128);
    const url = await page.evaluate(() => location.href);
    await page.goto('about:blank');
    await page.goto(url);
    const again = await readyWidget(page, 'cost-plot');
    await expect(again.locator('[data-symbol="cross_rnn"]')).toHaveAttribute('data-value', '128');
    const bad = Buffer.from(JSON.stringify({ d: 'wide', k: 7 })).toString('base64url');
    await page.goto('about:blank');
    await page.goto(`/costs/#w-cost-plot=${bad}`);
    const w3 = await readyWidget(page, 'cost-plot');
    await expect(w3.locator('.messages')).toContainText('“d” was invalid');
    await expect(w3.locator('[data-symbol="cross_rnn"]')).toHaveAttribute('data-value', '512');
    await expect(w3.locator('[data-symbol="cross_cnn"]')).toHaveAttribute('data-value', String(7 * 512));
    await page.goto('about:blank');
    await page.goto('/costs/#w-cost-plot=garbage!!');
    const w4 = await readyWidget(page, 'cost-plot');
    await expect(w4.locator('.messages')).toContainText('could not be read');
  });
});

test.describe('scale mode', () => {
  test('scale-mode at n = 1024 runs every op on WebGL2 and matches a float64 reference', async ({ page }) => {
    await page.goto('/costs/');
    const w = await readyWidget(page, 'scale-mode');
    await w.getByRole('button', { name: 'Compute' }).click();
    await expect(w.locator('[data-status]')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(w.locator('strong[data-backend]')).toHaveAttribute('data-backend', 'webgl2');
    await expect(w.locator('.badge')).toHaveAttribute('data-backend', 'webgl2');
    // Every op call of the run went to WebGL2 (the badge's detail lists op×count@backend via its tooltip lines).
    const tip = await w.locator('.badge .tip').textContent();
    expect(tip).toContain('WebGL2:');
    expect(tip).not.toContain('CPU:');
    const ref = reference(1024, 1, [0, 512, 1023]);
    const shown = (symbol: string, i: number, columns: number) =>
      Promise.all(
        Array.from({ length: columns }, async (_, j) =>
          Number(await w.locator(`[data-symbol="${symbol}"][data-index="${i},${j}"]`).getAttribute('data-value')),
        ),
      );
    for (const { i, w: weights, o } of ref) {
      expect(mismatch(await shown('Ap', i, 6), weights.slice(0, 6), TOLERANCE.large, `A'[${i}]`)).toBe('');
      expect(mismatch(await shown('O', i, 4), o.slice(0, 4), TOLERANCE.large, `O[${i}]`)).toBe('');
    }
    expect(await readValue(w, 'max_weight')).toBeGreaterThanOrEqual(Math.max(...ref.flatMap((r) => r.w)) - 1e-5);
    await w.getByRole('button', { name: 'Check against the CPU' }).click();
    await expect(w.locator('[data-check]')).toHaveAttribute('data-check', 'ok', { timeout: 60_000 });
    await expect(w.locator('canvas')).toHaveJSProperty('width', 1024);
  });

  test('scale-mode without WebGL2 computes on the CPU and shows the notice', async ({ page }) => {
    // A browser without WebGL2: both canvas kinds refuse the context, as they do where the GPU is blocklisted.
    await page.addInitScript(() => {
      for (const proto of [HTMLCanvasElement.prototype, OffscreenCanvas.prototype] as { getContext: unknown }[]) {
        const original = proto.getContext as (this: unknown, kind: string, ...rest: unknown[]) => unknown;
        proto.getContext = function (this: unknown, kind: string, ...rest: unknown[]) {
          return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
        };
      }
    });
    await page.goto('/costs/');
    const w = await readyWidget(page, 'scale-mode');
    await w.getByRole('combobox', { name: 'Tokens n' }).selectOption('128');
    await w.getByRole('button', { name: 'Compute' }).click();
    await expect(w.locator('[data-status]')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(w.locator('[data-notice="cpu"]')).toBeVisible();
    await expect(w.locator('strong[data-backend]')).toHaveAttribute('data-backend', 'cpu');
    await expect(w.locator('.badge')).toHaveAttribute('data-backend', 'cpu');
    const { w: weights, o } = reference(128, 1, [0])[0] as { w: number[]; o: number[] };
    const shown = async (symbol: string) =>
      Number(await w.locator(`[data-symbol="${symbol}"][data-index="0,0"]`).getAttribute('data-value'));
    expect(
      mismatch([await shown('Ap'), await shown('O')], [weights[0] as number, o[0] as number], TOLERANCE.large),
    ).toBe('');
  });

  test('scale-mode ?webgl2=off shows the CPU notice', async ({ page }) => {
    await page.goto(`/costs/?webgl2=off#w-scale-mode=${Buffer.from(JSON.stringify({ n: 64 })).toString('base64url')}`);
    const w = await readyWidget(page, 'scale-mode');
    await w.getByRole('button', { name: 'Compute' }).click();
    await expect(w.locator('[data-notice="cpu"]')).toContainText('?webgl2=off');
    await expect(w.locator('strong[data-backend]')).toHaveAttribute('data-backend', 'cpu');
  });

  test('scale-mode: keyboard alone picks n and computes; the link keeps n', async ({ page }) => {
    await page.goto('/costs/');
    const w = await readyWidget(page, 'scale-mode');
    const select = w.getByRole('combobox', { name: 'Tokens n' });
    await select.focus();
    await page.keyboard.press('Home');
    await expect(select).toHaveValue('64');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(w.locator('[data-status]')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(w.locator('canvas')).toHaveJSProperty('width', 64);
    await w.getByRole('button', { name: 'Share' }).click();
    await expect.poll(() => page.url()).toContain('w-scale-mode=');
    const url = await page.evaluate(() => location.href);
    await page.goto('about:blank');
    await page.goto(url);
    const again = await readyWidget(page, 'scale-mode');
    await expect(again.getByRole('combobox', { name: 'Tokens n' })).toHaveValue('64');
    const bad = Buffer.from(JSON.stringify({ n: 100, s: 3 })).toString('base64url');
    await page.goto('about:blank');
    await page.goto(`/costs/#w-scale-mode=${bad}`);
    const w3 = await readyWidget(page, 'scale-mode');
    await expect(w3.locator('.messages')).toContainText('“n” was invalid');
    await expect(w3.getByRole('combobox', { name: 'Tokens n' })).toHaveValue('1024');
  });
});
