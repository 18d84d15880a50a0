import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { katexLoader } from '~lib/tex/katex-loader.svelte.ts';
import OffscreenFormulaDemo from './kit/OffscreenFormulaDemo.svelte';
import OnScreenDemo, { computeCount } from './kit/OnScreenDemo.svelte';

const frames = (k: number) =>
  new Promise<void>((resolve) => {
    const next = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
    next(k);
  });

describe('whileVisible with OnScreen', () => {
  it('follows no edit while its view is off screen, and shows the current value as soon as the view is back', async () => {
    window.scrollTo(0, 0);
    const screen = await render(OnScreenDemo);
    const root = screen.container;
    const text = (selector: string) => root.querySelector(selector)?.textContent ?? '';
    const inc = root.querySelector<HTMLButtonElement>('.inc') as HTMLButtonElement;
    // Before the observer has reported, the view counts as on screen: the first value is computed.
    expect(text('.view')).toBe('2');
    // The observer reports the view 4000 px below the fold: edits no longer recompute it.
    await frames(3);
    const before = computeCount.n;
    inc.click();
    inc.click();
    await frames(3);
    expect(text('.n')).toBe('3');
    expect(text('.view')).toBe('2');
    expect(computeCount.n).toBe(before);
    // Scrolled to: the current value (3 × 2), computed once, within the frames the observer needs to report.
    root.querySelector('.view')?.scrollIntoView();
    await frames(3);
    expect(text('.view')).toBe('6');
    expect(computeCount.n).toBe(before + 1);
    // On screen it follows every edit.
    inc.click();
    await frames(1);
    expect(text('.view')).toBe('8');
    // Off screen again: an edit waits, but a new key (what the view shows) recomputes at once, with the current n.
    window.scrollTo(0, 0);
    await frames(3);
    inc.click();
    await frames(2);
    expect(text('.view')).toBe('8');
    root.querySelector<HTMLButtonElement>('.factor')?.click();
    await frames(1);
    expect(text('.view')).toBe('15');
  });
});

describe('LiveFormula off screen', () => {
  it('keeps its numbers while off screen, even when a value is live state edited in place, and shows the current ones once scrolled to', async () => {
    await katexLoader.load();
    window.scrollTo(0, 0);
    const screen = await render(OffscreenFormulaDemo);
    const root = screen.container;
    const numbers = () => root.querySelector('.line.numbers')?.textContent ?? '';
    const edit = root.querySelector<HTMLButtonElement>('.edit') as HTMLButtonElement;
    await expect.poll(numbers).toContain('1.50');
    await frames(3);
    edit.click();
    await frames(3);
    expect(numbers()).toContain('1.50');
    expect(numbers()).not.toContain('2.50');
    root.querySelector('.live-formula')?.scrollIntoView();
    await frames(3);
    expect(numbers()).toContain('2.50');
    edit.click();
    await frames(2);
    expect(numbers()).toContain('3.50');
    window.scrollTo(0, 0);
  });
});
