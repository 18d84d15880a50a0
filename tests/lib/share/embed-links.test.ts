import { describe, expect, it } from 'vitest';
import { embedUrl } from '~lib/share/embed-links.ts';

describe('embedUrl', () => {
  it('keeps a Chinese page’s language in the embed link and adds nothing for English (issue 23)', () => {
    expect(embedUrl('https://x.test', 'gru-cell', 'abc')).toBe('https://x.test/embed/gru-cell/#w-gru-cell=abc');
    expect(
      embedUrl('https://x.test', 'gru-cell', 'abc', {
        lang: 'en',
        baseLang: 'en',
      }),
    ).toBe('https://x.test/embed/gru-cell/#w-gru-cell=abc');
    expect(
      embedUrl('https://x.test', 'gru-cell', 'abc', {
        lang: 'zh',
        baseLang: 'en',
      }),
    ).toBe('https://x.test/embed/gru-cell/?lang=zh#w-gru-cell=abc');
    expect(embedUrl('https://x.test', 'gru-cell', '', { present: true, lang: 'zh' })).toBe(
      'https://x.test/embed/gru-cell/?present&lang=zh',
    );
    expect(embedUrl('https://x.test', 'gru-cell', '', { present: true })).toBe(
      'https://x.test/embed/gru-cell/?present',
    );
  });
});
