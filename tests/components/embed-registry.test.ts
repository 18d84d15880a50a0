import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { widgetById, widgets } from '../../components/widgets/registry.ts';

const root = new URL('../../', import.meta.url).pathname;
const widgetDir = join(root, 'components/widgets');

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return svelteFiles(full);
    return name.endsWith('.svelte') ? [full] : [];
  });
}

/** The ids of every WidgetFrame in components/widgets: a literal `id="…"` or the component's default `id = '…'` prop. */
function frameIds(): Map<string, string> {
  const ids = new Map<string, string>();
  for (const file of svelteFiles(widgetDir)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('<WidgetFrame')) continue;
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

  it('lists no widget that does not exist, and each id once', () => {
    const found = frameIds();
    expect(widgets.filter((w) => !found.has(w.id)).map((w) => w.id)).toEqual([]);
    expect(new Set(widgets.map((w) => w.id)).size).toBe(widgets.length);
  });

  it('imports exactly one component per registered id (portable ones in portable-components.ts)', () => {
    const keysOf = (file: string, name: string) => {
      const text = readFileSync(join(root, 'src/elements', file), 'utf8');
      const map = new RegExp(`${name}[^{]*\\{([^}]*)\\}`).exec(text)?.[1] ?? '';
      return [...map.matchAll(/^\s*'?([\w-]+)'?\s*:/gm)].map((m) => m[1] ?? '');
    };
    const portable = keysOf('portable-components.ts', 'portableComponents');
    const siteOnly = keysOf('widget-components.ts', 'widgetComponents');
    expect([...portable, ...siteOnly].sort()).toEqual(widgets.map((w) => w.id).sort());
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
