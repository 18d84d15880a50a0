import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

/**
 * Builds the full-text search index with Pagefind after the site is written: dist/pagefind/ holds a
 * WebAssembly search engine and the index split into fragments, fetched only when a reader opens search
 * (src/lib/search/). Only elements marked `data-pagefind-body` (the chapter column) are indexed; widget
 * numbers and KaTeX's glyph layer are left out, the widget titles and formulas' MathML words are kept.
 * Pagefind keeps one index per `<html lang>`, so a second language is indexed by the same call.
 */
export function searchIndexIntegration(): AstroIntegration {
  return {
    name: 'stepwise:search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({
          excludeSelectors: [
            '.katex-html',
            '.katex-mathml annotation',
            '[data-widget] > :not(.widget-head)',
            '.widget-head > :not(h3)',
          ],
        });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length > 0) throw new Error(`Pagefind indexing failed: ${added.errors.join('; ')}`);
        if (added.page_count === 0) throw new Error('Pagefind indexed no page: is data-pagefind-body missing?');
        const written = await index.writeFiles({ outputPath: `${site}pagefind` });
        if (written.errors.length > 0) throw new Error(`Pagefind could not write: ${written.errors.join('; ')}`);
        // Pagefind also writes its ready-made UIs; the site has its own (src/lib/search), so they would only
        // add unused files to every offline cache.
        for (const f of readdirSync(`${site}pagefind`)) {
          if (/^pagefind-(component-ui|modular-ui|ui|highlight)\./.test(f)) rmSync(`${site}pagefind/${f}`);
        }
        logger.info(`search index: ${added.page_count} pages`);
        await pagefind.close();
      },
    },
  };
}
