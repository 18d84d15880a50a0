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
