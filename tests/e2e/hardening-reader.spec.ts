import { expect, test } from './guard.ts';
import { chapterPagesWithWidgets } from './hardening-widgets.ts';

/**
 * Regressions from the new-reader pass of issue 9 (keyboard only, 375×812
 * with touch, no WebGL, over every chapter page): on a phone the Share menu
 * opened off the left edge of the screen (its button wraps to the frame's
 * left, the menu was right-aligned to it), and the slide deck's reveal.js
 * arrows showed no focus when reached by Tab.
 */

test.describe('on a 375×812 phone with touch', () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
  for (const { path, widgets } of chapterPagesWithWidgets()) {
    test(`${path}: every widget's Share menu opens fully on the screen`, async ({ page }) => {
      await page.goto(path);
      for (const id of widgets) {
        const w = page.locator(`[data-widget="${id}"]`).first();
        await expect(w).toHaveAttribute('data-ready', '');
        const share = w.getByRole('button', { name: /^share/i });
        // The pretrained-model widgets have no link state to share.
        if ((await share.count()) === 0) continue;
        await share.scrollIntoViewIfNeeded();
        await share.tap();
        const menu = w.getByRole('menu');
        await expect(menu).toBeVisible();
        const box = await menu.boundingBox();
        expect(box, `${id} menu`).not.toBeNull();
        if (box === null) continue;
        expect(box.x, `${id} menu's left edge`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${id} menu's right edge`).toBeLessThanOrEqual(375);
        await page.keyboard.press('Escape');
        await expect(menu).toBeHidden();
      }
    });
  }
});

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
