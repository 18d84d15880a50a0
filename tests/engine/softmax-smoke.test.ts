import { expect, it } from 'vitest';
import { softmax, tensor } from '~engine/index.ts';
import { eachBackend } from './each-backend.ts';

eachBackend('softmax', () => {
  it('softmax([1, 2, 3]) matches exp(x)/Σexp(x) within 1e-6', () => {
    const got = softmax(tensor([1, 2, 3])).toArray();
    const e = [1, 2, 3].map(Math.exp);
    const s = e.reduce((a, b) => a + b, 0);
    e.forEach((v, i) => {
      expect(Math.abs((got[i] ?? Number.NaN) - v / s)).toBeLessThan(1e-6);
    });
  });
});
