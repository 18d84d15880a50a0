// @ts-check

import { unified } from '@astrojs/markdown-remark';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import { defineConfig } from 'astro/config';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';

// Astro 7's default Markdown processor ignores remark/rehype plugins; the
// unified processor brings the pipeline back so MDX math renders with KaTeX
// at build time (no KaTeX JavaScript ships for prose formulas).
export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [[rehypeKatex, { strict: 'error', throwOnError: true }]],
    }),
  },
  integrations: [svelte(), mdx()],
  devToolbar: { enabled: false },
  vite: {
    resolve: {
      alias: {
        '~engine': new URL('./src/engine', import.meta.url).pathname,
        '~lib': new URL('./src/lib', import.meta.url).pathname,
        '~components': new URL('./components', import.meta.url).pathname,
      },
    },
  },
});
