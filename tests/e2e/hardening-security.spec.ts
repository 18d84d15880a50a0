import { expect, test } from './guard.ts';
import { sitePages } from './site-pages.ts';

/**
 * Framing in a real browser: another origin framing a chapter page is refused, framing an /embed/ page works.
 * (Every page's strict CSP meta, its framing headers from public/_headers, CSP violations and requests leaving
 * localhost are checked on the one load per page of pages.spec.ts and embed.spec.ts.)
 */

const pages = sitePages();
const isEmbed = (path: string) => path.startsWith('/embed/');

test('another origin framing a chapter page is refused by the browser; framing an embed page works', async ({
  page,
  guard,
}) => {
  guard.allowConsole(/Refused to (display|frame)|frame-ancestors/);
  const base = new URL(test.info().project.use.baseURL ?? 'http://127.0.0.1:4399');
  const chapter = pages.find((p) => p !== '/' && !isEmbed(p)) ?? '/';
  const embed = pages.find(isEmbed);
  // A page on another origin frames the site: localhost is not 127.0.0.1 to the browser, so a page there is a
  // third party (about:blank will not do: its opaque origin matches no frame-ancestors source, not even *).
  // The host is a plain static page, so no CSP of the site's own restricts what it may frame.
  await page.goto(`${base.protocol}//localhost:${base.port}/examples/custom-element.html`);
  const frameOf = async (path: string) => {
    await page.setContent(`<iframe title="framed" src="${base.origin}${path}" width="800" height="600"></iframe>`);
    // setContent waits for the load event, which waits for the frame.
    return page.frames().find((f) => f !== page.mainFrame());
  };
  const chapterFrame = await frameOf(chapter);
  // Chrome replaces a refused frame with its own error page (which has an h1 of its own), so look for the
  // site's chrome, not for any heading.
  const rendered = chapterFrame ? await chapterFrame.locator('.site-header, main#main').count() : 0;
  expect(rendered, 'a chapter page rendered inside another site’s frame').toBe(0);
  if (embed) {
    const embedFrame = await frameOf(embed);
    expect(embedFrame, 'the embed frame').toBeDefined();
    await expect(embedFrame?.locator('[data-widget]').first() ?? page.locator('never')).toHaveAttribute(
      'data-ready',
      '',
    );
  }
});
