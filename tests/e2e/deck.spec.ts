/**
 * Widgets on slides: the reveal.js demo deck at a projector's 1280×720 (a proper theme, the title slide
 * centred, every widget in presentation mode with type of at least 18 px as drawn), and the custom
 * element's type in a page whose root font size is large. One load each.
 */
import { expect, test } from './guard.ts';
import { presentTextReport } from './present-text.ts';

test.use({ viewport: { width: 1280, height: 720 } });

test('the demo deck at 1280×720: reveal.js serif theme, centred title, every widget slide’s text ≥ 18 px as drawn, its picture, controls and current formula inside the slide', async ({
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
    // No reveal.js margin (demo.astro): 1280×720 slides on a 1280×720 screen are drawn at 1:1.
    expect(scale).toBeCloseTo(1, 3);
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
    await test.step(`${slide}: every visible text of the widget is at least 18 px on screen, nothing past its box`, async () => {
      await page.keyboard.press('ArrowRight');
      while (!(await page.locator(`section.present[data-slide="${slide}"]`).count())) {
        await page.keyboard.press('ArrowRight');
      }
      const element = page.locator(`section.present[data-slide="${slide}"] stepwise-widget`);
      await element.locator('[data-widget][data-ready]').waitFor();
      // Measured as drawn: the element's type times reveal.js's slide scale (present-text.ts walks the transforms).
      await expect
        .poll(() => presentTextReport(element, 18), { message: `${slide} slide` })
        .toEqual({ small: [], overflowX: 0 });
      // The current formula with its numbers is on the slide too (issue 22): the softmax's worked sum, the LSTM's
      // substituted line, Bahdanau's formula of the step; KaTeX's base type ≥ 18 px as drawn (the slide is 1:1).
      const formula = await element.evaluate((el) => {
        const f = el.shadowRoot?.querySelector<HTMLElement>(
          '.live-formula > .lines, [data-widget="softmax"] > .formula',
        );
        const r = f?.getBoundingClientRect();
        const box = el.getBoundingClientRect();
        const katex = f?.querySelector('.katex');
        if (!r || !katex || r.height === 0) return 'missing';
        const inside = r.top >= box.top - 1 && r.bottom <= Math.min(box.bottom, 720) + 1 && r.right <= box.right + 1;
        const px = Number.parseFloat(getComputedStyle(katex).fontSize);
        return inside && px >= 17.95
          ? 'on the slide'
          : `${Math.round(r.top)}–${Math.round(r.bottom)} in ${Math.round(box.top)}–${Math.round(box.bottom)}, ${px} px`;
      });
      expect(formula, `${slide}: the current formula inside the slide`).toBe('on the slide');
      if (slide === 'softmax') return;
      // The core fits the slide: the whole picture and the controls inside the element's box, which is inside
      // the 720 px slide (they used to stand above the picture, which the box cut off).
      const outside = await element.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const root = el.shadowRoot;
        const parts = { picture: root?.querySelector('[data-diagram] svg'), controls: root?.querySelector('.stepper') };
        const out: string[] = [];
        if (box.top < 0 || box.bottom > 720 + 1) out.push(`box ${Math.round(box.top)}–${Math.round(box.bottom)}`);
        for (const [name, part] of Object.entries(parts)) {
          const r = part?.getBoundingClientRect();
          if (!r || r.height === 0) out.push(`${name} missing`);
          else if (r.top < box.top - 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1 || r.right > box.right + 1)
            out.push(
              `${name} ${Math.round(r.top)}–${Math.round(r.bottom)} in ${Math.round(box.top)}–${Math.round(box.bottom)}`,
            );
        }
        return out;
      });
      expect(outside, `${slide}: picture and controls inside the slide`).toEqual([]);
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

  // The sizes the Teaching page documents, in the same 40 px page: a slide-sized `present` element keeps every
  // text ≥ 18 px with nothing past its box, and a `fit present` one is scaled into its box, not past it.
  await page.evaluate(() => {
    for (const attrs of ['present', 'present fit']) {
      const el = document.createElement('stepwise-widget');
      el.setAttribute('name', 'lstm-cell');
      for (const a of attrs.split(' ')) el.setAttribute(a, '');
      el.dataset.sized = attrs;
      el.style.cssText = 'display:block;width:1200px;height:560px';
      document.body.append(el);
    }
  });
  const slide = page.locator('stepwise-widget[data-sized="present"]');
  await slide.locator('[data-widget][data-ready]').waitFor();
  await expect.poll(() => presentTextReport(slide, 18)).toEqual({ small: [], overflowX: 0 });
  const fitted = page.locator('stepwise-widget[data-sized="present fit"]');
  await fitted.locator('[data-widget][data-ready]').waitFor();
  await expect
    .poll(() =>
      fitted.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const drawn = el.shadowRoot?.querySelector('[data-widget]')?.getBoundingClientRect();
        // Fitted: inside the box and filling it one way (the LSTM is tall: it fills the height).
        if (!drawn) return false;
        const inside = drawn.left >= box.left - 1 && drawn.right <= box.right + 1 && drawn.bottom <= box.bottom + 1;
        return inside && Math.max(drawn.width / box.width, drawn.height / box.height) > 0.9;
      }),
    )
    .toBe(true);
});
