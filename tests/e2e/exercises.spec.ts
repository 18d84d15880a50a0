import type { Locator, Page } from '@playwright/test';
import { axeViolations } from './axe-run.ts';
import { expect, test } from './guard.ts';
import { fontsAndFrames, shootAndCompare } from './visual-snapshot.ts';
import { readyWidget } from './widget-values.ts';

/** An exercise by id, hydrated (client:visible: scrolled to first) and loaded from its chapter's module. */
async function exercise(page: Page, id: string): Promise<Locator> {
  const root = page.locator(`[data-exercise="${id}"]`);
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-loaded', '');
  return root;
}

test('LSTM exercises: a challenge checks the live widget, a prediction and an open question answer by keyboard', async ({
  page,
}) => {
  await page.goto('/lstm/');
  const widget = await readyWidget(page, 'lstm-cell');

  await test.step('keep x₁: Set up fails the check, Show me passes it and marks it solved', async () => {
    const ex = await exercise(page, 'lstm-keep-x1');
    await expect.soft(ex).toHaveAttribute('data-state', 'open');
    // The widget's own default ("write once, read later") does not solve it either: h is 0 until step 6.
    await expect.soft(ex.locator('[data-check]')).toHaveAttribute('data-check', 'fail');
    await ex.getByRole('button', { name: 'Set up' }).click();
    await expect.soft(widget.getByRole('combobox', { name: 'Preset' })).toHaveValue('forget');
    await expect.soft(ex.locator('[data-check]')).toHaveAttribute('data-check', 'fail');
    await ex.getByRole('button', { name: 'Hint' }).click();
    await expect.soft(ex.locator('.hints li')).toHaveCount(1);
    await ex.getByRole('button', { name: 'Show me' }).click();
    await expect.soft(ex.locator('[data-check]')).toHaveAttribute('data-check', 'pass');
    await expect.soft(ex).toHaveAttribute('data-state', 'solved');
    await expect.soft(ex.getByRole('status')).toContainText('Solved (with “Show me”)');
    // The solution is in the widget itself: its forget gate at step 6 is open (σ(8) ≈ 0.9997).
    const f6 = Number(await widget.locator('td[data-symbol="f"][data-index="5,0"]').getAttribute('data-value'));
    expect.soft(f6).toBeGreaterThan(0.999);
  });

  await test.step('a number prediction: nonsense is refused with a message, an answer reveals the computed one', async () => {
    const ex = await exercise(page, 'lstm-halving');
    const input = ex.getByRole('textbox', { name: 'Your prediction' });
    await input.focus();
    await page.keyboard.type('about half');
    await page.keyboard.press('Enter');
    await expect.soft(ex.getByRole('status')).toContainText('Type a number');
    await expect.soft(input).toHaveAttribute('aria-invalid', 'true');
    await expect.soft(ex).toHaveAttribute('data-state', 'open');
    await input.fill('0.9');
    await page.keyboard.press('Enter');
    await expect.soft(ex).toHaveAttribute('data-state', 'solved');
    await expect.soft(ex.getByRole('status')).toContainText('Not quite.');
    // c₆ = 0.5⁵ c₁ with c₁ = σ(6)·tanh(1.5), computed here in float64 against the engine's float32.
    const c1 = (1 / (1 + Math.exp(-6))) * Math.tanh(1.5);
    const shown = Number(await ex.locator('[data-symbol="answer"]').getAttribute('data-value'));
    expect.soft(Math.abs(shown - c1 / 32)).toBeLessThan(1e-5);
  });

  await test.step('a count prediction answered right; an open question revealed by keyboard', async () => {
    const ex = await exercise(page, 'lstm-param-count');
    await ex.getByRole('textbox', { name: 'Your prediction' }).fill('20');
    await ex.getByRole('button', { name: 'Check' }).click();
    await expect.soft(ex.getByRole('status')).toContainText('Right.');
    const open = await exercise(page, 'lstm-why-positive-bias');
    await open.getByRole('textbox', { name: /Your answer/ }).fill('It halves.');
    const reveal = open.getByRole('button', { name: 'Show a model answer' });
    await reveal.focus();
    await page.keyboard.press('Enter');
    await expect
      .soft(open.getByRole('button', { name: 'Hide the model answer' }))
      .toHaveAttribute('aria-expanded', 'true');
    await expect.soft(open.locator('.reveal')).toBeVisible();
    await expect.soft(open).toHaveAttribute('data-state', 'solved');
  });

  await test.step('progress survives a reload', async () => {
    await page.reload();
    for (const id of ['lstm-keep-x1', 'lstm-halving', 'lstm-param-count', 'lstm-why-positive-bias']) {
      await expect.soft(await exercise(page, id)).toHaveAttribute('data-state', 'solved');
    }
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('stepwise:exercises:v1') ?? '{}'));
    expect
      .soft(Object.keys(stored).sort())
      .toEqual(['lstm-halving', 'lstm-keep-x1', 'lstm-param-count', 'lstm-why-positive-bias'].sort());
    expect.soft(stored['lstm-halving'].correct).toBe(false);
    expect.soft(stored['lstm-param-count'].correct).toBe(true);
  });

  await test.step('the progress page counts them, exports them, and its reset clears them', async () => {
    await page.getByRole('link', { name: 'Progress' }).click();
    const root = page.locator('.progress[data-ready]');
    await expect(root).toBeVisible();
    const lstm = root.locator('[data-progress-chapter="lstm"]');
    await expect.soft(lstm.locator('[data-state="solved"]')).toHaveCount(4);
    const download = page.waitForEvent('download');
    await root.getByRole('button', { name: 'Export as JSON' }).click();
    const file = await download;
    expect.soft(file.suggestedFilename()).toBe('stepwise-progress.json');
    const text = await (await file.createReadStream()).toArray();
    const json = JSON.parse(Buffer.concat(text).toString('utf8'));
    expect.soft(Object.keys(json.exercises)).toHaveLength(4);
    page.once('dialog', (d) => d.accept());
    await root.getByRole('button', { name: 'Reset progress' }).click();
    await expect.soft(root.locator('[data-symbol="done"]')).toHaveAttribute('data-value', '0');
    await page.goto('/lstm/');
    await expect.soft(await exercise(page, 'lstm-keep-x1')).toHaveAttribute('data-state', 'open');
    expect.soft(await page.evaluate(() => localStorage.getItem('stepwise:exercises:v1'))).toBeNull();
  });
});

