import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cloudflareHeaders,
  cloudflarePattern,
  netlifyHeaders,
  netlifyPattern,
  parseHeaders,
} from '../host-headers.mjs';

/**
 * public/_headers read the way Cloudflare Pages and Netlify read it
 * (tests/host-headers.mjs): every kind of page the site has gets the same
 * headers on both hosts, site pages refuse other sites' frames and /embed/
 * pages allow them. The browser checks the Cloudflare reading on the real
 * build (hardening-security.spec.ts, through tests/serve-dist.mjs).
 */

const root = new URL('../../', import.meta.url).pathname;
const text = readFileSync(join(root, 'public/_headers'), 'utf8');
const rules = parseHeaders(text);

/** One URL per route file in src/pages (a [param] becomes "x") and per file in public/examples. */
function pagePaths(): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(join(root, dir))) {
      if (statSync(join(root, dir, name)).isDirectory()) walk(`${dir}/${name}`, `${prefix}${name}/`);
      else if (name.endsWith('.astro')) {
        const slug = name.replace(/\.astro$/, '').replace(/^\[.+\]$/, 'x');
        out.push(slug === 'index' ? prefix : `${prefix}${slug}/`);
      }
    }
  };
  walk('src/pages', '/');
  for (const name of readdirSync(join(root, 'public/examples'))) out.push(`/examples/${name}`);
  return out;
}

const paths = pagePaths();
const isEmbed = (p: string) => p.startsWith('/embed/');

describe('public/_headers on Cloudflare Pages and Netlify', () => {
  it('the routes found include the home page, a one-segment page, a slide deck, an example and an embed', () => {
    expect(paths).toEqual(expect.arrayContaining(['/', '/x/', '/slides/demo/', '/embed/x/']));
    expect(paths.some((p) => p.startsWith('/examples/'))).toBe(true);
  });

  it('uses only `Name: value` lines (Netlify skips `! Name` removals)', () => {
    expect(rules.flatMap((r) => r.unset)).toEqual([]);
  });

  for (const path of paths) {
    it(`${path}: no header is set by two rules that match it, on either host`, () => {
      for (const pattern of [cloudflarePattern, netlifyPattern]) {
        const names = rules.filter((r) => pattern(r.pattern).test(path)).flatMap((r) => r.set.map(([n]) => n));
        expect(names.filter((n, k) => names.indexOf(n) !== k)).toEqual([]);
      }
    });
    it(`${path}: Cloudflare and Netlify send the same ${isEmbed(path) ? 'frame-anyone' : 'same-origin-frames-only'} headers`, () => {
      const cf = cloudflareHeaders(rules, path);
      expect(netlifyHeaders(rules, path)).toEqual(cf);
      expect(cf['x-content-type-options']).toBe('nosniff');
      if (isEmbed(path)) {
        expect(cf['x-frame-options']).toBeUndefined();
        expect(cf['content-security-policy']).toBe('frame-ancestors *');
      } else {
        expect(cf['x-frame-options']).toBe('SAMEORIGIN');
        expect(cf['content-security-policy']).toBe("frame-ancestors 'self'");
      }
    });
  }
});

describe('the <stepwise-widget> bundle is readable from any origin', () => {
  for (const file of [
    '/elements/stepwise-widgets.js',
    '/elements/chunks/a.js',
    '/elements/fonts/KaTeX_Main-Regular.woff2',
  ]) {
    it(`${file}: Access-Control-Allow-Origin * on both hosts (a deck elsewhere imports it as a module)`, () => {
      const cf = cloudflareHeaders(rules, file);
      expect(netlifyHeaders(rules, file)).toEqual(cf);
      expect(cf['access-control-allow-origin']).toBe('*');
      expect(cf['cross-origin-resource-policy']).toBe('cross-origin');
    });
  }
  it('site pages do not send Access-Control-Allow-Origin', () => {
    expect(cloudflareHeaders(rules, '/gru/')['access-control-allow-origin']).toBeUndefined();
  });
});

describe('caching', () => {
  it('content-named build files (/_astro/) are kept a year on both hosts; pages and the element bundle are not', () => {
    for (const file of [
      '/_astro/client.Cd-EuNXQ.js',
      '/_astro/global.Cv2t1vZU.css',
      '/_astro/KaTeX_Main-Regular.B22Nviop.woff2',
    ]) {
      const cf = cloudflareHeaders(rules, file);
      expect(netlifyHeaders(rules, file)).toEqual(cf);
      expect(cf['cache-control'], file).toBe('public, max-age=31536000, immutable');
    }
    for (const path of ['/', '/gru/', '/zh/gru/', '/embed/gru-cell/', '/elements/stepwise-widgets.js', '/sw.js'])
      expect(cloudflareHeaders(rules, path)['cache-control'], path).toBeUndefined();
  });
});

describe('the host models (tests/host-headers.mjs)', () => {
  const cloudflareOnly = parseHeaders(
    [
      '/*',
      '  X-Frame-Options: SAMEORIGIN',
      "  Content-Security-Policy: frame-ancestors 'self'",
      '/embed/*',
      '  ! X-Frame-Options',
      '  ! Content-Security-Policy',
      '  Content-Security-Policy: frame-ancestors *',
    ].join('\n'),
  );

  it('cloudflareHeaders detaches `! Name` headers and appends a header set again by a later rule', () => {
    expect(cloudflareHeaders(cloudflareOnly, '/embed/a/')).toEqual({ 'content-security-policy': 'frame-ancestors *' });
    const twice = parseHeaders('/*\n  A: 1\n/x/*\n  A: 2');
    expect(cloudflareHeaders(twice, '/x/y')).toEqual({ a: '1, 2' });
    expect(cloudflareHeaders(twice, '/z', { a: 'host', b: 'host' })).toEqual({ a: '1', b: 'host' });
  });

  it('netlifyHeaders ignores `! Name`, so the Cloudflare-only form keeps X-Frame-Options on embeds', () => {
    expect(netlifyHeaders(cloudflareOnly, '/embed/a/')['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('`:page` matches one segment on both hosts; Netlify also matches without the trailing slash and in any case', () => {
    expect(cloudflarePattern('/:page/').test('/gru/')).toBe(true);
    expect(cloudflarePattern('/:page/').test('/embed/gru/')).toBe(false);
    expect(netlifyPattern('/:page/').test('/gru')).toBe(true);
    expect(netlifyPattern('/:page/').test('/embed/gru/')).toBe(false);
    expect(netlifyPattern('/embed/*').test('/EMBED/gru/')).toBe(true);
    expect(cloudflarePattern('/*').test('/a/b/c.js')).toBe(true);
  });
});
