import type { Locator, Page } from '@playwright/test';
import { close } from '../reference/float64/tolerance.ts';
import { expect, test } from './guard.ts';
import { linkStateOf, readValue, readyWidget } from './widget-values.ts';

interface Net {
  variant: 'elman' | 'jordan';
  inputs: number[][];
  W_ih: number[][];
  W_hh: number[][];
  W_y: number[][];
}
const ones = () => [
  [1, 1],
  [1, 1],
];
const worked = (): Net => ({
  variant: 'elman',
  inputs: [
    [1, 1],
    [1, 1],
    [2, 2],
  ],
  W_ih: ones(),
  W_hh: ones(),
  W_y: ones(),
});

/** Independent float64 reference of the linear memory network (biases 0): outputs y_t per step. */
function outputs64(n: Net): number[][] {
  const mv = (m: number[][], v: number[]) => m.map((row) => row.reduce((s, w, j) => s + w * (v[j] ?? 0), 0));
  let h = [0, 0];
  let y = [0, 0];
  return n.inputs.map((x) => {
    const mem = n.variant === 'jordan' ? y : h;
    const a = mv(n.W_ih, x);
    const b = mv(n.W_hh, mem);
    h = a.map((v, i) => v + (b[i] ?? 0));
    y = mv(n.W_y, h);
    return y;
  });
}

/** y_t as the steps table shows it (data-value, both entries). */
async function outputAt(w: Locator, t: number): Promise<number[]> {
  const out: number[] = [];
  for (const i of [0, 1]) {
    const raw = await w.locator(`[data-symbol="y_${t}"][data-index="${i}"]`).first().getAttribute('data-value');
    out.push(Number(raw));
  }
  return out;
}

/** Every output so far, after jumping to the last step with the End key on the widget. */
async function allOutputs(w: Locator, count: number): Promise<number[][]> {
  await w.focus();
  await w.press('End');
  await expect(w.locator(`[data-symbol="y_${count}"]`).first()).toBeVisible();
  const ys: number[][] = [];
  for (let t = 1; t <= count; t++) ys.push(await outputAt(w, t));
  return ys;
}

const expectClose = (got: number[][], want: number[][]) => {
  expect(got.length).toBe(want.length);
  got.forEach((row, t) => {
    row.forEach((g, i) => {
      const ref = want[t]?.[i] ?? Number.NaN;
      expect(Math.abs(g - ref), `y_${t + 1}[${i}]: got ${g}, want ${ref}`).toBeLessThanOrEqual(
        1e-5 * Math.max(1, Math.abs(ref)),
      );
    });
  });
};

async function memoryWidget(page: Page, hash = ''): Promise<Locator> {
  await page.goto(`/memory/${hash}`);
  return readyWidget(page, 'rnn-memory');
}

test('the memory widget’s scratchpad evaluates in a worker: W_y·h_t matches the reference and follows an edit; the page never runs mathjs', async ({
  page,
}) => {
  const w = await memoryWidget(page);
  const box = w.getByRole('textbox', { name: /Scratchpad/ });
  const out = w.locator('.scratchpad output');
  const shown = async () => {
    // The answer to the latest values: the result is busy while a newer question is with the worker.
    await expect(out).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
    return JSON.parse((await out.locator('[data-symbol="scratch"]').getAttribute('data-value')) ?? 'null');
  };
  await box.fill('W_y * h_t');
  // Step 1 of the worked example: y_1 = W_y h_1.
  expectClose([await shown()], outputs64(worked()).slice(0, 1));
  const cell = w.getByRole('grid', { name: /W_ih/ }).locator('[data-index="0,0"]');
  await cell.focus();
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAttribute('data-value', '3');
  const edited = worked();
  edited.W_ih[0] = [3, 1];
  await expect.poll(async () => JSON.stringify(await shown())).toBe(JSON.stringify(outputs64(edited)[0]));
  // mathjs (about 110 KB gzipped, 0.4 s to build its instance here) is fetched and run by the worker only.
  const onPage = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((u) => /\/_astro\/math\.[^/]*\.js$/.test(u)),
  );
  expect(onPage, 'mathjs chunks the page itself fetched').toEqual([]);
  expect(page.workers().length, 'workers on the page').toBeGreaterThan(0);
});

