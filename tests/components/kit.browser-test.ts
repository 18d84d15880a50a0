import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { fromBase64Url, readHashParam, toBase64Url } from '~lib/url/state.ts';
import GateDemo from './kit/GateDemo.svelte';
import { gateComputations } from './kit/gate-demo.svelte.ts';
import 'katex/dist/katex.min.css';

/** Independent float64 reference for the demo: z = σ(W x + b). */
function gate(W: number[][], x: number[], b: number[]): number[] {
  return W.map((row, i) => 1 / (1 + Math.exp(-(row.reduce((s, w, j) => s + w * (x[j] ?? 0), 0) + (b[i] ?? 0)))));
}
const W = [
  [0.8, -0.4],
  [0.3, 0.6],
];
const b = [0.1, -0.2];

async function mount(id: string, hash = '') {
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  const screen = await render(GateDemo, { id });
  const root = screen.container.querySelector<HTMLElement>(`[data-widget="${id}"]`);
  if (!root) throw new Error('no widget root');
  await expect.poll(() => root.hasAttribute('data-ready')).toBe(true);
  const value = (selector: string) => Number(root.querySelector(selector)?.getAttribute('data-value'));
  const cell = (symbol: string, index: string) =>
    root.querySelector<HTMLElement>(`td[data-symbol="${symbol}"][data-index="${index}"]`) as HTMLElement;
  return { screen, root, value, cell };
}

describe('MatrixView in the gate demo', () => {
  it('arrow keys, Enter and typing a number edit X[1,2] and z follows σ(W x + b)', async () => {
    const { value, cell } = await mount('edit-keys');
    cell('X', '0,0').focus();
    await userEvent.keyboard('{ArrowRight}{Enter}');
    await userEvent.keyboard('{Control>}a{/Control}2.5{Enter}');
    await expect.poll(() => cell('X', '0,1').getAttribute('data-value')).toBe('2.5');
    const want = gate(W, [1, 2.5], b);
    expect(value('td[data-symbol="z"][data-index="0,0"]')).toBeCloseTo(want[0] ?? 0, 6);
    expect(value('td[data-symbol="z"][data-index="1,0"]')).toBeCloseTo(want[1] ?? 0, 6);
    expect(document.activeElement).toBe(cell('X', '0,1'));
  });

  it('typing a digit on a focused cell starts a new value (spreadsheet style)', async () => {
    const { cell } = await mount('edit-typing');
    cell('X', '1,0').focus();
    await userEvent.keyboard('-3{Enter}');
    await expect.poll(() => cell('X', '1,0').getAttribute('data-value')).toBe('-3');
  });

  it('NaN and Infinity are refused with a message and the old value is kept', async () => {
    const { root, cell } = await mount('edit-refuse');
    cell('X', '0,0').focus();
    await userEvent.keyboard('{Enter}{Control>}a{/Control}NaN{Enter}');
    await expect
      .poll(() => root.querySelector('.matrix-view [role="status"]')?.textContent)
      .toMatch(/not a number.*Keeping 1/);
    await userEvent.keyboard('{Control>}a{/Control}Infinity{Enter}');
    await expect.poll(() => root.querySelector('.matrix-view [role="status"]')?.textContent).toMatch(/finite/);
    await userEvent.keyboard('{Escape}');
    expect(cell('X', '0,0').getAttribute('data-value')).toBe('1');
  });
});

describe('Stepper keys', () => {
  it('→ ← End Home move through the steps and the counter says where', async () => {
    const { root } = await mount('stepper-keys');
    const counter = () => root.querySelector('.counter')?.textContent;
    root.focus();
    await userEvent.keyboard('{ArrowRight}');
    await expect.poll(counter).toBe('step 2 of 3 · z_2');
    await userEvent.keyboard('{End}');
    await expect.poll(counter).toBe('step 3 of 3 · z_3');
    await userEvent.keyboard('{ArrowLeft}');
    await expect.poll(counter).toBe('step 2 of 3 · z_2');
    await userEvent.keyboard('{Home}');
    await expect.poll(counter).toBe('step 1 of 3 · z_1');
  });

  it('arrow keys inside the matrix grid move the cell, not the step', async () => {
    const { root, cell } = await mount('stepper-grid');
    cell('X', '0,0').focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(root.querySelector('.counter')?.textContent).toBe('step 1 of 3 · z_1');
  });
});

