import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxCallCost } from '~lib/scratch/check.ts';
import { evaluateScratch, maxElements, maxLength } from '~lib/scratch/math.ts';

/**
 * The scratchpad's mathjs sandbox against published mathjs escapes (mathjs
 * issues #821/#822, the 2024 import/createUnit/reviver fixes, the 2026
 * array-index and property-setter CVEs), JavaScript-escape idioms, unicode
 * tricks, and inputs that would freeze the page or run it out of memory.
 * Every one is refused with a message (evaluateScratch never throws), nothing
 * leaks into the JavaScript world, and random token soup never throws.
 */

const scope = {
  z: [0.1, 0.7, 0.3],
  W: [
    [1, 2],
    [3, 4],
  ],
};

function refused(expression: string): string {
  const start = performance.now();
  const r = evaluateScratch(expression, scope);
  expect(performance.now() - start, `${expression} took too long`).toBeLessThan(1500);
  expect(r.ok, `${expression} was evaluated: ${r.ok ? r.text : ''}`).toBe(false);
  return r.ok ? '' : r.message;
}

const escapes: string[] = [
  // mathjs #821 and #822 (2017)
  '["//","a/*\\nreturn process.mainModule.require"]._data.map(cos.constructor)[1]()("child_process").execSync("ps")',
  'import({matrix:cos.constructor},{override:1});x=["process.exit()"];x()',
  'a=["process.exit()"]._data;a.isRange=true;x={subset:cos.constructor}[a];x()',
  '{}.constructor.assign(cos.constructor, {binding: cos.bind})',
  'cos.constructor.binding()("console.log(1)")()',
  // the brief's list
  'cos.constructor',
  'a = cos; a.constructor',
  'a = cos; a["constructor"]',
  '[1].map',
  '[1].map(cos)',
  'z.map(cos)',
  'sqrt.toString',
  'sqrt.toString()',
  'evaluate("1")',
  'evaluate("evaluate(\\"1\\")")',
  'parse("1").compile().evaluate()',
  'compile("1")',
  'import({}, {override: true})',
  'createUnit("foo")',
  'reviver',
  'resolve("x")',
  'simplify("x")',
  'f(x) = f(x); f(1)',
  'f(x) = g(x); g(x) = h(x); h(x) = f(x); f(1)',
  // property and prototype access through every syntax
  'z.constructor',
  'z._data',
  'W.valueOf',
  '__proto__',
  'prototype',
  'constructor',
  'z["constructor"]',
  'x = {a: 1}',
  '"text"',
  "'text'",
  // CVE-2026-41139/40897 shapes: objects posing as arrays, setting non-index properties
  'a = [1,2]; a.length = 1e9',
  'W[{length: 1, reduce: cos}]',
  'a = [1]; a.map = cos; a * 2',
  // unicode: look-alikes and invisible characters spell nothing forbidden and reach nothing
  'ｃos.constructor',
  'cos.con\u200bstructor',
  'co\u0073.constructor',
  'cos.ｃonstructor',
  '\u202ecos.constructor',
  // calls of anything but a named function
  '(cos)(1)',
  'f(x) = x; f.constructor',
  'g(h) = h(1); g(cos)',
  // huge work or memory
  'a = [1]; a[1e9] = 1',
  'a = z; a[100000] = 1',
  'W[1:1e8, 1] = 0',
  '1:1e9',
  `a=z;${Array(20).fill('a=concat(a,a)').join(';')}`,
  'a=concat(z,z,z,z,z,z,z,z,z,z);b=concat(a,a,a,a,a,a,a,a,a,a);c=concat(b,b,b,b,b,b,b,b,b,b);d=concat(c,c,c,c,c,c,c,c,c,c)',
  `f0(x)=x+1;${Array.from({ length: 20 }, (_, i) => `f${i + 1}(x)=f${i}(f${i}(x))`).join(';')};f20(0)`,
  'identity(100000)',
  'zeros(1e9)',
  'ones(1e5, 1e5)',
  'range(1, 1e9)',
  // size limits
  '1+'.repeat(300),
  Array(300).fill('1').join('+'),
];

describe('evaluateScratch against sandbox escapes and denial of service', () => {
  it.each(escapes.map((e) => [e.length > 80 ? `${e.slice(0, 77)}…` : e, e]))(
    'evaluateScratch(%j) is refused with a message and nothing runs',
    (_, expression) => {
      const message = refused(expression);
      expect(message.length).toBeGreaterThan(0);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it(`refuses a matrix larger than ${maxElements} entries however it is built`, () => {
    expect(refused('a = [1]; a[20000] = 1')).toMatch(String(maxElements));
    expect(refused(`a=z;${Array(14).fill('a=concat(a,a)').join(';')}`)).toMatch(String(maxElements));
  });

  it(`refuses nested user functions that would make more than ${maxCallCost} calls`, () => {
    const defs = Array.from({ length: 14 }, (_, i) => `f${i + 1}(x)=f${i}(f${i}(x))`).join(';');
    expect(refused(`f0(x)=x+1;${defs};f14(0)`)).toMatch(/calls/);
    // Eight levels (256 calls) are fine.
    const small = Array.from({ length: 8 }, (_, i) => `f${i + 1}(x)=f${i}(f${i}(x))`).join(';');
    const r = evaluateScratch(`f0(x)=x+1;${small};f8(0)`, scope);
    expect(r.ok && r.value).toBe(256);
  });

  it(`refuses expressions longer than ${maxLength} characters before parsing them`, () => {
    expect(refused('z'.repeat(100_000))).toMatch(String(maxLength));
  });

  it('still evaluates ordinary expressions after all of the above (the instance is not poisoned)', () => {
    for (const e of escapes) evaluateScratch(e, scope);
    const r = evaluateScratch('W * [1; 1] + max(z)', scope);
    expect(r.ok && r.value).toEqual([[3.7], [7.7]]);
    expect(evaluateScratch('a = [1, 2]; a[2] = 5; a', scope)).toMatchObject({ ok: true, value: [1, 5] });
  });

  it('evaluateScratch(random token soup) never throws and never takes long', () => {
    const token = fc.constantFrom(
      ...['z', 'W', '1', '1e308', '-', '+', '*', '/', '^', "'", '.', ',', ';', '=', '(', ')', '[', ']', ':', 'end'],
      ...['cos', 'max', 'concat', 'f', 'x', 'f(x)=', 'constructor', '"', '{', '}', 'sum', 'softmax', 'NaN', 'Infinity'],
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
        const start = performance.now();
        const r = evaluateScratch(tokens.join(''), scope);
        expect(typeof r.ok).toBe('boolean');
        expect(performance.now() - start).toBeLessThan(1500);
      }),
      { seed: 20_260_909, numRuns: 300 },
    );
  });

  it('evaluateScratch(random unicode strings) never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        expect(typeof evaluateScratch(text, scope).ok).toBe('boolean');
      }),
      { seed: 20_260_909, numRuns: 200 },
    );
  });
});
