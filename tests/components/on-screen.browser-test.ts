import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { katexLoader } from '~lib/tex/katex-loader.svelte.ts';
import OffscreenFormulaDemo from './kit/OffscreenFormulaDemo.svelte';
import OnScreenDemo from './kit/OnScreenDemo.svelte';

const frames = (k: number) =>
  new Promise<void>((resolve) => {
    const next = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
    next(k);
  });

describe('whileVisible with OnScreen', () => {
  it('on screen follows every edit at once; off screen waits for idle time, a scroll back or a new key', async () => {
    window.scrollTo(0, 0);
    const screen = await render(OnScreenDemo);
    const root = screen.container;
    const view = () => root.querySelector('.view')?.textContent ?? '';
    const click = (selector: string) => root.querySelector<HTMLButtonElement>(selector)?.click();
    // Before the observer has reported, the view counts as on screen.
    expect(view()).toBe('2');
    // The observer reports the view 4000 px below the fold: an edit's own update leaves it as it was…
    await frames(3);
    click('.inc');
    await tick();
    expect(view()).toBe('2');
    // …and it catches up once the browser is idle, without being scrolled to.
    await expect.poll(view, { timeout: 2000 }).toBe('4');
    // A new key (what the view shows) is published at once, off screen too, with the current n.
    click('.factor');
    await tick();
    expect(view()).toBe('6');
    // On screen, every edit shows in the same update.
    root.querySelector('.view')?.scrollIntoView();
    await frames(3);
    click('.inc');
    await tick();
    expect(view()).toBe('9');
    window.scrollTo(0, 0);
  });

  it('a sliver at the edge of the viewport does not count as on screen; a view further in does', async () => {
    window.scrollTo(0, 0);
    const screen = await render(OnScreenDemo);
    const root = screen.container;
    const el = root.querySelector('.view') as HTMLElement;
    const view = () => el.textContent ?? '';
    const click = (selector: string) => root.querySelector<HTMLButtonElement>(selector)?.click();
    // The view's top 5 px inside the bottom of the viewport: an edit leaves it as it was (it catches up at idle).
    const scrollToShow = (px: number) =>
      window.scrollTo(0, el.getBoundingClientRect().top + scrollY - innerHeight + px);
    scrollToShow(5);
    await frames(3);
    expect(Math.round(innerHeight - el.getBoundingClientRect().top)).toBe(5);
    click('.inc');
    await tick();
    expect(view()).toBe('2');
    await expect.poll(view, { timeout: 2000 }).toBe('4');
    // The whole view in: every edit shows in the same update.
    scrollToShow(el.getBoundingClientRect().height + 30);
    await frames(3);
    click('.inc');
    await tick();
    expect(view()).toBe('6');
    window.scrollTo(0, 0);
  });
});

describe('LiveFormula off screen', () => {
  it('keeps its numbers through an edit made off screen (a value that is live state edited in place too), then catches up at idle', async () => {
    await katexLoader.load();
    window.scrollTo(0, 0);
    const screen = await render(OffscreenFormulaDemo);
    const root = screen.container;
    const numbers = () => root.querySelector('.line.numbers')?.textContent ?? '';
    const edit = root.querySelector<HTMLButtonElement>('.edit') as HTMLButtonElement;
    await expect.poll(numbers).toContain('1.50');
    await frames(3);
    edit.click();
    await tick();
    expect(numbers()).toContain('1.50');
    expect(numbers()).not.toContain('2.50');
    await expect.poll(numbers, { timeout: 2000 }).toContain('2.50');
    root.querySelector('.live-formula')?.scrollIntoView();
    await frames(3);
    edit.click();
    await tick();
    expect(numbers()).toContain('3.50');
    window.scrollTo(0, 0);
  });
});