test('RnnMemory steps 1–3 of the worked example show y = [4,4], [12,12], [32,32]', async ({ page }) => {
  const w = await memoryWidget(page);
  expect(await outputAt(w, 1)).toEqual([4, 4]);
  await w.getByRole('button', { name: /Next/ }).click();
  expect(await outputAt(w, 2)).toEqual([12, 12]);
  await w.getByRole('button', { name: /Next/ }).click();
  expect(await outputAt(w, 3)).toEqual([32, 32]);
  expectClose(await allOutputs(w, 3), outputs64(worked()));
  // The live formula and the sketch show the current step's output too.
  expect(await readValue(w, 'y_t')).toBe(32);
});

test('typing into W_hh[0][0] with the keyboard changes the outputs to the float64 reference', async ({ page }) => {
  const w = await memoryWidget(page);
  const cell = w.getByRole('grid', { name: 'Memory weights W_hh' }).locator('[data-index="0,0"]');
  await cell.focus();
  await page.keyboard.type('2.5');
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAttribute('data-value', '2.5');
  const net = worked();
  net.W_hh[0] = [2.5, 1];
  expectClose(await allOutputs(w, 3), outputs64(net));
});

test('moving the last input to the front changes the last output as the reference says ([44,44])', async ({ page }) => {
  const w = await memoryWidget(page);
  await w.focus();
  await w.press('End');
  await w.getByRole('button', { name: /Move x₃ one step earlier/ }).click();
  await w.getByRole('button', { name: /Move x₂ one step earlier/ }).click();
  const net = worked();
  net.inputs = [
    [2, 2],
    [1, 1],
    [1, 1],
  ];
  const got = await allOutputs(w, 3);
  expectClose(got, outputs64(net));
  expect(got[2]).toEqual([44, 44]);
  await w.getByRole('button', { name: 'Add step' }).click();
  net.inputs.push([1, 1]);
  expectClose(await allOutputs(w, 4), outputs64(net));
});

test('the keyboard alone reaches the memory widget and switches it to Jordan (outputs 4, 20, 88)', async ({ page }) => {
  const w = await memoryWidget(page);
  const elman = w.getByRole('radio', { name: /Elman/ });
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await elman.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'Tab reaches the Elman/Jordan choice').toBe(true);
  await page.keyboard.press('ArrowRight');
  await expect(w.getByRole('radio', { name: /Jordan/ })).toBeChecked();
  const net = worked();
  net.variant = 'jordan';
  expectClose(await allOutputs(w, 3), outputs64(net));
  expect(await outputAt(w, 3)).toEqual([88, 88]);
  await expect(w.locator('th', { hasText: 'y(t−1)' })).toBeVisible();
});

test('the memory widget’s URL state round-trips: reload shows the same numbers', async ({ page }) => {
  const w = await memoryWidget(page);
  const cell = w.getByRole('grid', { name: 'Input weights W_ih' }).locator('[data-index="1,0"]');
  await cell.focus();
  await page.keyboard.type('-0.5');
  await page.keyboard.press('Enter');
  const before = await allOutputs(w, 3);
  // The link is written a moment after each change (debounced): wait until it holds the edit, then compare every
  // output after jumping to the end on both sides (the step in the link may or may not have caught up with End).
  const href = () => page.evaluate(() => location.href);
  await expect
    .poll(async () => (linkStateOf(await href(), 'rnn-memory')?.Wi as number[][] | undefined)?.[1]?.[0], 'W_ih[1,0]')
    .toBe(-0.5);
  const url = await href();
  await page.goto('about:blank');
  await page.goto(url);
  const again = await readyWidget(page, 'rnn-memory');
  expect(await allOutputs(again, 3)).toEqual(before);
});

test('a broken memory link shows a message and the worked example; one bad field falls back alone', async ({
  page,
}) => {
  let w = await memoryWidget(page, '#w-rnn-memory=garbage!');
  await expect(w.getByText('could not be read')).toBeVisible();
  expectClose(await allOutputs(w, 3), outputs64(worked()));

  const code = Buffer.from(
    JSON.stringify({
      v: 'jordan',
      Wh: [
        [1, 'x'],
        [1, 1],
      ],
    }),
  ).toString('base64url');
  await page.goto('about:blank');
  w = await memoryWidget(page, `#w-rnn-memory=${code}`);
  await expect(w.getByText('“Wh” was invalid')).toBeVisible();
  const net = worked();
  net.variant = 'jordan';
  expectClose(await allOutputs(w, 3), outputs64(net));
});

