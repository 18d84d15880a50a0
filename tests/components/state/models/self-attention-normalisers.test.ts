import { describe, expect, it } from 'vitest';
import { reluRatioRow, sparsemaxRow } from '~engine/models/attention-normalisers.ts';
import { decodeState, encodeState } from '~lib/url/state.ts';
import {
  defaultProjections,
  embeddedInputs,
  oneHotInputs,
  SelfAttentionState,
  selfAttentionFields,
} from '~components/state/models/self-attention.svelte.ts';
import {
  attention64,
  type M,
  mismatch,
  mul,
  mulT,
  reluRatio64,
  sparsemax64,
} from '../../../reference/float64/index.ts';

const P = defaultProjections;
const reference = (X: M, causal = false) =>
  attention64(mulT(X, P.W_q), mulT(X, P.W_k), mulT(X, P.W_v), (i, j) => !causal || j <= i);
const V64 = (X: M) => mulT(X, P.W_v);

const expectRows = (got: M, want: M, what: string) => {
  expect(got.length).toBe(want.length);
  for (const [i, row] of want.entries()) expect(mismatch(got[i] ?? [], row), `${what} row ${i + 1}`).toBe('');
};

describe('attention normalisers', () => {
  it('sparsemaxRow(s) equals a float64 bisection, sums to 1 and gives exact zeros far below the top', () => {
    for (const s of [
      [0.5, 0.3, -0.2, 0.1],
      [2, 0, 0, 0],
      [1, 1, 1, 1],
      [0.1, 0.2, Number.NEGATIVE_INFINITY, 0.15],
    ]) {
      const got = sparsemaxRow(s);
      expect(mismatch(got, sparsemax64(s)), `sparsemax(${s})`).toBe('');
      expect(got.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(sparsemaxRow([2, 0, 0, 0])).toEqual([1, 0, 0, 0]);
    expect(sparsemaxRow([1, 1, 1, 1])).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('reluRatioRow(s) is the positive scores over their sum; with none positive it spreads over the finite keys', () => {
    expect(reluRatioRow([0.5, -1, 1.5, 0]).weights).toEqual([0.25, 0, 0.75, 0]);
    expect(reluRatioRow([-1, -2, Number.NEGATIVE_INFINITY, 0])).toEqual({
      weights: [1 / 3, 1 / 3, 0, 1 / 3],
      empty: true,
    });
  });
});

describe('SelfAttentionState with another normaliser', () => {
  for (const [name, X] of [
    ['one-hot', oneHotInputs],
    ['embedded', embeddedInputs],
  ] as const) {
    it(`${name} tokens: sparsemax and ReLU-ratio weights and outputs equal float64 from the same scaled scores`, () => {
      const s = new SelfAttentionState();
      if (name === 'embedded') s.setEncoding('embed');
      const ref = reference(X);
      const soft = s.result.A.map((r) => [...r]);
      s.setNormaliser('sparsemax');
      const sparse = ref.scores.map(sparsemax64);
      expectRows(s.result.A, sparse, 'sparsemax A');
      expectRows(s.result.O, mul(sparse, V64(X)), 'sparsemax O');
      expectRows(s.result.S, ref.scores, 'scores read');
      // Softmax never gives an exact zero; sparsemax gives one wherever float64 does (with the embeddings, some).
      expect(soft.flat().every((a) => a > 0)).toBe(true);
      expect(s.result.A.flat().map((a) => a === 0)).toEqual(sparse.flat().map((a) => a === 0));
      if (name === 'embedded') expect(s.result.A.flat().some((a) => a === 0)).toBe(true);
      s.setNormaliser('relu');
      const relu = ref.scores.map((r) => reluRatio64(r) ?? r.map(() => 1 / r.length));
      expectRows(s.result.A, relu, 'ReLU ratio A');
      expectRows(s.result.O, mul(relu, V64(X)), 'ReLU ratio O');
      expect(s.result.emptyRows).toEqual(ref.scores.flatMap((r, i) => (reluRatio64(r) ? [] : [i])));
      for (const row of s.result.A) expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-6);
      s.setNormaliser('softmax');
      expectRows(s.result.A, ref.weights, 'softmax A');
    });
  }

  it('a causal mask gives masked keys weight 0 under sparsemax too', () => {
    const s = new SelfAttentionState();
    s.setMask('causal');
    s.setNormaliser('sparsemax');
    const ref = reference(oneHotInputs, true);
    expectRows(s.result.A, ref.scores.map(sparsemax64), 'causal sparsemax A');
    expect(s.result.A[0]).toEqual([1, 0, 0, 0]);
  });

  it('a row with no positive score is named in emptyRows and spread evenly', () => {
    const s = new SelfAttentionState();
    s.weights.assign({
      W_k: P.W_k.map((r) => r.map((x) => -Math.abs(x))),
      W_q: P.W_q.map((r) => r.map((x) => Math.abs(x))),
    });
    s.setNormaliser('relu');
    expect(s.result.emptyRows).toEqual([0, 1, 2, 3]);
    for (const row of s.result.A) expect(row).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('snapshot → URL → restore keeps the normaliser; reset goes back to softmax', () => {
    const s = new SelfAttentionState();
    s.setNormaliser('sparsemax');
    const t = new SelfAttentionState();
    t.restore(decodeState(selfAttentionFields, encodeState(selfAttentionFields, s.snapshot())).state);
    expect(t.normaliser).toBe('sparsemax');
    expect(t.result.A).toEqual(s.result.A);
    t.reset();
    expect(t.normaliser).toBe('softmax');
  });
});
