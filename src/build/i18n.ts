import { copyFileSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { pseudoCatalog } from '../lib/i18n/pseudo.ts';

/**
 * The message catalog's build: Paraglide compiles messages/<locale>.json (the inlang project in
 * project.inlang/) into typed message functions in src/lib/i18n/paraglide/ (git-ignored: it is generated on
 * every build, dev start, unit-test run and typecheck, and by `npm ci`'s prepare step, so a fresh clone has it).
 *
 * STEPWISE_LOCALE=en-XA builds the site in the pseudo-locale instead (tests only): the catalog is compiled from
 * a generated project under node_modules/.cache/ whose base locale is en-XA (every English message wrapped in ⟦…⟧
 * and padded ~30 %), into its own folder, and `./paraglide/…` imports resolve there. Nothing under src/ changes,
 * so a pseudo build can run beside other builds and tests.
 */
const root = new URL('../../', import.meta.url).pathname;
const outdir = join(root, 'src/lib/i18n/paraglide');
const pseudoRoot = join(root, 'node_modules/.cache/stepwise-pseudo-catalog');
/** The page's language as messages ask for it (see askPageLocale). */
const localeModule = join(root, 'src/lib/i18n/locale.ts');

/** The test-only pseudo-locale's tag (the CLDR pseudo-locale for "long, accented English"). */
export const pseudoLocale = 'en-XA';

/**
 * Paraglide's expression for a bundle specialised to one locale (its per-locale builds). With the catalog in one
 * language, a Vite define makes it that language: every message then returns its text without asking which
 * locale is current, and the bundler drops Paraglide's locale runtime from every page (1.1 kB gzipped per
 * page, measured). With two or more languages it stays undefined and the runtime picks the page's language.
 */
const staticLocaleExpression = '/** @type {any} */ (globalThis).__PARAGLIDE_STATIC_LOCALE__';

/** The catalog's languages and base language (project.inlang/settings.json or the pseudo project). */
function projectSettings(project: string): { locales: string[]; baseLocale: string } {
  return JSON.parse(readFileSync(join(project, 'settings.json'), 'utf8'));
}

/**
 * The import every compiled message module opens with. Paraglide's `getLocale` walks its strategy list, and
 * importing it brings its whole client runtime (strategies, setLocale, URL patterns: 1.1 kB gzipped) onto every
 * page that shows a message.
 */
export const runtimeLocaleImport = "import { getLocale, experimentalStaticLocale } from '../runtime.js';";

/**
 * A catalog in two or more languages: a message module asks src/lib/i18n/locale.ts's pageLocale for the page's
 * language (one per document, always answered), as the runtime's getLocale did through a custom strategy, and
 * Paraglide's runtime stays out of the bundles. If Paraglide's output changes shape, nothing matches and
 * nothing changes (tests/build/i18n-locale.test.ts then fails).
 */
export function askPageLocale(code: string, localeModule: string): string {
  return code.replace(
    runtimeLocaleImport,
    `import { pageLocale as getLocale } from ${JSON.stringify(localeModule)};\nconst experimentalStaticLocale = undefined;`,
  );
}

/** The opening of a compiled message's dispatcher: its parameters and the line that picks the language. */
export const dispatcherOpening =
  /\(\(inputs( = \{\})?, options = \{\}\) => \{\n\tconst locale = experimentalStaticLocale \?\? options\.locale \?\? getLocale\(\)\n/g;

/**
 * In the browser a message is never asked for another language than the page's: the only `{ locale }` callers
 * are server-rendered (the language switch and offer in BaseLayout.astro). Its dispatcher then takes the inputs
 * alone and asks the page, which the minifier folds into `e=>l()==="zh"?zh(e):en(e)`: 15–25 bytes gzipped less
 * per message a page ships (0.46 KB on /transformer/, measured on the built chunks). The server keeps the whole
 * dispatcher. If Paraglide's output changes shape, nothing matches and nothing changes.
 */
export function pageOnlyDispatcher(code: string): string {
  return code.replace(dispatcherOpening, '((inputs) => {\n\tconst locale = getLocale()\n');
}

/** A compiled message's dispatcher: `export const key = … => { …locale lines… return en_key(inputs) });`. */
export const monolingualDispatcher =
  /export const (\w+) = [^\n]*\(\(inputs[^\n]*=> \{\n(?:[^\n]*\n)*?\treturn (\w+)\(inputs\)\n\}\);/g;

/**
 * Paraglide's registry builds a new Intl formatter on every call of a message with a plural or a number
 * (`new Intl.PluralRules(locale, options).select(n)`). Each construction reaches into ICU: a profile of 60
 * gradient-flow edits put 0.92 ms per edit in `plural` alone (its backend badge says "N ops" after every
 * computation). This makes each formatter once per constructor, locale and options, and keeps it.
 */
export function cacheIntlFormatters(registry: string): string {
  const constructions = /new Intl\.(\w+)\(locale, (\w+)\)/g;
  if (!constructions.test(registry)) return registry;
  // Small on purpose: it ships on every page that has a widget.
  const helper = [
    'const intlFormatters = {};',
    'function intlFormatter(Formatter, locale, options) {',
    '\treturn (intlFormatters[Formatter.name + locale + JSON.stringify(options)] ??= new Formatter(locale, options));',
    '}',
  ].join('\n');
  return `${registry.replace(constructions, 'intlFormatter(Intl.$1, locale, $2)')}\n${helper}\n`;
}

/** Options shared by every compile: one module per message (what lets a bundle keep only the strings it uses). */
function options(project: string) {
  const monolingual = projectSettings(project).locales.length === 1;
  return {
    // The page's language is chosen by src/lib/i18n/locale.ts, which messages ask directly (askPageLocale):
    // Paraglide's runtime, left to code outside Vite (Playwright's helpers), answers the base language.
    strategy: ['baseLocale'] as ['baseLocale'],
    outputStructure: 'message-modules' as const,
    emitReadme: false,
    emitPrettierIgnore: false,
    ...(monolingual ? { experimentalStaticLocale: staticLocaleExpression } : {}),
  };
}

/** True when this build renders the site in the pseudo-locale (STEPWISE_LOCALE=en-XA). */
export function pseudoBuild(): boolean {
  return process.env.STEPWISE_LOCALE === pseudoLocale;
}

/**
 * Writes the pseudo-locale's inlang project: en.json as it is and en-XA.json generated from it, with en-XA as
 * the base locale (the language every page is built in) and en still available (`?lang=en`).
 */
export function writePseudoProject(): string {
  const project = join(pseudoRoot, 'project.inlang');
  mkdirSync(project, { recursive: true });
  mkdirSync(join(pseudoRoot, 'messages'), { recursive: true });
  copyFileSync(join(root, 'messages/en.json'), join(pseudoRoot, 'messages/en.json'));
  const en = JSON.parse(readFileSync(join(root, 'messages/en.json'), 'utf8'));
  writeFileSync(join(pseudoRoot, `messages/${pseudoLocale}.json`), `${JSON.stringify(pseudoCatalog(en), null, 2)}\n`);
  const settings = JSON.parse(readFileSync(join(root, 'project.inlang/settings.json'), 'utf8'));
  settings.baseLocale = pseudoLocale;
  settings.locales = [pseudoLocale, 'en'];
  // Module paths are relative to the folder that holds project.inlang.
  settings.modules = settings.modules.map((m: string) => `./${relative(pseudoRoot, join(root, m))}`);
  writeFileSync(join(project, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  return project;
}

/** The compile's project and output folder for this build. */
export function catalogPaths(): { project: string; outdir: string } {
  if (pseudoBuild()) return { project: writePseudoProject(), outdir: join(pseudoRoot, 'paraglide') };
  return { project: join(root, 'project.inlang'), outdir };
}

/**
 * A module's path inside the compiled catalog (`messages/x.js`), or undefined for any other module. Vite names a
 * module by its real path: the pseudo catalog lives under node_modules/, which may be a symlink (a git worktree
 * sharing another checkout's node_modules).
 */
function catalogFolder(outdir: string): (id: string) => string | undefined {
  let real: string | undefined;
  return (id) => {
    if (id.startsWith(`${outdir}/`)) return id.slice(outdir.length + 1);
    try {
      real ??= realpathSync(outdir);
    } catch {
      return undefined;
    }
    return id.startsWith(`${real}/`) ? id.slice(real.length + 1) : undefined;
  };
}

/**
 * Vite plugins for astro.config.mjs, vitest.config.ts and vite.elements.config.ts: Paraglide's compiler (it
 * recompiles when a message file changes in dev) and, in a pseudo build, the redirect of `./paraglide/…`.
 */
export function i18nPlugins() {
  const paths = catalogPaths();
  const { locales, baseLocale } = projectSettings(paths.project);
  const catalogFile = catalogFolder(paths.outdir);
  const staticLocale = {
    name: 'stepwise-locales',
    // src/lib/i18n/locale.ts reads the catalog's languages from these (not from Paraglide's runtime, whose
    // top-level statements would then stay in every bundle).
    config: () => ({
      define: {
        __STEPWISE_LOCALES__: JSON.stringify(locales),
        __STEPWISE_BASE_LOCALE__: JSON.stringify(baseLocale),
        __STEPWISE_MULTILINGUAL__: JSON.stringify(locales.length > 1),
        ...(locales.length === 1 ? { 'globalThis.__PARAGLIDE_STATIC_LOCALE__': JSON.stringify(locales[0]) } : {}),
      },
    }),
    // Paraglide's registry keeps its Intl formatters (cacheIntlFormatters). With one language, each message
    // function becomes its one locale's function: the dispatcher around it
    // (which only warns when called with an explicit { locale }, which our code never passes) is 30–150 bytes
    // per message in every bundle. With two or more, each message asks locale.ts for the page's language
    // (askPageLocale). If Paraglide's output changes shape, nothing matches and nothing changes.
    transform(this: { environment?: { config: { consumer: string } } }, code: string, id: string) {
      const file = catalogFile(id);
      if (file === undefined) return null;
      if (id.endsWith('/registry.js')) return { code: cacheIntlFormatters(code) };
      if (locales.length !== 1) {
        if (!file.startsWith('messages/')) return null;
        const asked = askPageLocale(code, localeModule);
        return { code: this.environment?.config.consumer === 'client' ? pageOnlyDispatcher(asked) : asked };
      }
      // The runtime's own top-level statements only prepare server-side message splitting (off here).
      return { code: code.replace(monolingualDispatcher, 'export const $1 = $2;'), moduleSideEffects: false };
    },
  };
  const plugins = [paraglideVitePlugin({ ...options(paths.project), ...paths }), staticLocale];
  if (!pseudoBuild()) return plugins;
  const redirect = {
    name: 'stepwise-pseudo-catalog',
    enforce: 'pre' as const,
    resolveId(source: string, importer: string | undefined) {
      if (importer?.startsWith(join(root, 'src/lib/i18n/')) && source.startsWith('./paraglide/'))
        return join(paths.outdir, source.slice('./paraglide/'.length));
      return null;
    },
  };
  return [...plugins, redirect];
}

/**
 * Compiles the catalog once (`npm run i18n`: npm ci's prepare step, pretypecheck, and tests/run-all.mjs before
 * anything reads it). It runs the Vite plugin's own compile step, so the plugin's cache (project.inlang/cache/)
 * is fresh and the builds and test runs after it find the catalog compiled and skip loading the project (a load
 * leaves timers that hold a process open for up to 30 s: vitest then waits 10 s to close). Exits when done.
 */
export async function compileCatalog(): Promise<void> {
  const paths = catalogPaths();
  const plugin = paraglideVitePlugin({ ...options(paths.project), ...paths }) as unknown as {
    vite: { config: { handler: () => void } };
    buildStart: (this: { addWatchFile: () => void }) => Promise<void>;
  };
  plugin.vite.config.handler();
  await plugin.buildStart.call({ addWatchFile: () => {} });
  process.exit(0);
}

if (process.argv[1] === new URL(import.meta.url).pathname) await compileCatalog();
