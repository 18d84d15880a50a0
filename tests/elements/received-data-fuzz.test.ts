import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromWorkerSchema, parseMessage, toWorkerSchema } from '~components/widgets/lab/protocol.ts';

/**
 * Nothing the site receives is ever evaluated: postMessage from an embedding
 * page or the lab's worker, and link state, are data checked against schemas.
 * A static scan of the source finds no eval-like sinks at all, and no HTML
 * sink in any file that listens for messages; the message parsers are fuzzed
 * with hostile payloads (they return data or undefined, never throw).
 */

const root = new URL('../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (/\.(ts|js|mjs|svelte|astro)$/.test(name)) out.push(full);
  }
  return out;
}

const files = ['src', 'components', 'public'].flatMap((d) => sources(join(root, d)));
const text = (f: string) => readFileSync(f, 'utf8');
const rel = (f: string) => relative(root, f);

describe('no code from data', () => {
  it('the site’s source has no eval, new Function, string timers or document.write', () => {
    const sinks =
      /\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"`]|set(Timeout|Interval)\s*\(\s*['"`]|document\.write/;
    const found = files.filter((f) => sinks.test(text(f))).map(rel);
    expect(files.length).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });

  it('files that receive messages write no HTML (innerHTML, outerHTML, insertAdjacentHTML, {@html})', () => {
    const listens = files.filter((f) => /addEventListener\(\s*['"]message['"]|\bonmessage\s*=/.test(text(f)));
    expect(listens.length, 'message listeners found').toBeGreaterThan(0);
    const html = /innerHTML|outerHTML|insertAdjacentHTML|\{@html|createContextualFragment|srcdoc/;
    expect(listens.filter((f) => html.test(text(f))).map(rel)).toEqual([]);
  });

  it('{@html} appears only where KaTeX output (escaped, trust limited to \\htmlData) or a chart the build drew is shown', () => {
    const users = files.filter((f) => f.endsWith('.svelte') && text(f).includes('{@html')).map(rel);
    for (const f of users) expect(f).toMatch(/components\/parts\/(Tex|LiveFormula|PlotFigure)\.svelte$/);
  });
});

const hostile = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.record({
    type: fc.constantFrom('train', 'stop', 'decode', 'import', 'stepwise:set', '__proto__'),
    payload: fc.anything(),
  }),
  fc.constantFrom<unknown>(
    { type: 'import', json: '{"__proto__": {"polluted": 1}}' },
    { type: 'train', settings: { constructor: { prototype: { polluted: 1 } } } },
    { type: 'decode', text: '<img src=x onerror=alert(1)>' },
    JSON.parse('{"__proto__": {"polluted": 1}, "type": "stop"}'),
  ),
);

describe('the lab worker’s message parsers', () => {
  it('parseMessage(toWorkerSchema/fromWorkerSchema, hostile data) returns data or undefined, never throws or pollutes', () => {
    const warn = console.warn;
    console.warn = () => {};
    try {
      fc.assert(
        fc.property(hostile, (data) => {
          for (const schema of [toWorkerSchema, fromWorkerSchema]) {
            const out = parseMessage(schema as never, data, 'test');
            expect(out === undefined || typeof out === 'object').toBe(true);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { seed: 20_260_909, numRuns: 300 },
      );
    } finally {
      console.warn = warn;
    }
  });
});

// The embed message API (src/elements/messages.ts), found by a glob: a rename must fail here, not skip the fuzz.
const embed = import.meta.glob('../../src/elements/messages.ts', { eager: true }) as Record<
  string,
  { parseMessage?: (data: unknown, id: string, fields: undefined) => { kind: string } }
>;
const embedParse = Object.values(embed)[0]?.parseMessage;

describe('the embed postMessage parser', () => {
  it('is found (src/elements/messages.ts exports parseMessage)', () => {
    expect(typeof embedParse).toBe('function');
  });

  it('parseMessage(hostile data from any page) is ignored or refused as data, never throws or pollutes', () => {
    fc.assert(
      fc.property(hostile, fc.string({ maxLength: 20 }), (data, widget) => {
        const r = embedParse?.(data, widget, undefined);
        expect(['ignore', 'invalid', 'message']).toContain(r?.kind);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { seed: 20_260_909, numRuns: 300 },
    );
  });
});
