import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { widgetById, widgets } from '~components/widgets/registry.ts';

const root = new URL('../../../', import.meta.url).pathname;
const widgetDir = join(root, 'components/widgets');

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return svelteFiles(full);
    return name.endsWith('.svelte') ? [full] : [];
  });
}

/** A widget: a component that renders a WidgetFrame, or one in components/widgets that renders such a component. */
function isWidget(file: string, text: string): boolean {
  if (text.includes('<WidgetFrame')) return true;
  if (dirname(file) !== widgetDir) return false;
  return [...text.matchAll(/import \w+ from '\.\/(\w+\.svelte)'/g)].some((m) =>
    readFileSync(join(widgetDir, m[1] ?? ''), 'utf8').includes('<WidgetFrame'),
  );
}

/**
 * The ids of every widget in components/widgets: a literal `id="…"` on its WidgetFrame or the component's
 * default `id = '…'` prop (a wrapper, e.g. PretrainedTranslate, gives the widget it renders its own default id).
 */
function frameIds(): Map<string, string> {
  const ids = new Map<string, string>();
  for (const file of svelteFiles(widgetDir)) {
    const text = readFileSync(file, 'utf8');
    if (!isWidget(file, text)) continue;
    const literal = /<WidgetFrame[^>]*\bid="([^"]+)"/.exec(text)?.[1];
    const prop = /\bid\s*=\s*'([^']+)'/.exec(text)?.[1];
    const id = literal ?? prop;
    if (!id) throw new Error(`${relative(root, file)}: a WidgetFrame whose id this test cannot read`);
    ids.set(id, relative(root, file));
  }
  return ids;
}

describe('widget registry', () => {
  it('registers every WidgetFrame id used in components/widgets', () => {
    const found = frameIds();
    expect(found.size).toBeGreaterThanOrEqual(18);
    const missing = [...found].filter(([id]) => !widgetById(id)).map(([id, file]) => `${id} (${file})`);
    expect(missing, 'widgets without a registry entry').toEqual([]);
  });

  it('registers every widget a chapter places, under the id it shows (so each has an /embed/ page and a Share menu)', () => {
    const registered = new Set(widgets.map((w) => w.id));
    const defaults = new Map<string, string>();
    for (const file of svelteFiles(widgetDir)) {
      const id = /\bid\s*=\s*'([^']+)'/.exec(readFileSync(file, 'utf8'))?.[1];
      if (id) defaults.set(relative(widgetDir, file).replace(/\.svelte$/, ''), id);
    }
    const placed: string[] = [];
    for (const dir of readdirSync(join(root, 'content'))) {
      const mdx = readFileSync(join(root, 'content', dir, 'index.mdx'), 'utf8');
      const imports = new Map(
        [...mdx.matchAll(/import (\w+) from '~components\/widgets\/(\w+)\.svelte'/g)].map((m) => [m[1], m[2]]),
      );
      for (const m of mdx.matchAll(/<(\w+)\b([^>]*?)\/?>/g)) {
        const file = imports.get(m[1] ?? '');
        if (file === undefined) continue;
        const id = /\bid="([^"]+)"/.exec(m[2] ?? '')?.[1] ?? defaults.get(file) ?? `${file} (no id)`;
        placed.push(`${id} on ${dir}`);
      }
    }
    expect(placed.length).toBeGreaterThanOrEqual(20);
    expect(placed.filter((p) => !registered.has(p.split(' on ')[0] ?? ''))).toEqual([]);
  });

  it('lists no widget that does not exist, and each id once', () => {
    const found = frameIds();
    expect(widgets.filter((w) => !found.has(w.id)).map((w) => w.id)).toEqual([]);
    expect(new Set(widgets.map((w) => w.id)).size).toBe(widgets.length);
  });

  it('loads exactly one component per registered id (the portable ones also in portable-components.ts)', () => {
    const keysOf = (file: string, name: string) => {
      const text = readFileSync(join(root, 'src/elements', file), 'utf8');
      const map = new RegExp(`${name}\\b[\\s\\S]*? = \\{\\n([\\s\\S]*?)\\n\\};`).exec(text)?.[1] ?? '';
      return [...map.matchAll(/^\s*'?([\w-]+)'?\s*:/gm)].map((m) => m[1] ?? '');
    };
    const portable = keysOf('portable-components.ts', 'portableComponents');
    const loaders = keysOf('widget-components.ts', 'widgetLoaders');
    expect(loaders.sort()).toEqual(widgets.map((w) => w.id).sort());
    expect(portable.sort()).toEqual(
      widgets
        .filter((w) => w.element)
        .map((w) => w.id)
        .sort(),
    );
  });

  it('points every widget at a chapter page that exists and marks the steppers', () => {
    const slugs = readdirSync(join(root, 'content')).map((d) => `/${d.replace(/^\d+-/, '')}/`);
    for (const w of widgets) expect(slugs, w.id).toContain(w.chapter);
    for (const w of widgets) {
      const file = frameIds().get(w.id) ?? '';
      const usesStepper = readFileSync(join(root, file), 'utf8').includes('stepperKey(');
      expect(w.steps, `${w.id} steps`).toBe(usesStepper);
    }
  });
});
