import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '~lib/url/state.ts';
import {
  AttentionOrderState,
  attentionOrderFields,
  orderProjections,
  wordOrders,
  wordVectors,
} from '~components/state/models/attention-order.svelte.ts';
import {
  maxPosition,
  PositionalEncodingState,
  positionalEncodingFields,
  tableLength,
} from '~components/state/models/positional-encoding.svelte.ts';
import { expectAllClose } from '../../../engine/tolerance.ts';
import { attention64, mulT, plus, sinusoid64 } from '../../../reference/float64/index.ts';

/** Float64 self-attention of the words in `order`, with sinusoidal positions when asked. */
function reference(order: readonly number[], positions: boolean) {
  const words = order.map((w) => wordVectors[w] as number[]);
  const X = positions ? plus(words, sinusoid64(order.length, 4)) : words;
  const P = orderProjections;
  return { X, ...attention64(mulT(X, P.W_q), mulT(X, P.W_k), mulT(X, P.W_v)) };
}

describe('AttentionOrderState', () => {
  it('without positions, every order gives each word the same output as "dog bites man" (float64 too)', () => {
    const s = new AttentionOrderState();
    const first = reference([0, 1, 2], false);
    for (const o of wordOrders) {
      s.setOrder(o.join(''));
      const ref = reference(o, false);
      expectAllClose(s.result.A, ref.weights);
      expectAllClose(s.result.O, ref.out);
      for (const [i, w] of o.entries()) expectAllClose([s.result.O[i] ?? []], [first.out[w] ?? []]);
      expect(Math.max(...s.result.change)).toBeLessThan(1e-6);
    }
  });

  it('with positions, X = E + PE and "man bites dog" changes every word\'s output', () => {
    const s = new AttentionOrderState();
    s.setPositions(true);
    s.setOrder('210');
    const ref = reference([2, 1, 0], true);
    expectAllClose(s.result.X, ref.X);
    expectAllClose(s.result.O, ref.out);
    const first = reference([0, 1, 2], true);
    [2, 1, 0].forEach((w, i) => {
      const want = Math.max(
        ...(ref.out[i] ?? []).map((x, c) => Math.abs(x - ((first.out[w] as number[])[c] as number))),
      );
      expect(Math.abs((s.result.change[i] ?? 0) - want)).toBeLessThan(1e-5);
      expect(s.result.change[i]).toBeGreaterThan(1e-3);
    });
  });

  it('link state round-trips; an unknown order falls back with a message', () => {
    const s = new AttentionOrderState();
    s.setOrder('102');
    s.setPositions(true);
    const back = decodeState(attentionOrderFields, encodeState(attentionOrderFields, s.snapshot()));
    const t = new AttentionOrderState();
    t.restore(back.state);
    expect(t.snapshot()).toEqual({ o: '102', p: true });
    s.setOrder('999');
    expect(s.orderId).toBe('102');
  });
});

describe('PositionalEncodingState', () => {
  it('the table and its dot products equal float64 sinusoids; each diagonal is constant', () => {
    const s = new PositionalEncodingState();
    const pe = sinusoid64(tableLength, 8);
    expectAllClose(s.result.table, pe);
    expectAllClose(s.result.dots, mulT(pe, pe));
    for (let k = 0; k < tableLength; k++) {
      const diag = Array.from({ length: tableLength - k }, (_, p) => (s.result.dots[p] as number[])[p + k] as number);
      const want = Array.from({ length: 4 }, (_, i) => Math.cos(k / 10000 ** ((2 * i) / 8))).reduce((a, b) => a + b, 0);
      for (const v of diag) expect(Math.abs(v - want)).toBeLessThan(1e-5);
    }
  });

  it('R(k) PE(p) equals PE(p + k) for every dimension and several p, k', () => {
    const s = new PositionalEncodingState();
    for (const d of ['4', '8', '16']) {
      s.setDim(d);
      for (const [p, k] of [
        [0, 1],
        [2, 3],
        [17, 29],
        [maxPosition, maxPosition],
      ] as const) {
        s.setP(p);
        s.setK(k);
        expectAllClose([s.result.atPk], sinusoid64(1, Number(d), p + k));
        expectAllClose([s.result.rotated], sinusoid64(1, Number(d), p + k));
        expect(s.result.gap).toBeLessThan(1e-5);
      }
    }
  });

  it('restore clamps the pair to the dimension; setters refuse out-of-range values', () => {
    const s = new PositionalEncodingState();
    s.restore({ d: '4', p: 1, k: 2, i: 7 });
    expect(s.pair).toBe(1);
    s.setP(maxPosition + 1);
    s.setK(-1);
    s.setP(1.5);
    expect([s.p, s.k]).toEqual([1, 2]);
    const back = decodeState(positionalEncodingFields, encodeState(positionalEncodingFields, s.snapshot()));
    expect(back.state).toEqual({ d: '4', p: 1, k: 2, i: 1 });
  });
});