test('an embedded challenge (/embed/lstm-cell/?challenge=lstm-keep-x1) starts from its starting state and Show me solves it', async ({
  page,
}) => {
  await page.goto('/embed/lstm-cell/?challenge=lstm-keep-x1');
  const widget = await readyWidget(page, 'lstm-cell');
  const ex = page.locator('[data-exercise="lstm-keep-x1"]');
  await expect(ex).toHaveAttribute('data-loaded', '');
  // An embed shows one view at a time (tabs): the preset sits with the weights, as a reader finds it.
  await widget.getByRole('tab', { name: 'Weights' }).click();
  await expect.soft(widget.getByRole('combobox', { name: 'Preset' })).toHaveValue('forget');
  await expect.soft(ex.locator('[data-check]')).toHaveAttribute('data-check', 'fail');
  await ex.getByRole('button', { name: 'Show me' }).click();
  await expect.soft(ex).toHaveAttribute('data-state', 'solved');
  await expect.soft(ex.getByRole('link', { name: 'the chapter' })).toHaveAttribute('href', '/lstm/');
});

for (const theme of ['light', 'dark'] as const) {
  test(`exercises have no axe violations, open and answered, in the ${theme} theme, and fit 375 px`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/lstm/');
    await readyWidget(page, 'lstm-cell');
    const ids = ['lstm-param-count', 'lstm-why-positive-bias', 'lstm-halving', 'lstm-keep-x1'];
    for (const id of ids) await exercise(page, id);
    const scan = async (when: string) => {
      expect.soft(await axeViolations(page, when, { include: ['[data-exercise]'] })).toEqual([]);
    };
    await scan('open');
    const keep = await exercise(page, 'lstm-keep-x1');
    await keep.getByRole('button', { name: 'Hint' }).click();
    await keep.getByRole('button', { name: 'Show me' }).click();
    const halving = await exercise(page, 'lstm-halving');
    await halving.getByRole('textbox').fill('0.03');
    await halving.getByRole('button', { name: 'Check' }).click();
    await (await exercise(page, 'lstm-why-positive-bias')).getByRole('button', { name: 'Show a model answer' }).click();
    await expect(page.locator('[data-exercise][data-state="solved"]')).toHaveCount(3);
    await scan('answered');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect.soft(overflow, 'the page is wider than the screen').toBeLessThanOrEqual(0);
  });
}

for (const width of [1280, 375] as const) {
  test.describe(`exercise snapshots at ${width}`, () => {
    test.use({
      viewport: { width, height: 800 },
      deviceScaleFactor: 1,
      reducedMotion: 'reduce',
      colorScheme: 'light',
      bypassCSP: true,
    });
    test(`a prediction, a challenge and an open question match their ${width} baselines`, async ({ page }) => {
      await page.goto('/lstm/');
      await readyWidget(page, 'lstm-cell');
      const problems: string[] = [];
      const shots = [
        { id: 'lstm-halving', kind: 'predict' },
        { id: 'lstm-keep-x1', kind: 'challenge' },
        { id: 'lstm-why-positive-bias', kind: 'open' },
      ];
      for (const { id, kind } of shots) {
        const ex = await exercise(page, id);
        if (kind === 'challenge') {
          await ex.getByRole('button', { name: 'Set up' }).click();
          await ex.getByRole('button', { name: 'Hint' }).click();
          await expect(ex.locator('[data-check]')).toHaveAttribute('data-check', 'fail');
        }
        await fontsAndFrames(page);
        const name = `exercise-${kind}-${width}-light`;
        const v = await shootAndCompare(ex, name);
        if (v.problem) problems.push(v.problem);
      }
      expect(problems).toEqual([]);
    });
  });
}

