import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '~lib/url/state.ts';
import {
  defaultProjections,
  oneHotInputs,
  paddedLength,
  SelfAttentionState,
  selfAttentionFields,
} from '~components/state/models/self-attention.svelte.ts';
import { expectAllClose } from '../../../engine/tolerance.ts';
import { attention64, mulT } from '../../../reference/float64/index.ts';

const P = defaultProjections;
const Q = mulT(oneHotInputs, P.W_q);
const K = mulT(oneHotInputs, P.W_k);
const V = mulT(oneHotInputs, P.W_v);

describe('SelfAttentionState masks', () => {
  it('causal: −∞ above the diagonal of E/√d_k + M, zero weights there, rows renormalised (float64)', () => {
    const s = new SelfAttentionState();
    s.setMask('causal');
    const ref = attention64(Q, K, V, (i, j) => j <= i);
    expectAllClose(s.result.S, ref.scores);
    expectAllClose(s.result.A, ref.weights);
    expectAllClose(s.result.O, ref.out);
    expect(s.result.M[0]).toEqual([0, -Infinity, -Infinity, -Infinity]);
    expect(s.result.A[0]).toEqual([1, 0, 0, 0]);
    for (const row of s.result.A) expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-6);
  });

  it('padding: the filler key gets weight 0 in every row; the unmasked weights keep their ratios', () => {
    const s = new SelfAttentionState();
    const open = s.result.A.map((r) => [...r]);
    s.setMask('padding');
    const ref = attention64(Q, K, V, (_i, j) => j < paddedLength);
    expectAllClose(s.result.A, ref.weights);
    expectAllClose(s.result.O, ref.out);
    s.result.A.forEach((row, i) => {
      expect(row[3]).toBe(0);
      const before = open[i] as number[];
      expect((row[0] as number) / (row[1] as number)).toBeCloseTo((before[0] as number) / (before[1] as number), 5);
    });
  });

  it('no mask: M is empty and S is E/√d_k; the mask round-trips through the link and reset clears it', () => {
    const s = new SelfAttentionState();
    expect(s.result.M).toEqual([]);
    expectAllClose(s.result.S, attention64(Q, K, V).scores);
    s.setMask('causal');
    const back = decodeState(selfAttentionFields, encodeState(selfAttentionFields, s.snapshot()));
    expect(back.state.m).toBe('causal');
    s.reset();
    expect(s.mask).toBe('none');
  });
});
