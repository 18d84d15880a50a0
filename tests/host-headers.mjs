// How static hosts read a _headers file, for the test server (serve-dist.mjs)
// and tests/lib/host-headers.test.ts. Two models, each after its host's own
// code:
// - Cloudflare Pages (workers-sdk, asset-worker utils/headers.ts and
//   rules-engine.ts): `*` matches anything (slashes too), `:name` one path
//   segment; every matching rule applies in file order; `! Name` removes a
//   header set so far; a header set again by a later rule is appended
//   (comma-joined); the file's headers replace the host's defaults.
// - Netlify (netlify/build headers-parser, line_parser.ts and for_regexp.ts):
//   a line without `:` is skipped, so `! Name` does nothing; `:name` matches
//   one segment, a trailing slash is optional and matching ignores case. How
//   production merges one header set by two matching rules is not
//   documented (the CLI lets the later rule win), so the site's file never
//   does that (the test checks it).

/**
 * @typedef {{ pattern: string, set: [string, string][], unset: string[] }} Rule
 * A path pattern with the headers it sets (lower-case names) and removes.
 */

/**
 * Parses a _headers file: blocks of a path pattern followed by indented
 * `Name: value` lines or `! Name` lines.
 * @param {string} text
 * @returns {Rule[]}
 */
export function parseHeaders(text) {
  /** @type {Rule[]} */
  const rules = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), set: [], unset: [] });
      continue;
    }
    const rule = rules.at(-1);
    if (!rule) continue;
    const body = line.trim();
    if (body.startsWith('!')) rule.unset.push(body.slice(1).trim().toLowerCase());
    else {
      const i = body.indexOf(':');
      if (i > 0) rule.set.push([body.slice(0, i).trim().toLowerCase(), body.slice(i + 1).trim()]);
    }
  }
  return rules;
}

const escapeRegExp = (/** @type {string} */ s) => s.replace(/[-/\\^$+?.()|[\]{}]/g, '\\$&');

/**
 * Cloudflare's pattern: `*` → any text, `:name` → one segment, anchored.
 * @param {string} pattern
 */
export function cloudflarePattern(pattern) {
  const body = pattern
    .split('*')
    .map((part) => escapeRegExp(part).replace(/:[A-Za-z]\w*/g, '[^/]+'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/**
 * Netlify's pattern: per segment, `:name` → one segment, a lone `*` → anything; trailing slash optional; any case.
 * @param {string} pattern
 */
export function netlifyPattern(pattern) {
  const parts = pattern
    .split('/')
    .filter(Boolean)
    .map((part) => {
      if (part.startsWith(':')) return '([^/]+)';
      if (part === '*') return '?(.*)';
      if (part.includes('*')) return part.split('*').map(escapeRegExp).join('(.*)');
      return escapeRegExp(part);
    });
  return new RegExp(`^/${parts.join('/')}/?$`, 'iu');
}

/**
 * The headers Cloudflare Pages sends for `path`, on top of `defaults` (lower-case names).
 * @param {Rule[]} rules
 * @param {string} path
 * @param {Record<string, string>} [defaults]
 * @returns {Record<string, string>}
 */
export function cloudflareHeaders(rules, path, defaults = {}) {
  /** @type {Record<string, string>} */
  const out = { ...defaults };
  const fromFile = new Set();
  for (const rule of rules) {
    if (!cloudflarePattern(rule.pattern).test(path)) continue;
    for (const name of rule.unset) delete out[name];
    for (const [name, value] of rule.set) {
      const prior = out[name];
      out[name] = fromFile.has(name) && prior !== undefined ? `${prior}, ${value}` : value;
      fromFile.add(name);
    }
  }
  return out;
}

/**
 * The headers Netlify sends for `path` (`!` lines ignored; a later matching rule wins on a shared name).
 * @param {Rule[]} rules
 * @param {string} path
 * @returns {Record<string, string>}
 */
export function netlifyHeaders(rules, path) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const rule of rules) {
    if (!netlifyPattern(rule.pattern).test(path)) continue;
    /** @type {Record<string, string>} */
    const own = {};
    for (const [name, value] of rule.set) own[name] = own[name] === undefined ? value : `${own[name]}, ${value}`;
    Object.assign(out, own);
  }
  return out;
}
