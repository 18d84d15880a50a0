import type { Locator, Page } from '@playwright/test';
import { mismatch, type Tolerance } from '../reference/float64/tolerance.ts';
import { expect, test } from './guard.ts';
import { linkStateOf, readyWidget } from './widget-values.ts';

/** Independent float64 reference: the widget's default encoder and decoder, h_t = tanh(W_ih x + b_ih + W_hh h). */
const ENC = {
  ih: [
    [0.8, -0.4],
    [0.3, 0.9],
  ],
  hh: [
    [0.5, -0.3],
    [0.2, 0.6],
  ],
  b: [0, 0.1],
};
const DEC = {
  ih: [
    [0.7, 0.2],
    [-0.5, 0.8],
  ],
  hh: [
    [0.6, 0.1],
    [-0.2, 0.5],
  ],
  b: [0.1, 0],
};
const INPUTS = [
  [1, 0],
  [0, 1],
  [1, 1],
  [-1, 0.5],
];
const mv = (m: number[][], v: number[]) => m.map((row) => row.reduce((s, w, j) => s + w * (v[j] ?? 0), 0));
function run64(p: typeof ENC, xs: number[][]): number[][] {
  let h = [0, 0];
  return xs.map((x) => {
    const a = mv(p.ih, x);
    const b = mv(p.hh, h);
    h = a.map((v, i) => Math.tanh(v + (p.b[i] ?? 0) + (b[i] ?? 0)));
    return h;
  });
}

/** A node's two values as the diagram publishes them (data-symbol, data-index, data-value). */
async function node(w: Locator, symbol: string): Promise<number[]> {
  const out: number[] = [];
  for (const i of [0, 1]) {
    const raw = await w.locator(`svg [data-symbol="${symbol}"][data-index="${i}"]`).first().getAttribute('data-value');
    out.push(Number(raw));
  }
  return out;
}

/** Node values (tanh outputs in [−1, 1]) against float64: 1e-5 absolute. */
const NODE: Tolerance = { rtol: 0, atol: 1e-5 };

async function expectNodes(w: Locator, prefix: string, want: number[][]) {
  for (let k = 0; k < want.length; k++) {
    expect(mismatch(await node(w, `${prefix}_${k + 1}`), want[k] ?? [], NODE, `${prefix}_${k + 1}`)).toBe('');
  }
}

async function shapes(page: Page, hash = ''): Promise<Locator> {
  await page.goto(`/shapes/${hash}`);
  return readyWidget(page, 'rnn-shapes');
}

test('the shapes chapter loads and its N→N states equal a float64 RNN', async ({ page }) => {
  const w = await shapes(page);
  await expect(page.locator('h1')).toContainText('Shapes');
  await expectNodes(w, 'h', run64(ENC, INPUTS));
  await expect(w.getByText(/N → N: one output per input/)).toBeVisible();
});

test('switching to N→M with the context fed at every step changes the decoder states to the reference', async ({
  page,
}) => {
  const w = await shapes(page);
  await w.getByText('N → M').click();
  await expect(w.getByText(/translation, speech recognition/)).toBeVisible();
  const c = run64(ENC, INPUTS).at(-1) as number[];
  await expectNodes(w, 's', run64(DEC, [c, [0, 0], [0, 0]]));
  await w.getByText('context at every step').click();
  await expectNodes(w, 's', run64(DEC, [c, c, c]));
  const context = await node(w, 'c');
  expect(mismatch(context, c, NODE, 'c')).toBe('');
});

test('typing an input with the keyboard changes the states to the float64 reference', async ({ page }) => {
  const w = await shapes(page);
  const cell = w.getByRole('grid', { name: /Inputs x_t/ }).locator('[data-index="0,0"]');
  await cell.focus();
  await page.keyboard.type('-2');
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAttribute('data-value', '-2');
  const xs = INPUTS.map((r) => [...r]);
  xs[0] = [-2, 0];
  await expectNodes(w, 'h', run64(ENC, xs));
});

test('the keyboard alone picks a shape, steps the columns and scrolls the diagram', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const w = await shapes(page);
  const first = w.getByRole('radio', { name: 'N → N' });
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await first.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'Tab reaches the shape switcher').toBe(true);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(w.getByRole('radio', { name: 'N → M' })).toBeChecked();
  await expect(w.getByRole('radio', { name: 'context at every step' })).toBeVisible();
  // Stepper keys on the widget: Home hides every column after the first.
  await w.focus();
  await w.press('Home');
  await expect(w.getByText('step 1 of 7')).toBeVisible();
  await w.press('ArrowRight');
  await expect(w.getByText('step 2 of 7')).toBeVisible();
  // The diagram is wider than a phone: it takes focus and arrow keys scroll it.
  const region = w.getByRole('region', { name: /scrolls sideways/ });
  const overflow = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(overflow).toBe(true);
  await region.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await expect(w.getByText('step 2 of 7')).toBeVisible();
});

test('the shapes URL state round-trips, and a broken link falls back with a message', async ({ page }) => {
  let w = await shapes(page);
  await w.getByText('1 → N').click();
  await w.getByText('input at every step').click();
  await w.getByRole('button', { name: 'More output steps' }).click();
  const x = INPUTS[0] as number[];
  const want = run64(ENC, [x, x, x, x]);
  await expectNodes(w, 'h', want);
  // Copy the link once it holds all three changes: it follows each click a moment later, and a link copied after
  // the first two reloaded three output steps, not four (h_4 never came: the flaky run of 2026-12-05).
  await expect
    .poll(async () => linkStateOf(await page.evaluate(() => location.href), 'rnn-shapes'))
    .toMatchObject({ s: '1-to-n', f: 'every', m: want.length });
  const url = await page.evaluate(() => location.href);
  await page.goto('about:blank');
  await page.goto(url);
  w = await readyWidget(page, 'rnn-shapes');
  await expect(w.getByRole('radio', { name: '1 → N' })).toBeChecked();
  await expectNodes(w, 'h', want);

  await page.goto('about:blank');
  w = await shapes(page, '#w-rnn-shapes=%%%');
  await expect(w.getByText('could not be read')).toBeVisible();
  await expectNodes(w, 'h', run64(ENC, INPUTS));

  const code = Buffer.from(JSON.stringify({ s: 'n-to-7', f: 'every', m: 2 })).toString('base64url');
  await page.goto('about:blank');
  w = await shapes(page, `#w-rnn-shapes=${code}`);
  await expect(w.getByText('“s” was invalid')).toBeVisible();
  await expect(w.getByRole('radio', { name: 'N → N' })).toBeChecked();
});
