import type { Locator } from '@playwright/test';
import { Trainer } from '~engine/index.ts';
import type { LabSettings } from '~components/widgets/lab/protocol.ts';
import { trainerConfig } from '~components/widgets/lab/session.ts';
import { expectAllClose } from './expect-close.ts';
import { expect, test } from './guard.ts';
import { readValue, readyWidget } from './widget-values.ts';

/*
 * The lab's Transformer option: the worker trains the engine's Transformer
 * (the losses it shows are the engine's, step for step) beside its GRU +
 * Bahdanau twin, its cross-attention map rows are distributions over the
 * source, and the committed pretrained Transformer reverses 8 digits.
 * One page load; the checks are steps.
 */
const settings: LabSettings = {
  task: 'reverse',
  attention: 'transformer',
  embed: 8,
  hidden: 8,
  minLen: 3,
  maxLen: 5,
  lr: 0.01,
  batch: 16,
  seed: 1,
  compare: true,
  stopAt: 12,
};
const state = { att: 'transformer', lo: 3, hi: 5, E: 8, H: 8, B: 16, seed: 1, cmp: true, stop: 12 };

async function lossTable(lab: Locator): Promise<number[]> {
  const details = lab.locator('details').filter({ hasText: 'Numbers behind the charts' });
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  const cells = lab.locator('[data-symbol="loss_at"]');
  await expect(cells).toHaveCount(12);
  return (await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-value')))).map(Number);
}

test('lab Transformer: trains the engine’s Transformer beside the GRU twin, shows its cross-attention, loads the pretrained one', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto(`/lab/#w-training-lab=${Buffer.from(JSON.stringify(state)).toString('base64url')}`);
  const lab = await readyWidget(page, 'training-lab');

  await test.step('a 12-step run shows the engine’s Transformer losses and a twin loss', async () => {
    await expect(lab.getByLabel('attention', { exact: true })).toHaveValue('transformer');
    await lab.locator('[data-action="run"]').click();
    await expect(lab.locator('[data-symbol="step"]')).toHaveAttribute('data-value', '12', { timeout: 180_000 });
    const got = await lossTable(lab);
    // The same engine in Node, not an independent reference: this checks that the page's worker trains the
    // Transformer exactly as the engine does (settings, seed, batches reach it). The layer's maths is checked
    // against float64 in transformer.spec.ts and the engine's unit tests; the GRU model's training against its
    // TensorFlow.js twin in lab.spec.ts.
    const reference = new Trainer(trainerConfig(settings));
    const want = Array.from({ length: 12 }, () => reference.stepOnce().loss);
    expectAllClose(got, want, 'losses of 12 steps');
    expect.soft(Number.isFinite(await readValue(lab, 'twin_loss'))).toBe(true);
  });

  await test.step('the accuracy-by-length key says neither model has reached 95% yet, as their accuracies say', async () => {
    await expect(lab.locator('[data-symbol="accuracy"]')).toBeVisible();
    const model = await readValue(lab, 'accuracy');
    const twin = await readValue(lab, 'twin_accuracy');
    expect(Math.max(model, twin)).toBeLessThan(0.95);
    const reach = lab.locator('[data-symbol="reach"]');
    await expect(reach).toHaveText(['not yet at 95%', 'not yet at 95%']);
    await expect(
      lab.getByRole('heading', { name: /Transformer against Bahdanau attention, and time to 95%/ }),
    ).toBeVisible();
  });

  await test.step('the cross-attention map rows sum to 1 over the source', async () => {
    const cells = lab.locator('[data-symbol="alpha"]');
    await expect(cells.first()).toBeAttached();
    const entries = await cells.evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-index') ?? '', Number(e.getAttribute('data-value'))] as const),
    );
    const rows = new Map<string, number>();
    for (const [index, v] of entries) {
      const r = index.split(',')[0] ?? '';
      rows.set(r, (rows.get(r) ?? 0) + v);
    }
    expect(rows.size).toBeGreaterThan(0);
    for (const total of rows.values()) expect.soft(Math.abs(total - 1)).toBeLessThan(1e-5);
  });

  await test.step('the pretrained reverse8-transformer reverses 12345678', async () => {
    await lab.getByLabel('pretrained', { exact: true }).selectOption('reverse8-transformer');
    await lab.locator('[data-action="load-pretrained"]').click();
    await expect(lab.getByText(/Loaded pretrained “reverse8-transformer”/)).toBeVisible();
    await lab.getByLabel('Your input', { exact: true }).fill('12345678');
    await lab.getByLabel('Your input', { exact: true }).press('Enter');
    await expect(lab.locator('[data-symbol="greedy"]')).toHaveAttribute('data-value', '8 7 6 5 4 3 2 1');
  });

  await test.step('the loaded Transformer is at ≥ 95% on 8 digits, and the key says so at its step 125', async () => {
    await expect(lab.locator('[data-symbol="accuracy"]')).toBeVisible();
    await expect(
      lab.getByRole('region', { name: 'Accuracy over training steps' }).getByText('at step 125'),
    ).toBeVisible();
    expect(await readValue(lab, 'accuracy')).toBeGreaterThanOrEqual(0.95);
    const reach = lab.locator('[data-symbol="reach"]');
    await expect(reach).toHaveText(['95% or more as loaded (step 125)']);
    await expect(reach).toHaveAttribute('data-step', '125');
  });
});
