import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from './guard.ts';
import { sitePages } from './site-pages.ts';

/**
 * Content security across the whole built site (pages discovered from the
 * build, embeds included): every page carries a strict Content Security
 * Policy that nothing on it violates, no request of any kind (documents,
 * scripts, fonts, workers, fetches) leaves localhost, and the framing headers
 * from public/_headers (applied by tests/serve-dist.mjs as a host would) let
 * any site frame /embed/ pages and no other site frame the rest.
 */

const pages = sitePages();
const isEmbed = (path: string) => path.startsWith('/embed/');
const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

test('crawling every page (and its workers) records no request that leaves localhost and no CSP violation', async ({
  page,
  context,
}) => {
  test.setTimeout(60_000 + pages.length * 15_000);
  const outside: string[] = [];
  const seen = new Set<string>();
  const record = (url: string) => {
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'blob:') return;
    seen.add(u.pathname);
    if (!localHosts.has(u.hostname)) outside.push(url);
  };
  context.on('request', (r) => record(r.url()));
  page.on('worker', (w) => record(w.url()));
  await context.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  for (const path of pages) {
    await page.goto(path);
    for (const w of await page.locator('[data-widget]').all()) await expect(w).toHaveAttribute('data-ready', '');
    // Scroll to the end so lazy content (images, fonts of late formulas) loads too.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    expect(violations, `CSP violations on ${path}`).toEqual([]);
  }
  expect(outside).toEqual([]);
  // The crawl really loaded scripts and KaTeX fonts (so the check above saw them).
  expect([...seen].some((p) => p.endsWith('.js'))).toBe(true);
  expect([...seen].some((p) => /KaTeX.*\.woff2$/.test(p))).toBe(true);
});

test('every built page has a strict CSP: scripts and styles from the site or by hash, no eval, nothing third-party', () => {
  const dist = resolve(process.env.STEPWISE_DIST ?? new URL('../../dist/', import.meta.url).pathname);
  for (const path of pages) {
    const html = readFileSync(join(dist, path, 'index.html'), 'utf8');
    const content = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1];
    expect(content, `${path} has no CSP meta`).toBeDefined();
    const policy = new Map<string, string[]>();
    for (const part of (content ?? '').split(';')) {
      const [name, ...values] = part.trim().split(/\s+/);
      if (name) policy.set(name, values);
    }
    for (const d of ['default-src', 'script-src', 'style-src', 'connect-src', 'img-src', 'font-src', 'object-src'])
      expect(policy.has(d), `${path}: ${d} missing`).toBe(true);
    for (const [directive, values] of policy) {
      if (directive === 'style-src-attr') continue;
      for (const value of values) {
        const allowed =
          ["'self'", "'none'", 'data:', 'blob:', "'wasm-unsafe-eval'"].includes(value) ||
          /^'sha(256|384|512)-/.test(value);
        expect(allowed, `${path}: ${directive} allows ${value}`).toBe(true);
      }
    }
    expect(policy.get('object-src'), path).toEqual(["'none'"]);
    // Only style attributes (KaTeX glyph positions, widget sizes) may be inline without a hash.
    expect(policy.get('style-src-attr') ?? [], path).toEqual(["'unsafe-inline'"]);
    // Every inline script is covered by a hash (an uncovered one would also be a violation in the crawl).
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g)].length;
    const hashes = (policy.get('script-src') ?? []).filter((v) => v.startsWith("'sha")).length;
    if (inline > 0) expect(hashes, `${path}: inline scripts without hashes`).toBeGreaterThan(0);
  }
});

test('the headers keep chapter pages out of other sites’ frames and let any site frame /embed/ pages', async ({
  request,
}) => {
  for (const path of pages) {
    const headers = (await request.get(path)).headers();
    const csp = headers['content-security-policy'] ?? '';
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    if (isEmbed(path)) {
      expect(headers['x-frame-options'], path).toBeUndefined();
      expect(csp, path).toBe('frame-ancestors *');
    } else {
      expect(headers['x-frame-options'], path).toBe('SAMEORIGIN');
      expect(csp, path).toBe("frame-ancestors 'self'");
    }
  }
});

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
