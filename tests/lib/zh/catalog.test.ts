// The Chinese catalog and twins against the English ones and the glossary (issue 23): read as files, so the
// test sees exactly what the build compiles.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const json = (path: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

type Variant = { declarations?: string[]; match?: Record<string, string> };
type Message = string | Variant[];

const en = json('messages/en.json') as Record<string, Message>;
const zh = json('messages/zh.json') as Record<string, Message>;
const glossary = json('messages/glossary.zh.json') as {
  terms: { en: string; zh: string; avoid?: string[] }[];
};
const allowedMissing = (json('tests/lib/zh/allowed-missing.json') as { keys: string[] }).keys;

const keys = (catalog: Record<string, Message>) => Object.keys(catalog).filter((k) => !k.startsWith('$'));

/** The values a message shows: its {placeholders}, a local (`local countPlural = count: plural`) counted as the
 *  input it formats. An input used only to pick a plural form is not shown, so Chinese (one form) may drop it. */
function shownParameters(message: Message): string[] {
  const shown = new Set<string>();
  const locals = new Map<string, string>();
  const texts = typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match ?? {}));
  for (const v of typeof message === 'string' ? [] : message)
    for (const d of v.declarations ?? []) {
      const local = /^local (\S+) = ([^\s:]+)/.exec(d);
      if (local?.[1] && local[2]) locals.set(local[1], local[2]);
    }
  for (const text of texts) for (const m of text.matchAll(/\{([^{}\s]+)\}/g)) if (m[1]) shown.add(m[1]);
  return [...new Set([...shown].map((p) => locals.get(p) ?? p))].sort();
}

const twins = readdirSync(new URL('content/', root))
  .map((dir) => `content/${dir}/index.zh.mdx`)
  .filter((path) => existsSync(new URL(path, root)));

describe('the Chinese catalog', () => {
  it('every en key has Chinese, except the allow-list (tests/lib/zh/allowed-missing.json), which only shrinks', () => {
    const missing = keys(en).filter((k) => !(k in zh));
    // The report: which en keys still lack Chinese (printed so a run shows the work left).
    if (missing.length) console.log(`en keys without Chinese (${missing.length}):\n  ${missing.join('\n  ')}`);
    expect(missing.filter((k) => !allowedMissing.includes(k))).toEqual([]);
    expect(allowedMissing.filter((k) => !missing.includes(k))).toEqual([]);
  });

  it('zh has no key English lacks (a renamed or removed message leaves no stale Chinese)', () => {
    expect(keys(zh).filter((k) => !(k in en))).toEqual([]);
  });

  it('every zh message shows the same {parameters} as its en message', () => {
    const differ = keys(zh)
      .filter((k) => k in en)
      .map((k) => ({
        key: k,
        en: shownParameters(en[k] as Message),
        zh: shownParameters(zh[k] as Message),
      }))
      .filter((d) => d.en.join() !== d.zh.join());
    expect(differ).toEqual([]);
  });

  it('shownParameters counts a plural local as its input and drops a selector-only input', () => {
    const plural: Message = [
      {
        declarations: ['input count', 'input rows', 'local countPlural = count: plural'],
        match: {
          'countPlural=one': 'row {rows}',
          'countPlural=other': 'rows {rows}',
        },
      },
    ];
    expect(shownParameters(plural)).toEqual(['rows']);
    expect(
      shownParameters([
        {
          declarations: ['input d', 'local t = d: number'],
          match: { '': 'δ = {t}' },
        },
      ]),
    ).toEqual(['d']);
    expect(shownParameters('第 {number} 章')).toEqual(['number']);
  });
});

describe('the glossary', () => {
  const texts: [string, string][] = [
    ['messages/zh.json', JSON.stringify(zh)],
    ...twins.map((path): [string, string] => [path, readFileSync(new URL(path, root), 'utf8')]),
  ];

  it('finds the twins and has terms with variants to avoid', () => {
    expect(twins.length).toBeGreaterThanOrEqual(18);
    expect(glossary.terms.some((t) => t.avoid?.length)).toBe(true);
  });

  it('no avoid variant appears in messages/zh.json or any content/*/index.zh.mdx', () => {
    const found = glossary.terms.flatMap((t) =>
      (t.avoid ?? []).flatMap((variant) =>
        texts.filter(([, text]) => text.includes(variant)).map(([path]) => `${variant} in ${path} (use ${t.zh})`),
      ),
    );
    expect(found).toEqual([]);
  });
});
