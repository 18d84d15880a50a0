import type { Page } from '@playwright/test';
import { expect, test } from './guard.ts';
import { readyWidget } from './widget-values.ts';

/** The picture's width on screen and the min-width it asks for, once the embed's fit is current for this size. */
async function pictureOnScreen(page: Page, size: { width: number; height: number }) {
  await expect
    .poll(() =>
      page.evaluate(({ width, height }) => {
        const stage = document.querySelector<HTMLElement>('.embed-stage');
        return stage?.dataset.fit === `${width}×${height}:${stage?.scrollHeight}`;
      }, size),
    )
    .toBe(true);
  return page
    .locator('[data-diagram] svg')
    .first()
    .evaluate((svg) => ({
      drawn: svg.getBoundingClientRect().width,
      min: Number.parseFloat(getComputedStyle(svg).minWidth),
      pageScrolls: document.documentElement.scrollHeight > innerHeight + 1,
    }));
}

// A blog-sized iframe (720×540): the fit scales the whole widget, and used to draw the GRU picture at 479 px
// for a min-width of 540 (embed-fit.ts now prefers a layout that keeps it).
for (const id of ['gru-diagram', 'lstm-diagram']) {
  test(`/embed/${id}/ at 720×540 draws its picture at least at its min-width, with nothing scrolling`, async ({
    page,
  }) => {
    const size = { width: 720, height: 540 };
    await page.setViewportSize(size);
    await page.goto(`/embed/${id}/`);
    await readyWidget(page, id);
    const got = await pictureOnScreen(page, size);
    expect(got.min).toBeGreaterThan(0);
    expect(got.drawn, `picture ${got.drawn} px for a min-width of ${got.min}`).toBeGreaterThanOrEqual(got.min - 1);
    expect(got.pageScrolls).toBe(false);
  });
}
