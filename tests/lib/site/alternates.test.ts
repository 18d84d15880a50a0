import { describe, expect, it } from 'vitest';
import { matchAnchors, otherLocale } from '~lib/site/alternates.ts';
import { prefersChinese } from '~lib/site/language-switch.ts';

describe('matchAnchors', () => {
  const en = [
    { depth: 2, slug: 'the-two-gates' },
    { depth: 3, slug: 'try-it' },
    { depth: 2, slug: 'references' },
  ];
  it('matchAnchors(en, zh) pairs heading ids one for one, leaving out ids equal in both', () => {
    const zh = [
      { depth: 2, slug: '两个门' },
      { depth: 3, slug: '可以试试' },
      { depth: 2, slug: 'references' },
    ];
    expect(matchAnchors(en, zh)).toEqual({ 'the-two-gates': '两个门', 'try-it': '可以试试' });
  });
  it('matchAnchors pairs nothing when the lists differ in length or depth', () => {
    expect(matchAnchors(en, en.slice(1))).toEqual({});
    expect(
      matchAnchors(
        en,
        en.map((h) => ({ ...h, slug: `${h.slug}-x`, depth: 2 })),
      ),
    ).toEqual({});
  });
});

describe('otherLocale and prefersChinese', () => {
  it('otherLocale switches between the two editions', () => {
    expect(otherLocale('en')).toBe('zh');
    expect(otherLocale('zh')).toBe('en');
  });
  it('prefersChinese(languages) is decided by the first language the site has', () => {
    expect(prefersChinese(['zh-CN', 'en-US'])).toBe(true);
    expect(prefersChinese(['fr', 'zh-TW', 'en'])).toBe(true);
    expect(prefersChinese(['en-GB', 'zh-CN'])).toBe(false);
    expect(prefersChinese(['de'])).toBe(false);
  });
});
