import { describe, expect, it } from 'vitest';
import { matchLocale, pageLocale, useLocale } from '~lib/i18n/locale.ts';
import { pseudoCatalog, pseudoText } from '~lib/i18n/pseudo.ts';
import { slots } from '~lib/i18n/slots.ts';

describe('locale', () => {
  it('matchLocale(tag) takes the catalog language exactly or by its primary subtag, else none', () => {
    expect(matchLocale('en')).toBe('en');
    expect(matchLocale('EN-gb')).toBe('en');
    expect(matchLocale('xx-unknown')).toBeUndefined();
    expect(matchLocale(null)).toBeUndefined();
  });
  it('useLocale(tag) ignores a language the catalog lacks (the page keeps its own)', () => {
    expect(useLocale('xx')).toBe(pageLocale());
  });
});

describe('slots', () => {
  it('slots(render, names) splits a message around its values, in the order the message puts them', () => {
    expect(slots((v) => `${v.done} of ${v.total} exercises done.`, ['done', 'total'])).toEqual([
      '',
      { slot: 'done' },
      ' of ',
      { slot: 'total' },
      ' exercises done.',
    ]);
    expect(slots((v) => `von ${v.total}: ${v.done}`, ['done', 'total'])).toEqual([
      'von ',
      { slot: 'total' },
      ': ',
      { slot: 'done' },
      '',
    ]);
  });
});

describe('pseudo-locale', () => {
  it('pseudoText(text) wraps, accents and lengthens literal text by about 30 %, keeping placeholders', () => {
    const p = pseudoText('Step {current} of {total}');
    expect(p.startsWith('⟦') && p.endsWith('⟧')).toBe(true);
    expect(p).toContain('{current}');
    expect(p).toContain('{total}');
    expect(p).not.toMatch(/Step|of/);
    expect(p.length).toBeGreaterThanOrEqual(Math.round('Step {current} of {total}'.length * 1.25));
  });
  it('pseudoCatalog(en) transforms every variant of a plural message and keeps its selectors', () => {
    const en = {
      $schema: 's',
      n: [
        {
          declarations: ['input count'],
          selectors: ['c'],
          match: { 'c=one': '{count} page', 'c=other': '{count} pages' },
        },
      ],
    };
    const out = pseudoCatalog(en) as typeof en;
    expect(out.$schema).toBe('s');
    expect(out.n[0]?.selectors).toEqual(['c']);
    expect(out.n[0]?.match['c=other']).toMatch(/^⟦\{count\} ƥàĝéš/);
  });
});

describe('Intl formatters in compiled messages', () => {
  /** Runs `body` with Intl[name] replaced by a subclass that counts its constructions. */
  async function counting(name: 'PluralRules' | 'NumberFormat', body: () => Promise<void> | void): Promise<number> {
    const original = Intl[name];
    let made = 0;
    // biome-ignore lint/suspicious/noExplicitAny: a stand-in for either Intl constructor
    (Intl as any)[name] = class Counting extends (original as any) {
      // biome-ignore lint/suspicious/noExplicitAny: the constructor's own arguments
      constructor(...args: any[]) {
        super(...args);
        made++;
      }
    };
    try {
      await body();
    } finally {
      // biome-ignore lint/suspicious/noExplicitAny: restoring the original
      (Intl as any)[name] = original;
    }
    return made;
  }
  // Through the same Vite plugin as the site: Paraglide's registry as the bundles get it.
  it("registry.plural and registry.number make one formatter per locale and options, and answer as Intl's own", async () => {
    const registry = await import('~lib/i18n/paraglide/registry.js');
    const ordinal = { type: 'ordinal' } as const;
    const plurals = await counting('PluralRules', () => {
      expect([1, 2, 3, 11].map((n) => registry.plural('en', n, ordinal))).toEqual(['one', 'two', 'few', 'other']);
    });
    expect(plurals).toBe(1);
    const money = { style: 'currency', currency: 'EUR' } as const;
    const numbers = await counting('NumberFormat', () => {
      expect(registry.number('en', 1234.5, money)).toBe('€1,234.50');
      expect(registry.number('en', 2, money)).toBe('€2.00');
      expect(registry.number('en', 2, { ...money, currency: 'USD' })).toBe('$2.00');
    });
    // One per options: EUR and USD.
    expect(numbers).toBe(2);
  });
});
