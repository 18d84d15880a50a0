import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mismatch, softmax64, TOLERANCE } from '../reference/float64/index.ts';
import { expect, test } from './guard.ts';
import { readValue } from './widget-values.ts';

/**
 * An instructor's deck on another site loads the custom element from the Stepwise host. A module script and
 * the fonts it registers are CORS requests, so this only works if /elements/ answers with
 * Access-Control-Allow-Origin. The deck page is served by the test itself on a second port of 127.0.0.1 (another
 * origin, still loopback as Chromium's local-network rules require), so every request the widget makes is
 * cross-origin.
 */
test('a deck on another origin loads <stepwise-widget>, computes, and loads KaTeX fonts from the Stepwise host', async ({
  page,
  baseURL,
}) => {
  const site = new URL(baseURL ?? 'http://127.0.0.1:4399');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A deck elsewhere</title>
    <script type="module" src="${site.origin}/elements/stepwise-widgets.js"></script></head>
    <body><main><h1>Week 5</h1><stepwise-widget id="w" name="softmax" state='{"t":2}'></stepwise-widget></main></body></html>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const deck = `http://127.0.0.1:${(server.address() as AddressInfo).port}/my-course/deck.html`;
  const corsResponse = page.waitForResponse((r) => r.url().endsWith('/elements/stepwise-widgets.js'));
  await page.goto(deck);
  expect((await corsResponse).headers()['access-control-allow-origin'], 'CORS header on the bundle').toBe('*');
  expect(new URL(page.url()).origin).not.toBe(site.origin);

  const softmax = page.locator('#w [data-widget="softmax"][data-ready]');
  await softmax.waitFor();
  // softmax([2, 1, 0.1, -1] / 2) from the widget's default logits, computed here in float64.
  const ref = softmax64([2, 1, 0.1, -1].map((v) => v / 2));
  const shown = await Promise.all([1, 2, 3, 4].map((i) => readValue(softmax, `p_${i}`)));
  expect(mismatch(shown, ref, TOLERANCE.gated, 'p')).toBe('');
  await expect
    .poll(() => page.evaluate(async () => (await document.fonts.load('16px KaTeX_Main')).length), {
      message: 'KaTeX_Main loads from the other origin',
    })
    .toBeGreaterThan(0);
  server.close();
});

test('/examples/custom-element.html passes axe (landmarks, heading order, regions), widgets included', async ({
  page,
}) => {
  const AxeBuilder = (await import('@axe-core/playwright')).default;
  await page.goto('/examples/custom-element.html');
  await page.locator('#plain-lstm [data-widget="lstm-cell"][data-ready]').waitFor();
  await page.locator('#plain-softmax [data-widget="softmax"][data-ready]').waitFor();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