describe('LiveFormula highlight', () => {
  it('focusing the W_z symbol lights every W_z cell; leaving it clears them', async () => {
    const { root } = await mount('highlight');
    const chip = root.querySelector<HTMLButtonElement>('button.chip[data-symbol="W_z"]');
    chip?.focus();
    await expect.poll(() => root.querySelectorAll('td.lit[data-symbol="W_z"]').length).toBe(4);
    chip?.blur();
    await expect.poll(() => root.querySelectorAll('td.lit').length).toBe(0);
  });
  it('focusing a matrix cell lights its number in the substituted formula', async () => {
    const { root, cell } = await mount('highlight-reverse');
    cell('W_z', '0,1').focus();
    await expect
      .poll(() => root.querySelector('.katex .lit[data-symbol="W_z"]')?.getAttribute('data-index'))
      .toBe('0,1');
  });
});

describe('Scratchpad', () => {
  it('max(z_t) shows the largest gate value and follows an edit', async () => {
    const { root, cell, value } = await mount('scratch');
    const out = () => Number(root.querySelector('output [data-symbol="scratch"]')?.getAttribute('data-value'));
    const z = gate(W, [1, 0], b);
    // mathjs loads lazily (on view or focus): focus the box and allow for the first fetch.
    (root.querySelector('.scratchpad input') as HTMLInputElement | null)?.focus();
    await expect.poll(out, { timeout: 15_000 }).toBeCloseTo(Math.max(...z), 6);
    cell('X', '0,0').focus();
    await userEvent.keyboard('{Enter}{Control>}a{/Control}-2{Enter}');
    await expect
      .poll(out)
      .toBeCloseTo(
        Math.max(value('td[data-symbol="z"][data-index="0,0"]'), value('td[data-symbol="z"][data-index="1,0"]')),
        6,
      );
  });
  it.each([
    ['import({})', /import/],
    ["createUnit('x')", /createUnit/],
    ['f(x) = f(x)', /recursion/],
    ['cos.constructor("return process")()', /./],
  ])('typing %s shows a message inline and the widget keeps working', async (expr, why) => {
    const { screen, root } = await mount(`scratch-bad-${expr.length}`);
    const box = screen.getByRole('textbox', { name: /Scratchpad/ });
    await box.fill(expr);
    await expect.poll(() => root.querySelector('output.error')?.textContent ?? '').toMatch(why);
    await box.fill('sum(z_t)');
    await expect.poll(() => root.querySelector('output.error')).toBeNull();
  });
});

describe('URL state', () => {
  it('a link with a valid state restores it, and a broken field shows a message and its default', async () => {
    const code = toBase64Url(
      JSON.stringify({
        t: 7,
        X: [
          [2, 0],
          [0.5, -1],
          [-1, 0.8],
        ],
      }),
    );
    const { root, cell } = await mount('url', `#w-url=${code}`);
    await expect.poll(() => cell('X', '0,0').getAttribute('data-value')).toBe('2');
    expect(root.querySelector('.counter')?.textContent).toBe('step 1 of 3 · z_1');
    expect(root.querySelector('.messages')?.textContent).toMatch(/“t” was invalid/);
  });
  it('without a link the widget computes its defaults once; a link that differs computes them and the link', async () => {
    // Reading the link on mount used to restore even the defaults, replacing every matrix with an equal copy
    // and computing every widget a second time right after hydration (twice the engine work at start-up).
    const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    let before = gateComputations();
    await mount('once');
    await frames();
    expect(gateComputations() - before, 'computations of a demo mounted without a link').toBe(1);
    before = gateComputations();
    const { cell } = await mount(
      'linked',
      `#w-linked=${toBase64Url(
        JSON.stringify({
          X: [
            [2, 0],
            [0.5, -1],
            [-1, 0.8],
          ],
        }),
      )}`,
    );
    await expect.poll(() => cell('X', '0,0').getAttribute('data-value')).toBe('2');
    expect(gateComputations() - before, 'computations of a demo mounted with a link').toBe(2);
  });
  it('an edit is written back to the hash under the widget’s own key', async () => {
    const { cell } = await mount('url-write', '#w-other=keep');
    cell('X', '2,1').focus();
    await userEvent.keyboard('{Enter}{Control>}a{/Control}0.25{Enter}');
    await expect.poll(() => readHashParam(location.hash, 'url-write'), { timeout: 3000 }).toMatch(/^[\w-]+$/);
    expect(readHashParam(location.hash, 'other')).toBe('keep');
    const saved = JSON.parse(fromBase64Url(readHashParam(location.hash, 'url-write')));
    expect(saved.X[2]).toEqual([-1, 0.25]);
  });
});
