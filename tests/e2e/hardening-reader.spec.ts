import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/**
 * A chapter's HTML arrives in pieces, and the browser paints what it has. Under load the CI sweeps saw frames of
 * a header the parser had not finished (the search button an icon without its word, no theme button), and when the
 * rest arrived the header links moved 117–137 px left (layout shifts of 0.0011–0.0013 on /self-attention/ and
 * /zh/transformer/). Here the page is served cut inside the search button, with a pause, so that frame always
 * happens: whatever the reader can see of the header then must stand where it stands once the page is whole.
 */
test('/gru/ served in two pieces cut inside the header: no header link the reader can see moves when the rest arrives', async ({
  page,
  baseURL,
}) => {
  const origin = baseURL ?? '';
  const html = await (await fetch(new URL('/gru/', origin))).text();
  const cut = html.indexOf('<kbd');
  expect(cut, 'the search button has its key hint').toBeGreaterThan(0);
  let release = () => {};
  const rest = new Promise<void>((r) => {
    release = r;
  });
  const server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/gru/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.write(html.slice(0, cut));
        await rest;
        res.end(html.slice(cut));
        return;
      }
      // Everything else as the test server serves it (the page asks this origin for its scripts, styles, fonts).
      const r = await fetch(new URL(req.url ?? '/', origin));
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/octet-stream' });
      res.end(Buffer.from(await r.arrayBuffer()));
    })().catch(() => res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    const links = '.site-header > :is(.header-link, .search-open)';
    const seen = () =>
      page.$$eval(links, (els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { name: e.className, visible: getComputedStyle(e).visibility !== 'hidden', x: Math.round(r.x) };
        }),
      );
    await page.goto(`http://127.0.0.1:${port}/gru/`, { waitUntil: 'commit' });
    await expect(page.locator('.site-header .search-open svg')).toBeAttached();
    expect(await page.locator('.site-header .theme-toggle').count(), 'the header is cut before its theme button').toBe(
      0,
    );
    // Two frames of the cut header (a frame is painted only where rendering runs).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const partial = await seen();
    release();
    await page.waitForLoadState('load');
    const whole = await seen();
    expect(
      whole.every((l) => l.visible),
      'every header link visible once the header is whole',
    ).toBe(true);
    for (const before of partial.filter((l) => l.visible)) {
      const after = whole.find((l) => l.name === before.name);
      expect(after?.x, `${before.name} seen at x = ${before.x} in the cut header`).toBe(before.x);
    }
  } finally {
    release();
    // Off this server's page before it closes, so no late request fails as a console error.
    await page.goto('about:blank');
    server.close();
  }
});
