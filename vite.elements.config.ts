import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build, defineConfig, type InlineConfig, type Plugin } from 'vite';
import { i18nPlugins } from './src/build/i18n.ts';

/**
 * The <stepwise-widget> custom element as ONE script to include,
 * `<outDir>/stepwise-widgets.js` (ES module), plus `chunks/` with what it
 * loads later (KaTeX and Observable Plot, after the first paint, as on the
 * site; imported relative to the script, so the folder moves as one) and
 * `fonts/` with KaTeX's woff2 files beside it. `npm run build` runs it after the site (see
 * elementsIntegration in astro.config.mjs), writing dist/elements/;
 * `npm run build:elements` runs it alone.
 */
const root = new URL('.', import.meta.url).pathname;
const katexDir = join(root, 'node_modules/katex/dist');
const defaultOut = process.env.STEPWISE_ELEMENTS_OUT ?? join(root, 'dist/elements');

/** KaTeX's CSS without its @font-face rules, and the woff2 faces to register on the document instead. */
function katex() {
  const css = readFileSync(join(katexDir, 'katex.min.css'), 'utf8');
  const fonts: { family: string; file: string; weight: string; style: string }[] = [];
  const bare = css.replace(/@font-face\{([^}]*)\}/g, (_m, body: string) => {
    const family = /font-family:([^;]+)/.exec(body)?.[1]?.trim() ?? '';
    const file = /url\(fonts\/([^)]+\.woff2)\)/.exec(body)?.[1] ?? '';
    const weight = /font-weight:([^;]+)/.exec(body)?.[1]?.trim() ?? 'normal';
    const style = /font-style:([^;]+)/.exec(body)?.[1]?.trim() ?? 'normal';
    if (family && file) fonts.push({ family, file, weight, style });
    return '';
  });
  return { css: bare, fonts };
}

/**
 * The site's tokens and base rules, moved from :root onto the element's box inside the shadow root. The box and
 * stage classes are prefixed: widgets have their own `.box` (the LSTM's four inputs, a diagram's gate), which
 * the host's `all: initial` and 16 px rem reset while it was called `.box`.
 */
function siteCss(): string {
  const css = readFileSync(join(root, 'src/styles/global.css'), 'utf8');
  return css
    .replace(/:root\[data-theme="dark"\]/g, '.stepwise-box[data-theme="dark"]')
    .replace(/:root:not\(\[data-theme="dark"\]\)/g, '.stepwise-box:not([data-theme="dark"])')
    .replace(/:root/g, '.stepwise-box');
}

/**
 * Host rules: nothing inherited from the page gets in; the box looks like a Stepwise page. Type is sized by
 * the element alone: `rem` in the widgets' CSS is rewritten to --stepwise-rem (remUnits), so a deck whose
 * root font size is 40px does not blow the widget up, and `present` sets one larger size for the whole widget
 * (its colours come with the site's tokens: global.css's :root.present, rewritten by siteCss). The widget's own
 * margin is dropped with one class more than the widget frame's scoped rule, which comes later in the sheet (a
 * 36 px band above every widget in the deck).
 */
const hostCss = `
:host { all: initial; display: block; contain: layout paint; }
:host([hidden]) { display: none; }
.stepwise-box { all: initial; display: block; background: var(--bg-raised); color: var(--text); font-family: var(--font-body);
  font-size: 17px; line-height: 1.6; text-align: left; -webkit-text-size-adjust: 100%; --stepwise-rem: 16px; }
.stepwise-box.fit { position: relative; width: 100%; height: 100%; overflow: hidden; }
.stepwise-box.fit .stepwise-stage { position: absolute; top: 0; left: 0; transform-origin: 0 0; padding: 2px; }
.stepwise-box.present { font-size: 25.2px; --stepwise-rem: 24px; }
.stepwise-box.present:not(.fit) { height: 100%; overflow: auto; }
.stepwise-box.present:not(.fit):focus-visible { outline: 3px solid var(--accent); outline-offset: -3px; }
.stepwise-box .stepwise-stage [data-widget] { margin: 0; }
.stepwise-stage [data-widget] .katex-display { overflow-y: hidden; }
.stepwise-stage [data-widget="multi-head"] .heads { grid-template-columns: repeat(auto-fill, minmax(min(100%, 32rem), 1fr)); }
.unknown { font: 14px system-ui, sans-serif; color: #9b1c1c; }
`;

/** `1.5rem` → `calc(1.5 * var(--stepwise-rem))`: inside a shadow root rem would still be the host page's root size. */
export function remUnits(css: string): string {
  return css.replace(/(^|[^\w.-])(-?(?:\d+\.?\d*|\.\d+))rem\b/g, '$1calc($2 * var(--stepwise-rem))');
}

/** Moves the widgets' extracted CSS into the script (adopted as a constructable stylesheet at runtime). */
function inlineCss(katexCss: string): Plugin {
  return {
    name: 'stepwise-inline-css',
    enforce: 'post',
    generateBundle(_options, bundle) {
      let widgetCss = '';
      for (const [name, file] of Object.entries(bundle)) {
        if (file.type === 'asset' && name.endsWith('.css')) {
          widgetCss += String(file.source);
          delete bundle[name];
        }
      }
      const css = remUnits([hostCss, katexCss, siteCss(), widgetCss].join('\n'));
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk') file.code = file.code.replaceAll('__STEPWISE_CSS__', JSON.stringify(css));
      }
    },
  };
}

/** Copies the KaTeX woff2 files the element registers next to the script. */
function copyFonts(outDir: string, fonts: { file: string }[]): Plugin {
  return {
    name: 'stepwise-katex-fonts',
    writeBundle() {
      mkdirSync(join(outDir, 'fonts'), { recursive: true });
      for (const f of fonts) copyFileSync(join(katexDir, 'fonts', f.file), join(outDir, 'fonts', f.file));
    },
  };
}

export function elementsConfig(outDir = defaultOut): InlineConfig {
  const k = katex();
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    resolve: {
      alias: {
        '~engine': join(root, 'src/engine'),
        '~lib': join(root, 'src/lib'),
        '~components': join(root, 'components'),
      },
      conditions: ['browser'],
    },
    define: {
      __KATEX_FONTS__: JSON.stringify(k.fonts),
      'import.meta.env.BASE_URL': JSON.stringify('/'),
    },
    plugins: [svelte({ emitCss: true }), ...i18nPlugins(), inlineCss(k.css), copyFonts(outDir, k.fonts)],
    // Workers (the lab's) are bundled with worker.plugins only: they need the catalog too.
    worker: { plugins: () => i18nPlugins() },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      cssCodeSplit: false,
      reportCompressedSize: false,
      lib: {
        entry: join(root, 'src/elements/stepwise-widgets.ts'),
        formats: ['es'],
        fileName: () => 'stepwise-widgets.js',
      },
      // Dynamic imports (KaTeX, Plot) become chunks beside the script instead of being inlined into it.
      rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true } },
    },
  };
}

/** Astro integration: after the site is built, build the element bundle into <outDir>/elements/. */
export function elementsIntegration() {
  return {
    name: 'stepwise-elements',
    hooks: {
      'astro:build:done': async ({ dir }: { dir: URL }) => {
        await build(elementsConfig(join(dir.pathname, 'elements')));
      },
    },
  };
}

export default defineConfig(elementsConfig());
