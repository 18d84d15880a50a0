import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type WidgetEntry, widgets } from '~components/widgets/registry.ts';
import { sharedState, widgetFields } from '~components/widgets/registry-fields.ts';

/**
 * The widget contract: every registered widget follows each step of the README's "Adding a widget" (component,
 * state class, registry entry, link fields, frame, embed, tests). The checks read the sources as text, so a
 * widget that skips a step fails here with its id and the step, before any browser runs.
 */

const root = resolve(new URL('../../../', import.meta.url).pathname);
const widgetDir = join(root, 'components/widgets');
const elementsDir = join(root, 'src/elements');

function sourceFiles(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full, ext);
    return ext.test(name) ? [full] : [];
  });
}

/** An import path as written in `from` (relative to `fromFile`, or a ~engine/~lib/~components alias), made absolute. */
function resolveImport(fromFile: string, path: string): string {
  const aliases: Record<string, string> = { '~engine': 'src/engine', '~lib': 'src/lib', '~components': 'components' };
  const alias = Object.keys(aliases).find((a) => path === a || path.startsWith(`${a}/`));
  if (alias) return join(root, aliases[alias] ?? '', path.slice(alias.length));
  return resolve(dirname(fromFile), path);
}

/** The default imports of a file, by local name: `import Foo from '…'`. */
function defaultImports(file: string): Map<string, string> {
  const text = readFileSync(file, 'utf8');
  return new Map([...text.matchAll(/^import (\w+) from '([^']+)';/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

/**
 * `'id': Component` (a static import) or `'id': () => import('…')` (a loader) pairs of the object literal `name`
 * in src/elements/`file`, each with its component file.
 */
function componentMap(file: string, name: string): Map<string, string> {
  const full = join(elementsDir, file);
  const text = readFileSync(full, 'utf8');
  const body = new RegExp(`${name}\\b[\\s\\S]*? = \\{\\n([\\s\\S]*?)\\n\\};`).exec(text)?.[1] ?? '';
  const imports = defaultImports(full);
  const out = new Map<string, string>();
  for (const m of body.matchAll(/^\s*'?([\w-]+)'?\s*:\s*(?:\(\) => import\('([^']+)'\)|(\w+))/gm)) {
    out.set(m[1] ?? '', resolveImport(full, m[2] ?? imports.get(m[3] ?? '') ?? ''));
  }
  return out;
}

const portable = componentMap('portable-components.ts', 'portableComponents');
const componentOf = componentMap('widget-components.ts', 'widgetLoaders');

/**
 * Where widget `id` wires its link: the component whose script calls `linkState('<id>', fields, …)`; a wrapper that
 * renders another component as `widget="<id>"` (the pretrained models) leads to that component's
 * `linkState(widget, …)`. Returns the file, its text and the fields' import path and name.
 */
function linkSite(id: string, file: string): { file: string; text: string; fields: string; fieldsFrom: string } {
  let text = readFileSync(file, 'utf8');
  const byProp = /linkState\(\s*(?:\/\/[^\n]*\n\s*)*widget,\s*(\w+)/;
  let call = new RegExp(`linkState\\(\\s*'${id}',\\s*(\\w+)`).exec(text);
  // A component that shows several ids (`widget` prop) calls linkState(widget, …) and defaults to one of them.
  if (!call && text.includes(`widget = '${id}'`)) call = byProp.exec(text);
  if (!call) {
    const wrapped = new RegExp(`<(\\w+)[^>]*\\bwidget="${id}"`).exec(text);
    const inner = wrapped ? defaultImports(file).get(wrapped[1] ?? '') : undefined;
    if (inner) {
      file = resolveImport(file, inner);
      text = readFileSync(file, 'utf8');
      call = byProp.exec(text);
    }
  }
  const fields = call?.[1] ?? '';
  const from = new RegExp(`import \\{[^}]*\\b${fields}\\b[^}]*\\} from '([^']+)'`).exec(text)?.[1];
  return { file, text, fields, fieldsFrom: from ? resolveImport(file, from) : '' };
}

function sites(): [WidgetEntry, ReturnType<typeof linkSite>][] {
  return widgets.map((w) => [w, linkSite(w.id, componentOf.get(w.id) ?? '')]);
}

/** A widget id's component name: `gru-cell` → `GruCell`. */
function pascal(id: string): string {
  return id.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase());
}

/** Where a widget's state file may sit: the models, or the lab's folder (the lab keeps its state with its worker). */
const stateDirs = ['components/state/models', 'components/widgets/lab'];

/** Files in components/state/models named for no widget: the bases a family of widgets extends. */
const familyBases = ['gated-cell', 'decoding'];

/**
 * The README's one-name-stem rule, as problems (empty when every widget keeps it): the component of `id` is
 * components/widgets/<Pascal id>.svelte, and the fields its linkState reads come from `<id>.svelte.ts` (or `<id>.ts`)
 * in a state folder, or from the state file of the widget `sharedState` names for it.
 */
function stemProblems(entries: readonly { id: string; component: string; stateFile: string }[]): string[] {
  const problems: string[] = [];
  for (const { id, component, stateFile } of entries) {
    const want = `components/widgets/${pascal(id)}.svelte`;
    if (component !== want) problems.push(`${id}: component ${component}, want ${want}`);
    const owner: string = (sharedState as Record<string, string>)[id] ?? id;
    const files = stateDirs.flatMap((d) => [`${d}/${owner}.svelte.ts`, `${d}/${owner}.ts`]);
    if (!files.includes(stateFile)) problems.push(`${id}: state ${stateFile}, want ${owner}.svelte.ts (or .ts)`);
  }
  return problems;
}

describe('widget registry', () => {
  it('loads exactly one component per registered id (the portable ones also in portable-components.ts)', () => {
    expect([...componentOf.keys()].sort()).toEqual(widgets.map((w) => w.id).sort());
    expect([...portable.keys()].sort()).toEqual(
      widgets
        .filter((w) => w.element)
        .map((w) => w.id)
        .sort(),
    );
    for (const [id, file] of [...componentOf, ...portable]) {
      expect(existsSync(file), `${id}: ${relative(root, file)}`).toBe(true);
      if (portable.has(id)) expect(portable.get(id), `${id}: the same component in both lists`).toBe(file);
    }
  });

  it('names each widget’s component and state file from its id (one name stem, README "Adding a widget")', () => {
    const entries = sites().map(([w, site]) => ({
      id: w.id,
      component: relative(root, componentOf.get(w.id) ?? ''),
      stateFile: relative(root, site.fieldsFrom),
    }));
    expect(stemProblems(entries)).toEqual([]);
    // The check can fail: a component or state file off the stem, or a share that points elsewhere, is named.
    const planted = [
      {
        id: 'gru-cell',
        component: 'components/widgets/GruCellWidget.svelte',
        stateFile: 'components/state/models/gru-cell.svelte.ts',
      },
      {
        id: 'gru-cell',
        component: 'components/widgets/GruCell.svelte',
        stateFile: 'components/state/models/gru.svelte.ts',
      },
      {
        id: 'gru-diagram',
        component: 'components/widgets/GruDiagram.svelte',
        stateFile: 'components/state/models/gru-diagram.svelte.ts',
      },
    ];
    expect(stemProblems(planted)).toHaveLength(3);
    for (const s of Object.values(sharedState)) expect(sharedState, `${s} shows its own model`).not.toHaveProperty(s);
  });

  it('names every state model file for a registered widget or a family base: its state, compute helper (<stem>.compute.ts) or worker (<stem>-worker.ts and -worker-port.ts)', () => {
    const ids = new Set(widgets.map((w) => w.id));
    const stray = readdirSync(join(root, 'components/state/models')).filter((name) => {
      const stem = name.replace(/(-worker-port|-worker)?(\.compute)?(\.svelte)?\.ts$/, '');
      return !familyBases.includes(stem) && !ids.has(stem);
    });
    expect(stray).toEqual([]);
  });

  it('lists each id once, with a title and a chapter page that exists', () => {
    expect(new Set(widgets.map((w) => w.id)).size).toBe(widgets.length);
    const slugs = readdirSync(join(root, 'content')).map((d) => `/${d.replace(/^\d+-/, '')}/`);
    for (const w of widgets) {
      expect(slugs, w.id).toContain(w.chapter);
      expect(w.title().trim(), `${w.id} title (its catalog message)`).not.toBe('');
    }
  });

  it('each widget wires its link by linkState with its own registry id, and its fields are the registry’s', async () => {
    for (const [w, site] of sites()) {
      expect(site.fields, `${w.id}: linkState('${w.id}', fields, …) in ${relative(root, site.file)}`).not.toBe('');
      expect(site.fieldsFrom, `${w.id}: ${site.fields} imported from a state file`).toMatch(/\.ts$/);
      const module = (await import(/* @vite-ignore */ site.fieldsFrom)) as Record<string, object>;
      const fields = module[site.fields];
      expect(fields, `${w.id}: ${site.fields} in ${relative(root, site.fieldsFrom)}`).toBeDefined();
      const listed = widgetFields[w.id as keyof typeof widgetFields] ?? [];
      expect(Object.keys(fields ?? {}), `${w.id}: the link fields its state writes`).toEqual([...listed]);
    }
  });

  it('each widget keeps its numbers in a state class and is framed by WidgetFrame {link}, titled by the registry', () => {
    for (const [w, site] of sites()) {
      expect(site.text, `${w.id}: a state class (new …State() or …Model())`).toMatch(/new [A-Z]\w*(State|Model)\(/);
      const frame = /<WidgetFrame\b([^>]*)>/.exec(site.text)?.[1] ?? '';
      expect(frame, `${w.id}: <WidgetFrame {link} …>`).toMatch(/\{link\}/);
      expect(frame, `${w.id}: the title comes from the registry`).not.toMatch(/\btitle=/);
    }
  });

  it('marks the widgets whose frame walks a stepper (steps) and no others', () => {
    for (const [w, site] of sites()) {
      const walks =
        /\bstepper=\{/.test(/<WidgetFrame\b([^>]*)>/.exec(site.text)?.[1] ?? '') ||
        /stepperKey\(|\.stepper\.key\(/.test(site.text);
      expect(walks, `${w.id} steps`).toBe(w.steps);
    }
  });

  it('has visual baselines for every widget at 1280 and 375 (visual.spec.ts shoots each registered widget)', () => {
    const shots = join(root, 'tests/e2e/visual');
    for (const w of widgets) {
      for (const size of ['1280-light', '375-light']) {
        expect(existsSync(join(shots, `${w.id}-${size}.png`)), `${w.id}-${size}.png`).toBe(true);
      }
    }
  });

  it('builds an /embed/<id>/ page for every registered widget', () => {
    const page = readFileSync(join(root, 'src/pages/embed/[widget].astro'), 'utf8');
    expect(page).toMatch(/widgets\.map\(\(w\) => \(\{ params: \{ widget: w\.id \}/);
  });

  it('no widget wires a link by hand: only linkState makes a UrlSync or publishes a widget', () => {
    const files = [
      ...sourceFiles(widgetDir, /\.(svelte|ts)$/),
      ...sourceFiles(join(root, 'tests/components/kit'), /\.svelte$/),
    ];
    const byHand = files.filter((f) => /new UrlSync\b|publishWidget\(/.test(readFileSync(f, 'utf8')));
    expect(byHand.map((f) => relative(root, f))).toEqual([]);
  });

  it('registers every widget a chapter places (so each has an /embed/ page and a Share menu)', () => {
    const ids = new Map([...componentOf].map(([id, file]) => [file, id]));
    const placed: string[] = [];
    for (const dir of readdirSync(join(root, 'content'))) {
      const mdx = join(root, 'content', dir, 'index.mdx');
      const imports = defaultImports(mdx);
      for (const m of readFileSync(mdx, 'utf8').matchAll(/<(\w+)\b[^>]*?\/?>/g)) {
        const from = imports.get(m[1] ?? '');
        if (!from?.includes('components/widgets/')) continue;
        const file = resolveImport(mdx, from);
        placed.push(`${ids.get(file) ?? relative(root, file)} on ${dir}`);
      }
    }
    expect(placed.length).toBeGreaterThanOrEqual(20);
    const registered = new Set(widgets.map((w) => w.id));
    expect(placed.filter((p) => !registered.has(p.split(' on ')[0] ?? ''))).toEqual([]);
  });
});
