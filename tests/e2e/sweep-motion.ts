import type { Locator, Page } from '@playwright/test';
import { expect } from './guard.ts';

/**
 * Steppers (components/parts/Stepper.svelte) and motion, for the one-load-per-page sweep (pages.spec.ts) and
 * the walked-Play checks (hardening-motion.spec.ts): put a stepper at its first step, record every counter
 * text it shows, and record CSS transitions and animations that start or run anywhere on the page.
 */

/** Every stepper on the page (their group label names the keys). */
export const steppers = (page: Page): Locator => page.getByRole('group', { name: /Space plays/ });

/** Puts the stepper at its first step and records every counter text from now on ("step 2 of 6 · r_t"). */
export async function fromStart(group: Locator): Promise<void> {
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

/** The step numbers the counter showed since `fromStart`, in order (repeats dropped), and the step count. */
export async function stepsShown(group: Locator): Promise<{ steps: number[]; of: number }> {
  const texts = await group.locator('output').evaluate((out) => (out as unknown as { __seen: string[] }).__seen);
  const parsed = texts.map((t) => /step (\d+) of (\d+)/.exec(t)).filter((m) => m !== null);
  const steps = parsed.map((m) => Number(m[1])).filter((s, k, all) => k === 0 || s !== all[k - 1]);
  return { steps, of: Number(parsed.at(-1)?.[2] ?? 0) };
}

/** Records every CSS transition or animation that starts anywhere on the page from now on (even a 0.01 ms one). */
export const watchMotion = (page: Page): Promise<void> =>
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

/** The transitions and animations recorded since `watchMotion`, each named once. */
export const motionStarted = (page: Page): Promise<string[]> =>
  page.evaluate(() => [...new Set((window as unknown as { __motion: string[] }).__motion)]);

/** Running CSS animations and transitions anywhere on the page, named by their target. */
export const runningAnimations = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    document.getAnimations().map((a) => {
      const target = (a.effect as KeyframeEffect | null)?.target;
      const name =
        a instanceof CSSTransition ? a.transitionProperty : a instanceof CSSAnimation ? a.animationName : a.id;
      return `${target?.tagName.toLowerCase() ?? '?'}.${[...(target?.classList ?? [])].join('.')} ${name}`;
    }),
  );

/** What `playEachReduced` leaves to check once more than a play interval has passed. */
export interface ReducedPlay {
  /** How many steppers were played. */
  played: number;
  /**
   * Waits until over a second (longer than one play interval) has passed since the last Play, then checks, softly,
   * that every stepper is still at its end and never showed a step between, and steps each back and forth once.
   */
  settled: () => Promise<void>;
}

/**
 * Under prefers-reduced-motion: presses Play on every stepper (from its first step) and checks, softly, that it
 * jumps straight to the last step and stops. Whether it stays there is read by the returned `settled`, over a
 * second later: a sweep runs other work on the same load in between (pages.spec.ts: the stepped axe run) instead of
 * waiting idle, as long as that work leaves the steppers at their end.
 */
export async function playEachReduced(page: Page): Promise<ReducedPlay> {
  const count = await steppers(page).count();
  for (let k = 0; k < count; k++) {
    const group = steppers(page).nth(k);
    await fromStart(group);
    const play = group.getByRole('button', { name: /play/i });
    await play.click();
    await expect(group.locator('output')).toHaveText(/^step (\d+) of \1\b/);
    await expect(play).toHaveAttribute('aria-pressed', 'false');
  }
  const lastPlay = Date.now();
  const settled = async () => {
    const left = lastPlay + 1200 - Date.now();
    if (left > 0) await page.waitForTimeout(left);
    for (let k = 0; k < count; k++) {
      const group = steppers(page).nth(k);
      const { steps, of } = await stepsShown(group);
      expect.soft(of, `stepper ${k} has more than one step`).toBeGreaterThan(1);
      expect.soft(steps, `stepper ${k} counter under reduced motion`).toEqual([1, of]);
      await group.getByRole('button', { name: /previous/i }).click();
      await group.getByRole('button', { name: /next/i }).click();
    }
  };
  return { played: count, settled };
}
