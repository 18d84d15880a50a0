import { describe, expect, it } from 'vitest';
import { evaluateScratch, maxLength } from '~lib/scratch/math.ts';

const scope = {
  z: [0.1, 0.7, 0.3],
  W_hh: [
    [1, 2],
    [3, 4],
  ],
  h_prev: [1, -1],
};
const ok = (e: string) => {
  const r = evaluateScratch(e, scope);
  if (!r.ok) throw new Error(`${e}: ${r.message}`);
  return r;
};
const refused = (e: string) => {
  const r = evaluateScratch(e, scope);
  expect(r.ok, e).toBe(false);
  return r.ok ? '' : r.message;
};

describe('evaluateScratch', () => {
  it('evaluateScratch("max(z)") gives the largest entry of the live vector', () => {
    expect(ok('max(z)').value).toBe(0.7);
  });
  it('evaluateScratch("W_hh * h_prev") multiplies matrix by vector', () => {
    expect(ok('W_hh * h_prev').value).toEqual([-1, -1]);
  });
  it('evaluateScratch("f(x) = x / (1 + abs(x)); f(0.5)") runs a custom activation', () => {
    expect(ok('f(x) = x / (1 + abs(x)); f(0.5)').value).toBeCloseTo(1 / 3, 12);
  });
  it('evaluateScratch indexes one-based like the chapters: W_hh[1, 2] and W_hh[1:2, 1]', () => {
    expect(ok('W_hh[1, 2]').value).toBe(2);
    expect(ok('W_hh[1:2, 1]').value).toEqual([1, 3]);
  });
  it('evaluateScratch offers sigmoid and softmax elementwise', () => {
    const s = ok('softmax(z)').value as number[];
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(ok('sigmoid(0)').value).toBe(0.5);
  });
  it('evaluateScratch does not let assignments leak into the widget scope', () => {
    ok('z = 5');
    expect(scope.z).toEqual([0.1, 0.7, 0.3]);
  });
  it.each([
    ['import({})', /import/],
    ["createUnit('x')", /createUnit/],
    ["evaluate('1')", /evaluate/],
    ["parse('1')", /parse/],
    ["simplify('x')", /simplify/],
    ["derivative('x^2', 'x')", /derivative/],
    ['f(x) = f(x)', /recursion/],
    ['f(x) = g(x); g(x) = f(x); f(1)', /recursion/],
    ['[].constructor', /Property access/],
    ['z.constructor', /Property access/],
    ['__proto__', /not allowed/],
    ['{a: 1}', /Objects/],
    ['1:1e9', /Ranges/],
    ['identity(100000)', /not available/],
  ])('evaluateScratch(%j) is refused with a message', (expr, why) => {
    expect(refused(expr)).toMatch(why);
  });
  it('evaluateScratch(\'cos.constructor("return process")()\') is refused without running anything', () => {
    expect(refused('cos.constructor("return process")()').length).toBeGreaterThan(0);
  });
  it('evaluateScratch(10 000 characters) is refused by length before parsing', () => {
    expect(refused('1+'.repeat(5000))).toMatch(String(maxLength));
  });
  it('evaluateScratch(deeply nested input) evaluates within the length limit without throwing', () => {
    expect(ok(`${'('.repeat(240)}1${')'.repeat(240)}`).value).toBe(1);
  });
  it('evaluateScratch(a sum of 250 terms) is refused as too large', () => {
    expect(refused(Array(250).fill('1').join('+'))).toMatch(/too large/);
  });
  it('evaluateScratch(unknown symbol) lists the symbols that exist', () => {
    expect(refused('q + 1')).toMatch(/Available: z, W_hh, h_prev/);
  });
});