// Each challenge on its widget's embed page (/embed/<widget>/?challenge=<id>, the link an instructor shares): the
// same exercise and widget code as in the chapter (the LSTM test above walks one there), without loading and
// hydrating the whole chapter for each of the twelve.
test('Show me solves each challenge on its live widget: naive softmax, memory, seq2seq, Bahdanau, self-attention, multi-head, scores, decoding, positions and masks, transformer', async ({
  page,
}) => {
  for (const { path, widget, id } of [
    { path: '/start-here/', widget: 'softmax', id: 'start-here-naive-overflow' },
    { path: '/memory/', widget: 'rnn-memory', id: 'memory-blind-spot' },
    { path: '/seq2seq/', widget: 'encoder-bottleneck', id: 'seq2seq-keep-the-first' },
    { path: '/bahdanau/', widget: 'bahdanau', id: 'bahdanau-uniform' },
    { path: '/self-attention/', widget: 'self-attention', id: 'self-attention-look-at-a' },
    { path: '/multi-head/', widget: 'multi-head', id: 'multi-head-previous' },
    { path: '/scores/', widget: 'score-functions', id: 'scores-make-them-agree' },
    { path: '/decoding/', widget: 'decoding-search', id: 'decoding-smallest-alpha' },
    { path: '/decoding/', widget: 'decoding-search', id: 'decoding-sample-greedily' },
    { path: '/positions-masks/', widget: 'positional-encoding', id: 'positions-masks-almost-repeat' },
    { path: '/positions-masks/', widget: 'self-attention', id: 'positions-masks-causal-average' },
    { path: '/transformer/', widget: 'transformer-block', id: 'transformer-erase-the-tokens' },
  ]) {
    await test.step(`${id} (${path})`, async () => {
      await page.goto(`/embed/${widget}/?challenge=${id}`);
      await readyWidget(page, widget);
      const ex = await exercise(page, id);
      await ex.getByRole('button', { name: 'Set up' }).click();
      await expect.soft(ex.locator('[data-check]')).toHaveAttribute('data-check', 'fail');
      await ex.getByRole('button', { name: 'Show me' }).click();
      await expect.soft(ex.locator('[data-check]')).toHaveAttribute('data-check', 'pass');
      await expect.soft(ex).toHaveAttribute('data-state', 'solved');
    });
  }
});

test('the lab challenge: Set up gives the live lab a learning rate of 0.5 and fails until trained; Show me sets 0.01 without the twin', async ({
  page,
}) => {
  await page.goto('/lab/');
  const lab = await readyWidget(page, 'training-lab');
  const ex = await exercise(page, 'lab-reach-95');
  const rate = lab.getByLabel('learning rate (Adam)');
  await ex.getByRole('button', { name: 'Set up' }).click();
  await expect.soft(rate).toHaveValue('0.5');
  await expect.soft(ex.locator('[data-check]')).toHaveAttribute('data-check', 'fail');
  await expect.soft(ex.locator('[data-check]')).toContainText('no evaluation of trained weights yet');
  await ex.getByRole('button', { name: 'Show me' }).click();
  await expect.soft(rate).toHaveValue('0.01');
  await expect.soft(lab.getByRole('checkbox', { name: /also train the/ })).not.toBeChecked();
  // Show me only sets the lab up: the reader still has to train it, so the challenge stays open.
  await expect.soft(ex).toHaveAttribute('data-state', 'open');
});

test('on a Chinese page (/zh/lstm/) the exercises read in Chinese and a check words its detail in Chinese; /lstm/ loads no translation', async ({
  page,
}) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto('/lstm/');
  await readyWidget(page, 'lstm-cell');
  for (const id of ['lstm-keep-x1', 'lstm-why-positive-bias']) await exercise(page, id);
  expect.soft(fetched.filter((u) => /exercises\.zh|translation/.test(u))).toEqual([]);

  await page.goto('/zh/lstm/');
  await readyWidget(page, 'lstm-cell');
  const han = /\p{Script=Han}/u;
  const keep = await exercise(page, 'lstm-keep-x1');
  await expect.soft(keep.locator('.title')).toHaveText('把 x₁ 保持六步');
  await expect.soft(keep.locator('[data-check]')).toContainText(han);
  // The buttons in order: Set up, Hint, Show me (named by the catalog in the page's language).
  const buttons = keep.locator('.row button');
  await buttons.nth(0).click();
  await expect.soft(keep.locator('[data-check]')).toHaveAttribute('data-check', 'fail');
  await buttons.nth(1).click();
  await expect.soft(keep.locator('.hints li')).toContainText('遗忘门是 f = σ(');
  await buttons.nth(2).click();
  await expect.soft(keep.locator('[data-check]')).toHaveAttribute('data-check', 'pass');
  await expect.soft(keep.locator('[data-check]')).toContainText('保住了');
  await expect.soft(keep.locator('.reveal')).toContainText('记忆元的更新');
  const open = await exercise(page, 'lstm-why-positive-bias');
  await expect.soft(open).toContainText('遗忘门的偏置初始化为 1 或更大');
});
