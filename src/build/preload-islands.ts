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
 * all of them at once, while the HTML is parsed. An embed page's widget, which its island imports at run time,
 * is linked with its imports too. Nothing is fetched that hydration would not fetch anyway: other dynamic
 * imports (the scratchpad's math library, KaTeX, Plot) and `client:visible` islands are left alone.
 */
export function preloadIslandsIntegration(): AstroIntegration {
  return {
    name: 'stepwise:preload-islands',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        await init;
        const site = fileURLToPath(dir);
        const imports = (url: string) => staticImports(readFileSync(join(site, url), 'utf8'), url);
        const chunks = readdirSync(join(site, '_astro')).map((f) => `/_astro/${f}`);
        let pages = 0;
        for (const file of htmlFiles(site)) {
          const html = readFileSync(file, 'utf8');
          const widget = embeddedWidget(html, chunks);
          // Every embed page names a registered widget, so a miss means the name stem rule broke: say so.
          if (html.includes('data-embed-widget=') && widget.length === 0)
            throw new Error(`${relative(site, file)}: no chunk is named after its widget's component`);
          const withLinks = addModulePreloads(html, [...loadIslands(html), ...widget], imports);
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

/** The component and renderer modules of a page's `client:load` islands. */
export function loadIslands(html: string): string[] {
  const roots: string[] = [];
  for (const island of html.matchAll(/<astro-island\b[^>]*>/g)) {
    const tag = island[0];
    if (!/\bclient="load"/.test(tag)) continue;
    for (const attr of ['component-url', 'renderer-url']) {
      const url = new RegExp(`\\b${attr}="([^"]+)"`).exec(tag)?.[1];
      if (url !== undefined) roots.push(url);
    }
  }
  return roots;
}

/**
 * An embed page's one widget (`<body data-embed-widget="gru-cell">`), which its island imports at run time
 * (src/elements/embed-widget.ts): the chunk named after the widget's component (`GruCell.<hash>.js`; the
 * registry's one name stem per widget), or none when no chunk has that name. A widget wrapping a diagram of the
 * same name (BahdanauDiagram) gives two chunks, both of which the widget needs: both are returned.
 */
export function embeddedWidget(html: string, chunks: readonly string[]): string[] {
  const id = /<body\b[^>]*\bdata-embed-widget="([a-z0-9-]+)"/.exec(html)?.[1];
  if (id === undefined) return [];
  const stem = id.replace(/(^|-)([a-z0-9])/g, (_, _dash, c: string) => c.toUpperCase());
  return chunks.filter((url) => new RegExp(`^/_astro/${stem}\\.[\\w-]+\\.js$`).test(url));
}

/**
 * The page with a modulepreload link, at the end of its <head>, for every module `roots` import statically,
 * directly or not (the roots included), and not already linked. Unchanged when there are no roots.
 */
export function addModulePreloads(
  html: string,
  rootList: readonly string[],
  importsOf: (url: string) => readonly string[],
): string {
  const roots = new Set(rootList);
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
