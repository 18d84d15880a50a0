import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { pseudoCatalog } from '../lib/i18n/pseudo.ts';

/**
 * The message catalog's build: Paraglide compiles messages/<locale>.json (the inlang project in
 * project.inlang/) into typed message functions in src/lib/i18n/paraglide/ (git-ignored: it is generated on
 * every build, dev start, unit-test run and typecheck, and by `npm ci`'s prepare step, so a fresh clone has it).
 *
 * STEPWISE_LOCALE=en-XA builds the site in the pseudo-locale instead (tests only): the catalog is compiled from
 * a generated project under .out/i18n-pseudo/ whose base locale is en-XA (every English message wrapped in ⟦…⟧
 * and padded ~30 %), into its own folder, and `./paraglide/…` imports resolve there. Nothing under src/ changes,
 * so a pseudo build can run beside other builds and tests.
 */
const root = new URL('../../', import.meta.url).pathname;
const outdir = join(root, 'src/lib/i18n/paraglide');
const pseudoRoot = join(root, '.out/i18n-pseudo');

/** The test-only pseudo-locale's tag (the CLDR pseudo-locale for "long, accented English"). */
export const pseudoLocale = 'en-XA';

/** Options shared by every compile: one module per message (what lets a bundle keep only the strings it uses). */
const options = {
  strategy: ['custom-page', 'baseLocale'] as ['custom-page', 'baseLocale'],
  outputStructure: 'message-modules' as const,
  emitReadme: false,
  emitPrettierIgnore: false,
};

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
 * Vite plugins for astro.config.mjs, vitest.config.ts and vite.elements.config.ts: Paraglide's compiler (it
 * recompiles when a message file changes in dev) and, in a pseudo build, the redirect of `./paraglide/…`.
 */
export function i18nPlugins() {
  const paths = catalogPaths();
  const plugins = [paraglideVitePlugin({ ...options, ...paths })];
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
  const plugin = paraglideVitePlugin({ ...options, ...catalogPaths() }) as unknown as {
    vite: { config: { handler: () => void } };
    buildStart: (this: { addWatchFile: () => void }) => Promise<void>;
  };
  plugin.vite.config.handler();
  await plugin.buildStart.call({ addWatchFile: () => {} });
  process.exit(0);
}

if (process.argv[1] === new URL(import.meta.url).pathname) await compileCatalog();
