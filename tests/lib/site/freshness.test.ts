import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { behindReport, sourceHash, twinFreshness } from '~lib/site/freshness.ts';

describe('sourceHash', () => {
  it('sourceHash(text) is the first 12 hex digits of its sha256', () => {
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    expect(sourceHash('abc')).toBe('ba7816bf8f01');
  });
  it('sourceHash(file bytes) equals `sha256sum file | cut -c1-12`, what translators write', () => {
    const file = 'content/04-gru/index.mdx';
    const printed = execFileSync('sha256sum', [file], { encoding: 'utf8' }).slice(0, 12);
    expect(sourceHash(readFileSync(file))).toBe(printed);
  });
});

describe('twinFreshness and behindReport', () => {
  const english = '# GRU\n';
  const hash = sourceHash(english);
  it('twinFreshness(id, hash of the English, English) is not behind', () => {
    expect(twinFreshness('04-gru', hash, english)).toEqual({
      id: '04-gru',
      translatedFrom: hash,
      current: hash,
      behind: false,
    });
  });
  it('twinFreshness is behind once the English changes, and behindReport names the page and both hashes', () => {
    const stale = twinFreshness('04-gru', hash, `${english}One more sentence.\n`);
    expect(stale.behind).toBe(true);
    const report = behindReport([stale, twinFreshness('05-lstm', hash, english)], 'Chinese');
    expect(report).toBe(
      `1 Chinese page(s) behind their English: 04-gru (translatedFrom ${hash}, English now ${stale.current})`,
    );
  });
  it('behindReport is undefined when every twin is up to date', () => {
    expect(behindReport([twinFreshness('04-gru', hash, english)], 'Chinese')).toBeUndefined();
  });
});
