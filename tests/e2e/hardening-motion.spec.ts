import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './guard.ts';
import { chapterPagesWithWidgets } from './hardening-widgets.ts';

/**
 * Play on every stepper (components/parts/Stepper.svelte) found in the build:
 * with prefers-reduced-motion it jumps straight to the last step, shows no
 * step in between and nothing on the page animates afterwards; without it,
 * Play walks the steps one at a time and stops at the last.
 */

const dist = resolve(process.env.STEPWISE_DIST ?? new URL('../../dist/', import.meta.url).pathname);
const pages = chapterPagesWithWidgets().filter((p) =>
  /role="group" aria-label="[^"]*Space plays/.test(readFileSync(join(dist, p.path, 'index.html'), 'utf8')),
);
const steppers = (page: Page) => page.getByRole('group', { name: /Space plays/ });

async function ready(page: Page, widgets: string[]): Promise<void> {
  for (const id of widgets)
    await expect(page.locator(`[data-widget="${id}"]`).first()).toHaveAttribute('data-ready', '');
}

/** Puts the stepper at its first step and records every counter text from now on ("step 2 of 6 · r_t"). */
async function fromStart(group: Locator): Promise<void> {
  await group.scrollIntoViewIfNeeded();
  const reset = group.getByRole('button', { name: /reset/i });
  if (await reset.isEnabled()) await reset.click();
  await expect(group.locator('output')).toHaveText(/^step 1 of \d+/);
  await group.locator('output').evaluate((out) => {
    const seen: string[] = [out.textContent ?? ''];
    (out as unknown as { __seen: string[] }).__seen = seen;
    new MutationObserver(() => seen.push(out.textContent ?? '')).observe(out, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
}

/** The step numbers the counter showed, in order (repeats dropped). */
async function stepsShown(group: Locator): Promise<{ steps: number[]; of: number }> {
  const texts = await group.locator('output').evaluate((out) => (out as unknown as { __seen: string[] }).__seen);
  const parsed = texts.map((t) => /step (\d+) of (\d+)/.exec(t)).filter((m) => m !== null);
  const steps = parsed.map((m) => Number(m[1])).filter((s, k, all) => k === 0 || s !== all[k - 1]);
  return { steps, of: Number(parsed.at(-1)?.[2] ?? 0) };
}

/** Records every CSS transition or animation that starts anywhere on the page from now on (even a 0.01 ms one). */
const watchMotion = (page: Page) =>
  page.evaluate(() => {
    const started: string[] = [];
    (window as unknown as { __motion: string[] }).__motion = started;
    const note = (e: Event) => {
      const t = e.target as Element;
      const what = e instanceof TransitionEvent ? e.propertyName : (e as AnimationEvent).animationName;
      started.push(`${t.tagName.toLowerCase()}.${[...t.classList].join('.')} ${what}`);
    };
    document.addEventListener('transitionrun', note, true);
    document.addEventListener('animationstart', note, true);
  });
const motionStarted = (page: Page) =>
  page.evaluate(() => [...new Set((window as unknown as { __motion: string[] }).__motion)]);

/** Running CSS animations and transitions anywhere on the page, named by their target. */
const runningAnimations = (page: Page) =>
  page.evaluate(() =>
    document.getAnimations().map((a) => {
      const target = (a.effect as KeyframeEffect | null)?.target;
      const name =
        a instanceof CSSTransition ? a.transitionProperty : a instanceof CSSAnimation ? a.animationName : a.id;
      return `${target?.tagName.toLowerCase() ?? '?'}.${[...(target?.classList ?? [])].join('.')} ${name}`;
    }),
  );

test.describe('Play under prefers-reduced-motion: reduce', () => {
  test.use({ reducedMotion: 'reduce' });
  for (const { path, widgets } of pages) {
    test(`${path}: Play jumps to the last step with no step in between, and nothing animates`, async ({ page }) => {
      await page.goto(path);
      await ready(page, widgets);
      const count = await steppers(page).count();
      expect(count, 'steppers on the page').toBeGreaterThan(0);
      await watchMotion(page);
      for (let k = 0; k < count; k++) {
        const group = steppers(page).nth(k);
        await fromStart(group);
        const play = group.getByRole('button', { name: /play/i });
        await play.click();
        await expect(group.locator('output')).toHaveText(/^step (\d+) of \1\b/);
        await expect(play).toHaveAttribute('aria-pressed', 'false');
        // Over a second (longer than one play interval): still at the end, and no step was ever shown between.
        await page.waitForTimeout(1200);
        const { steps, of } = await stepsShown(group);
        expect(of).toBeGreaterThan(1);
        expect(steps, `stepper ${k} counter`).toEqual([1, of]);
        await group.getByRole('button', { name: /previous/i }).click();
        await group.getByRole('button', { name: /next/i }).click();
      }
      await page.mouse.move(0, 0);
      expect(await runningAnimations(page), 'CSS animations or transitions running').toEqual([]);
      expect(await motionStarted(page), 'CSS animations or transitions started while stepping').toEqual([]);
    });
  }
});

/** Two short walks by different widgets: a full walk takes 0.9 s a step, and every page's walk would cost a minute. */
const walked = pages.filter((p) => p.path === '/self-attention/' || p.path === '/memory/');

test.describe('Play with motion allowed', () => {
  test.use({ reducedMotion: 'no-preference' });
  test('the walked pages exist in the build', () =>
    expect(walked.map((p) => p.path).sort()).toEqual(['/memory/', '/self-attention/']));
  for (const { path, widgets } of walked) {
    test(`${path}: Play walks the first stepper one step at a time and stops at the last`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.goto(path);
      await ready(page, widgets);
      const group = steppers(page).first();
      await fromStart(group);
      const play = group.getByRole('button', { name: /play/i });
      await play.click();
      await expect(group.getByRole('button', { name: /pause/i })).toHaveAttribute('aria-pressed', 'true');
      await expect(group.locator('output')).toHaveText(/^step (\d+) of \1\b/, { timeout: 60_000 });
      await expect(group.getByRole('button', { name: /play/i })).toHaveAttribute('aria-pressed', 'false');
      const { steps, of } = await stepsShown(group);
      expect(steps).toEqual(Array.from({ length: of }, (_, i) => i + 1));
    });
  }
});
