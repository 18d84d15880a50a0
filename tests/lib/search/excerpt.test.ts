import { describe, expect, it } from 'vitest';
import { excerptParts } from '~lib/search/excerpt.ts';

describe('excerptParts', () => {
  it('splits an excerpt into text and <mark> matches, unescaping entities', () => {
    expect(excerptParts('the <mark>forget</mark> gate &amp; c&lt;t&gt;')).toEqual([
      { text: 'the ', match: false },
      { text: 'forget', match: true },
      { text: ' gate & c<t>', match: false },
    ]);
  });
  it('never passes markup through: tags other than mark are dropped, not rendered', () => {
    expect(excerptParts('<img src=x onerror=alert(1)>a <mark><b>b</b></mark>')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
    ]);
  });
  it('an excerpt with no match is one text run; an empty one is no run', () => {
    expect(excerptParts('plain')).toEqual([{ text: 'plain', match: false }]);
    expect(excerptParts('')).toEqual([]);
  });
});
