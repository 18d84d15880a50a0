/**
 * Widgets on slides: the reveal.js demo deck at a projector's 1280×720 (a proper theme, the title slide
 * centred, every widget in presentation mode with type of at least 18 px as drawn), and the custom
 * element's type in a page whose root font size is large. One load each.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './guard.ts';

/** The smallest font size, as drawn on screen (computed size × any scale transform), of the text in `root`. */
function smallestDrawnText(root: Locator): Promise<{ px: number; text: string }> {
  return root.evaluate((el) => {
    let best = { px: Number.POSITIVE_INFINITY, text: '' };
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      const text = n.textContent?.trim() ?? '';
      if (
        !parent ||
        text === '' ||
        parent.closest('.katex-mathml, [aria-hidden="true"], .visually-hidden, .sr-only, svg')
      )
        continue;
      if (parent.offsetWidth === 0) continue;
      const rect = parent.getBoundingClientRect();
      const scale = rect.width / parent.offsetWidth;
      const px = Number.parseFloat(getComputedStyle(parent).fontSize) * scale;
      if (px < best.px) best = { px, text: text.slice(0, 40) };
    }
    return best;
  });
}

test.use({ viewport: { width: 1280, height: 720 } });

test('the demo deck at 1280×720: reveal.js serif theme, centred title, every widget slide’s core text ≥ 18 px as drawn', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/slides/demo/');
  await expect(page.locator('.reveal.ready')).toBeVisible();

  await test.step('the theme is reveal.js’s serif theme and the slides are drawn near full size', async () => {
    expect(await page.locator('.reveal').evaluate((el) => getComputedStyle(el).fontFamily)).toContain('Palatino');
    const scale = await page
      .locator('.reveal .slides')
      .evaluate((el) => el.getBoundingClientRect().width / (el as HTMLElement).offsetWidth);
    // reveal.js keeps a 4% margin: 1280×720 slides on a 1280×720 screen are drawn at 0.96.
    expect(scale).toBeGreaterThan(0.95);
  });

  await test.step('the title slide is centred in the slide', async () => {
    const h1 = await page.locator('section.present h1').boundingBox();
    expect(h1).not.toBeNull();
    if (!h1) return;
    expect(Math.abs(h1.x + h1.width / 2 - 640)).toBeLessThan(8);
    const section = await page.locator('section.present').boundingBox();
    const middle = (section?.y ?? 0) + (section?.height ?? 0) / 2;
    expect(Math.abs(middle - 360)).toBeLessThan(40);
  });

  for (const slide of ['softmax', 'lstm', 'bahdanau'] as const) {
    await test.step(`${slide}: the widget’s smallest visible text is at least 18 px on screen`, async () => {
      await page.keyboard.press('ArrowRight');
      while (!(await page.locator(`section.present[data-slide="${slide}"]`).count())) {
        await page.keyboard.press('ArrowRight');
      }
      const section = page.locator(`section.present[data-slide="${slide}"]`);
      const iframe = section.locator('iframe');
      const root =
        (await iframe.count()) > 0
          ? page.frameLocator(`section.present[data-slide="${slide}"] iframe`).locator('[data-widget][data-ready]')
          : section.locator('stepwise-widget [data-widget][data-ready]');
      await root.waitFor();
      // The widget's title and, where it steps, the step counter: the smallest type of its core view.
      const counter = root.locator('.counter');
      const core = [root.locator('h3').first(), ...((await counter.count()) > 0 ? [counter.first()] : [])];
      const sizes = await Promise.all(core.map(smallestDrawnText));
      const smallest = sizes.reduce((a, b) => (b.px < a.px ? b : a));
      // Text inside an iframe is measured in the frame's own pixels; the deck's scale of the frame comes on top.
      const frameScale =
        (await iframe.count()) > 0
          ? await iframe.evaluate((f) => f.getBoundingClientRect().width / (f as HTMLElement).offsetWidth)
          : 1;
      expect(smallest.px * frameScale, `“${smallest.text}”`).toBeGreaterThanOrEqual(18);
    });
  }
});

test('<stepwise-widget> keeps its own type when the page’s root font size is 40 px; present makes it larger', async ({
  page,
}) => {
  await page.goto('/examples/custom-element.html');
  const widget = page.locator('stepwise-widget').first().locator('[data-widget][data-ready]');
  await widget.waitFor();
  const button = widget.locator('button').first();
  const measure = () =>
    button.evaluate((b) => ({
      font: getComputedStyle(b).fontSize,
      width: Math.round(b.getBoundingClientRect().width),
    }));
  const before = await measure();
  await page.evaluate(() => {
    document.documentElement.style.fontSize = '40px';
  });
  expect(await measure()).toEqual(before);
  await page
    .locator('stepwise-widget')
    .first()
    .evaluate((el) => el.setAttribute('present', ''));
  const presented = page.locator('stepwise-widget').first().locator('[data-widget][data-ready] button').first();
  await expect
    .poll(async () => Number.parseFloat(await presented.evaluate((b) => getComputedStyle(b).fontSize)))
    .toBeGreaterThan(Number.parseFloat(before.font) * 1.15);
});
