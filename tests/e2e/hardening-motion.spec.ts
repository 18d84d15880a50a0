import { expect, test } from './guard.ts';
import { chapterPagesWithWidgets } from './hardening-widgets.ts';
import { widgetsReady } from './sweep-a11y.ts';
import { fromStart, steppers, stepsShown } from './sweep-motion.ts';

/**
 * Play with motion allowed walks the steps one at a time and stops at the last. (Under prefers-reduced-motion,
 * Play on every stepper of every page jumps to the last step with nothing animating: checked on the one load
 * per page in pages.spec.ts.) Two short walks by different widgets: a full walk takes 0.9 s a step, and every
 * page's walk would cost a minute.
 */
const walked = chapterPagesWithWidgets().filter((p) => p.path === '/self-attention/' || p.path === '/memory/');

test.describe('Play with motion allowed', () => {
  test.use({ reducedMotion: 'no-preference' });
  test('the walked pages exist in the build', () =>
    expect(walked.map((p) => p.path).sort()).toEqual(['/memory/', '/self-attention/']));
  for (const { path, widgets } of walked) {
    test(`${path}: Play walks the first stepper one step at a time and stops at the last`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.goto(path);
      await widgetsReady(page, widgets);
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
