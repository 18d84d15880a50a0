import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { minifiedPublicScripts, minifyScript } from '../../src/build/minify-public.ts';

const source = (name: string) => readFileSync(new URL(`../../public/${name}`, import.meta.url), 'utf8');
const gz = (text: string) => gzipSync(text, { level: 6 }).length;

describe('public scripts minified at build time (src/build/minify-public.ts)', () => {
  for (const name of minifiedPublicScripts) {
    it(`${name}: smaller gzipped, no comments left, and still a script that parses`, () => {
      const min = minifyScript(name, source(name));
      expect(gz(min)).toBeLessThan(gz(source(name)) * 0.7);
      expect(min).not.toMatch(/\/\/ |\/\*/);
      expect(() => new Function(min)).not.toThrow();
      // What the page relies on survives: the stored choice's key and the attributes it sets.
      for (const kept of ['stepwise-theme', 'prefers-color-scheme: dark', 'contents-folding', 'data-theme-toggle'])
        expect(min, kept).toContain(kept);
    });
  }

  it('refuses a script that does not parse, naming it', () => {
    expect(() => minifyScript('broken.js', 'let = ;')).toThrow(/broken\.js/);
  });
});
