import { describe, expect, it } from 'vitest';
import { byChapterOrder, chapterNumbers, chapterRef, neighbours } from '~lib/site/chapters.ts';

describe('chapterRef', () => {
  it('chapterRef("02-memory") gives order 2, slug "memory" and href "/memory/"', () => {
    expect(chapterRef('02-memory')).toEqual({ id: '02-memory', slug: 'memory', order: 2, href: '/memory/' });
  });
  it('chapterRef(id) without a number sorts last and keeps the id as slug', () => {
    const ref = chapterRef('appendix');
    expect(ref.slug).toBe('appendix');
    expect(ref.order).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('byChapterOrder and neighbours', () => {
  const entries = [{ id: '10-multi-head' }, { id: '00-start-here' }, { id: '02-memory' }, { id: 'zz' }];
  it('byChapterOrder(entries) orders by folder number, numberless last', () => {
    expect(byChapterOrder(entries).map((e) => e.id)).toEqual(['00-start-here', '02-memory', '10-multi-head', 'zz']);
  });
  it('neighbours(sorted, id) returns the previous and next entries', () => {
    const sorted = byChapterOrder(entries);
    expect(neighbours(sorted, '02-memory')).toEqual({ prev: { id: '00-start-here' }, next: { id: '10-multi-head' } });
    expect(neighbours(sorted, '00-start-here').prev).toBeUndefined();
    expect(neighbours(sorted, 'missing')).toEqual({});
  });
});

describe('chapterNumbers', () => {
  it('numbers only the entries marked numbered, in the order given, skipping gaps in folder numbers', () => {
    const sorted = [
      { id: '00-start-here', data: {} },
      { id: '02-memory', data: { numbered: true } },
      { id: '09-scores', data: { numbered: true } },
      { id: '16-teaching', data: { numbered: false } },
      { id: '14-costs', data: { numbered: true } },
    ];
    expect([...chapterNumbers(sorted)]).toEqual([
      ['02-memory', 1],
      ['09-scores', 2],
      ['14-costs', 3],
    ]);
  });
});
