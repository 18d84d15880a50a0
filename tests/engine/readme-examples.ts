import { describe, expect, it } from 'vitest';
import * as engine from '~engine/index.ts';

/**
 * Runs every ```ts block of a README as a test. Blocks are plain ES (so they
 * paste into a browser console) and import only from ~engine/index.ts; the
 * imports become bindings to the engine module and `console.assert` throws,
 * so a wrong example fails.
 */
const IMPORT = /^import\s*\{([^}]*)\}\s*from\s*'~engine\/index\.ts';\s*$/gm;

/** Runs one README block with its engine imports bound and a throwing console.assert; returns how many asserts ran. */
export function runExample(code: string): number {
  let asserts = 0;
  const names: string[] = [];
  const body = code.replace(IMPORT, (_, list: string) => {
    names.push(
      ...list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    return '';
  });
  if (/^\s*import\s/m.test(body)) throw new Error('README blocks may only import from ~engine/index.ts');
  const strictConsole = {
    ...console,
    assert: (ok: unknown, ...msg: unknown[]) => {
      asserts++;
      if (!ok) throw new Error(`console.assert failed${msg.length ? `: ${msg.join(' ')}` : ''}`);
    },
  };
  const fn = new Function('engine', 'console', `'use strict';\nconst { ${names.join(', ')} } = engine;\n${body}`);
  fn(engine, strictConsole);
  return asserts;
}

/** One suite per README: at least `minBlocks` examples, a failing-assert check, and one test per block. */
export function describeReadmeExamples(path: string, readme: string, minBlocks: number): void {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  describe(`${path} examples`, () => {
    it(`the README has at least ${minBlocks} runnable \`\`\`ts examples`, () => {
      expect(blocks.length).toBeGreaterThanOrEqual(minBlocks);
    });
    it('a README block whose console.assert is false fails', () => {
      expect(() =>
        runExample("import { tensor } from '~engine/index.ts';\nconsole.assert(tensor([1]).at(0) === 2);"),
      ).toThrow('console.assert failed');
    });
    blocks.forEach((code, k) => {
      const first = code.split('\n').find((l) => l.trim() !== '' && !l.startsWith('import')) ?? '';
      it(`README example ${k + 1} runs and its asserts hold (${first.trim().slice(0, 60)})`, () => {
        expect(runExample(code), 'console.assert calls the block ran').toBeGreaterThan(0);
      });
    });
  });
}
