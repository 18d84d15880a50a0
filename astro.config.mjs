// @ts-check

import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import { defineConfig } from 'astro/config';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { i18nPlugins, pseudoBuild } from './src/build/i18n.ts';
import { rehypeKatexPunctuation } from './src/build/katex-punctuation.ts';
import { minifyPublicIntegration } from './src/build/minify-public.ts';
import { offlineIntegration } from './src/build/offline.ts';
import { preloadIslandsIntegration } from './src/build/preload-islands.ts';
import { searchIndexIntegration } from './src/build/search-index.ts';
import { elementsIntegration } from './vite.elements.config.ts';

/**
 * A dynamic import in the browser preloads only JavaScript. Astro links every stylesheet a page can need in
 * its <head> (an embed page's one widget, loaded at run time, included) and emits no per-chunk CSS files, so
 * the CSS Vite would preload with a lazily loaded widget does not exist (a 404 and a CSP-refused style).
 * (Vite always preloads a chunk's CSS with it: the client chunks are told they have none.)
 * @returns {import('vite').Plugin}
 */
function cssFreeDynamicImports() {
  return {
    name: 'stepwise:css-free-dynamic-imports',
    applyToEnvironment: (environment) => environment.name === 'client',
    generateBundle: {
      order: 'pre',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk') chunk.viteMetadata?.importedCss.clear();
      },
    },
  };
}

// Astro 7's default Markdown processor ignores remark/rehype plugins; the
// unified processor brings the pipeline back so MDX math renders with KaTeX
// at build time (no KaTeX JavaScript ships for prose formulas).
export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  // Astro's i18n routing: English at the root, Chinese under /zh/ (src/pages/zh/). It names each page's edition
  // from its URL (Astro.currentLocale, read by src/middleware.ts and the layouts through editionOf).
  i18n: { locales: ['en', 'zh'], defaultLocale: 'en', routing: { prefixDefaultLocale: false } },
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath],
      // Chinese: a formula keeps the full-width comma or full stop after it on its line (katex-punctuation.ts).
      rehypePlugins: [[rehypeKatex, { strict: 'error', throwOnError: true }], rehypeKatexPunctuation],
    }),
  },
  // After the site: the <stepwise-widget> bundle goes to dist/elements/, each page's <head> gets modulepreload links
  // for its client:load islands' imports, the search index goes to dist/pagefind/, public/theme.js is minified,
  // and last the service worker that precaches all of it (dist/sw.js).
  // A pseudo-locale build (tests only) needs no service worker.
  integrations: [
    svelte(),
    mdx(),
    elementsIntegration(),
    preloadIslandsIntegration(),
    searchIndexIntegration(),
    minifyPublicIntegration(),
    ...(pseudoBuild() ? [] : [offlineIntegration()]),
  ],
  devToolbar: { enabled: false },
  // Content Security Policy (a <meta> per page, hashes computed at build time):
  // scripts and stylesheets come from the site itself (the inline <style> and
  // <astro-island> scripts Astro emits are allowed by their hashes), nothing
  // is fetched from anywhere else, and no plugins, <base> or form posts.
  // `style-src-attr 'unsafe-inline'` is the one relaxation: KaTeX's prerendered
  // HTML positions every glyph with style="…" attributes and the widgets set
  // sizes and colours through style: directives. Attribute styles cannot run
  // script; <style> elements and stylesheets stay hash- and self-only.
  // 'wasm-unsafe-eval' lets WebAssembly compile (no JavaScript eval is allowed).
  // frame-ancestors cannot be set in a <meta>: public/_headers sends it (see README).
  security: {
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }] },
    },
  },
  vite: {
    // The message catalog (messages/*.json → typed message functions; see src/build/i18n.ts), and lazy chunks
    // without CSS preloads (cssFreeDynamicImports above).
    plugins: [...i18nPlugins(), cssFreeDynamicImports()],
    // Web Workers are bundled on their own, with only worker.plugins: the lab's worker speaks the catalog too
    // (in a pseudo build its messages must come from the pseudo catalog, as the page's do).
    worker: { plugins: () => i18nPlugins() },
    build: {
      // Fonts stay files: the CSP allows fonts from the site only (font-src 'self'), not data: URLs,
      // and Vite would inline KaTeX's smallest woff2 files (Size3, under 4 kB) as data: URLs.
      assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
    },
    resolve: {
      alias: {
        '~engine': new URL('./src/engine', import.meta.url).pathname,
        '~lib': new URL('./src/lib', import.meta.url).pathname,
        '~components': new URL('./components', import.meta.url).pathname,
      },
    },
  },
});
