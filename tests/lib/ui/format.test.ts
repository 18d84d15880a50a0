import { describe, expect, it } from 'vitest';
import { formatNumber, knownAsciiDecimals, parseFinite, sub, texNumber } from '~lib/ui/format.ts';

describe('formatNumber', () => {
  it('formatNumber(x) rounds to the requested decimals', () => {
    expect(formatNumber(0.63456, 2)).toBe('0.63');
    expect(formatNumber(-1.5, 1)).toBe('−1.5');
  });
  it('formatNumber(x) never prints a negative zero', () => {
    expect(formatNumber(-0, 2)).toBe('0.00');
    expect(formatNumber(-0.004, 2)).not.toMatch(/^−0\.00$/);
  });
  it('formatNumber(x) shows tiny values in exponent form, not as a misleading zero', () => {
    expect(formatNumber(-0.0001, 2)).toBe('−1.0e−4');
    expect(texNumber(0.0001, 2)).toBe('1.0\\times 10^{-4}');
  });
  it('formatNumber(x) names NaN and infinities instead of printing digits', () => {
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('+∞');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('−∞');
  });
  it('formatNumber(x) switches to exponent form for huge values', () => {
    expect(formatNumber(3.2e12, 2)).toBe('3.2e+12');
  });
});

describe('texNumber', () => {
  it('texNumber(x) writes exponents as powers of ten', () => {
    expect(texNumber(3.2e12, 2)).toBe('3.2\\times 10^{12}');
    expect(texNumber(Number.POSITIVE_INFINITY)).toBe('\\infty');
    expect(texNumber(-2, 2)).toBe('-2.00');
  });
});

describe('parseFinite', () => {
  it('parseFinite(text) accepts decimals, exponents and a typographic minus', () => {
    expect(parseFinite(' 1.5 ')).toEqual({ ok: true, value: 1.5 });
    expect(parseFinite('−2e3')).toEqual({ ok: true, value: -2000 });
  });
  it('parseFinite(text) refuses empty text, words, NaN and Infinity with a message', () => {
    for (const bad of ['', 'abc', 'NaN', 'Infinity', '-Infinity', '1e400']) {
      const r = parseFinite(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
    }
  });
});

describe('sub', () => {
  it('sub(n) writes digits as subscripts', () => {
    expect(`z${sub(12)}`).toBe('z₁₂');
  });
});

describe('formatNumber in a language', () => {
  it('the languages formatNumber takes for toFixed writers without asking Intl are ones Intl writes so', () => {
    for (const locale of knownAsciiDecimals) {
      const intl = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, useGrouping: false });
      expect(intl.format(-1234.5), locale).toBe('-1234.50');
    }
  });
  it("formatNumber(x, d) writes what Intl's English writes away from ties (typographic minus, no negative zero)", () => {
    const en = (d: number) =>
      new Intl.NumberFormat('en', { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: false });
    let seed = 7;
    const next = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647 - 0.5) * 10 ** ((seed % 9) - 3);
    };
    for (let i = 0; i < 2000; i++) {
      const x = i < 6 ? ([0.125, -0.125, 2.5, -2.5, 0.0049, -0.0049][i] ?? 0) : next();
      for (const d of [1, 2, 3, 4]) {
        const abs = Math.abs(x);
        if (abs !== 0 && (abs >= 1e6 || abs < 10 ** -d / 2)) continue;
        // At a tie Intl rounds the shortest decimal (1.005 → 1.01), toFixed the binary value (1.00): see below.
        if (Math.abs(((abs * 10 ** d) % 1) - 0.5) < 1e-6) continue;
        const intl = en(d).format(x).replace('-', '−');
        expect(formatNumber(x, d, 'en'), `${x} with ${d}`).toBe(/^−0\.0+$/.test(intl) ? intl.slice(1) : intl);
      }
    }
  });

  it('formatNumber(x, d) in English keeps the digits toFixed wrote (1.005 → 1.00, the binary value rounded)', () => {
    expect(formatNumber(1.005, 2, 'en')).toBe('1.00');
    expect(formatNumber(-2.675, 2)).toBe('−2.67');
  });
});