test('GradientFlow with zero inputs gives ‖∂h_T/∂h_0‖ = w^T for w = 0.5 and w = 1.5', async ({ page }) => {
  await page.goto('/memory/');
  const g = await readyWidget(page, 'gradient-flow');
  await g.getByRole('textbox', { name: 'input scale' }).fill('0');
  for (const w of [0.5, 1.5]) {
    await g.getByRole('textbox', { name: 'recurrent weight w' }).fill(String(w));
    const want = w ** 40;
    await expect.poll(async () => close(await readValue(g, 'grad_rnn_0'), want, { rtol: 1e-5, atol: 0 })).toBe(true);
  }
  await g.getByRole('textbox', { name: /clipping threshold/ }).fill('5');
  // Clipping scales the whole gradient of h_T: here only the biases' parts are non-zero, each Σ 1.5^k.
  const norm = Math.SQRT2 * ((1.5 ** 40 - 1) / 0.5);
  const clipped = 1.5 ** 40 * (5 / norm);
  await expect.poll(async () => Math.abs((await readValue(g, 'grad_rnn_clipped_0')) - clipped)).toBeLessThan(1e-4);
});

test('GradientFlow says "below 1e-30" when w = 0 and moves by keyboard on the w slider', async ({ page }) => {
  await page.goto('/memory/');
  const g = await readyWidget(page, 'gradient-flow');
  const slider = g.getByRole('slider', { name: /recurrent weight w/ });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(g.locator('[data-symbol="grad_rnn_0"]')).toContainText('below 1e-30');
  expect(await readValue(g, 'grad_rnn_0')).toBe(0);
  await page.keyboard.press('ArrowRight');
  await expect(g.locator('[data-symbol="w"]')).toHaveAttribute('data-value', '0.01');
  // 0.01^40 underflows float32 too: still said in words, not drawn as a number.
  await expect(g.locator('[data-symbol="grad_rnn_0"]')).toContainText('below 1e-30');
  await page.keyboard.press('End');
  await expect(g.locator('[data-symbol="w"]')).toHaveAttribute('data-value', '2');
  await expect.poll(() => readValue(g, 'grad_rnn_0')).toBeGreaterThan(0);
  await expect(g.locator('[data-symbol="grad_rnn_0"]')).not.toContainText('below');
});

test('the gradient widget’s URL state round-trips and a bad field falls back alone', async ({ page }) => {
  await page.goto('/memory/');
  let g = await readyWidget(page, 'gradient-flow');
  await g.getByRole('textbox', { name: 'recurrent weight w' }).fill('1.2');
  await g.getByRole('textbox', { name: 'steps T' }).fill('60');
  // Wait until the link holds both edits (it is written a moment after the last one), then read.
  const linked = () => {
    const code = new URL(page.url()).hash.match(/w-gradient-flow=([^&]*)/)?.[1] ?? '';
    return code === '' ? {} : JSON.parse(Buffer.from(code, 'base64url').toString());
  };
  await expect.poll(linked).toMatchObject({ w: 1.2, T: 60 });
  const before = await readValue(g, 'grad_rnn_0');
  const url = await page.evaluate(() => location.href);
  await page.goto('about:blank');
  await page.goto(url);
  g = await readyWidget(page, 'gradient-flow');
  expect(await readValue(g, 'grad_rnn_0')).toBe(before);

  const code = Buffer.from(JSON.stringify({ w: 9, T: 10, s: 0 })).toString('base64url');
  await page.goto('about:blank');
  await page.goto(`/memory/#w-gradient-flow=${code}`);
  g = await readyWidget(page, 'gradient-flow');
  await expect(g.getByText('“w” was invalid')).toBeVisible();
  // w falls back to 0.9 while T = 10 and zero inputs are kept: 0.9^10.
  await expect.poll(async () => close(await readValue(g, 'grad_rnn_0'), 0.9 ** 10, { rtol: 0, atol: 1e-6 })).toBe(true);
});
