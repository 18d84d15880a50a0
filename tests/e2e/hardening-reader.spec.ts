import { expect, test } from './guard.ts';

/**
 * Regressions from the new-reader pass of issue 9 (keyboard only, 375×812
 * with touch, no WebGL, over every chapter page): on a phone the Share menu
 * opened off the left edge of the screen (its button wraps to the frame's
 * left, the menu was right-aligned to it), and the slide deck's reveal.js
 * arrows showed no focus when reached by Tab.
 */

test('/slides/demo/: the reveal.js arrow reached by Tab shows a focus outline', async ({ page }) => {
  await page.goto('/slides/demo/');
  const next = page.getByRole('button', { name: 'next slide' });
  await expect(next).toBeVisible();
  for (let k = 0; k < 10; k++) {
    await page.keyboard.press('Tab');
    if (await next.evaluate((e) => e === document.activeElement)) break;
  }
  await expect(next).toBeFocused();
  const outline = await next.evaluate((e) => {
    const s = getComputedStyle(e);
    return { style: s.outlineStyle, width: Number.parseFloat(s.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThan(0);
});
