import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { init, parse } from 'es-module-lexer';

/**
 * An island's module imports its chunks, which import theirs: the browser finds each level only after it has
 * fetched and parsed the one above, so a chapter's widgets waited for three or four round trips after the page
 * itself (on /gru/ the last chunk arrived 195 ms after the load event, before hydration could start). Listing
 * every module a `client:load` island imports statically as a `<link rel="modulepreload">` in the <head> starts
 * all of them at once, while the HTML is parsed. Nothing is fetched that hydration would not fetch anyway:
 * dynamic imports (the scratchpad's math library, KaTeX, Plot) and `client:visible` islands are left alone.
 */
export function preloadIslandsIntegration(): AstroIntegration {
  return {
    name: 'stepwise:preload-islands',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        await init;
        const site = fileURLToPath(dir);
        const imports = (url: string) => staticImports(readFileSync(join(site, url), 'utf8'), url);
        let pages = 0;
        for (const file of htmlFiles(site)) {
          const html = readFileSync(file, 'utf8');
          const withLinks = addModulePreloads(html, imports);
          if (withLinks === html) continue;
          writeFileSync(file, withLinks);
          pages += 1;
        }
        logger.info(`module preloads: ${pages} pages`);
      },
    },
  };
}

/** The site URLs `source` (served at `url`) imports statically, resolved against `url`. */
export function staticImports(source: string, url: string): string[] {
  const [found] = parse(source);
  const out: string[] = [];
  for (const entry of found) {
    // d === -1: a static import or re-export (`import … from`, `import "…"`, `export … from`).
    if (entry.d !== -1 || entry.n === undefined) continue;
    if (!entry.n.startsWith('.') && !entry.n.startsWith('/')) continue;
    out.push(new URL(entry.n, `https://site${url}`).pathname);
  }
  return out;
}

/**
 * The page with a modulepreload link, at the end of its <head>, for every module its `client:load` islands
 * (their component and renderer) import statically, directly or not, and not already linked. Unchanged when
 * it has no such island.
 */
export function addModulePreloads(html: string, importsOf: (url: string) => readonly string[]): string {
  const roots = new Set<string>();
  for (const island of html.matchAll(/<astro-island\b[^>]*>/g)) {
    const tag = island[0];
    if (!/\bclient="load"/.test(tag)) continue;
    for (const attr of ['component-url', 'renderer-url']) {
      const url = new RegExp(`\\b${attr}="([^"]+)"`).exec(tag)?.[1];
      if (url !== undefined) roots.add(url);
    }
  }
  if (roots.size === 0) return html;
  const closure = new Set<string>();
  const visit = (url: string) => {
    if (closure.has(url)) return;
    closure.add(url);
    for (const next of importsOf(url)) visit(next);
  };
  for (const root of roots) visit(root);
  const linked = new Set(
    [...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]),
  );
  const links = [...closure]
    .filter((url) => !linked.has(url))
    .map((url) => `<link rel="modulepreload" href="${url}">`)
    .join('');
  return html.replace('</head>', `${links}</head>`);
}

function* htmlFiles(root: string, at = root): Generator<string> {
  for (const entry of readdirSync(at, { withFileTypes: true })) {
    const path = join(at, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(root, path);
    else if (entry.name.endsWith('.html') && !relative(root, path).startsWith('pagefind')) yield path;
  }
}
