import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '~lib/url/state.ts';
import { blockInputs, blockSizes, blockSteps, blockWeights } from '~components/state/data/transformer-block-params.ts';
import {
  CrossAttentionState,
  crossProjections,
  decoderStates,
  encoderOutputs,
} from '~components/state/models/cross-attention.svelte.ts';
import { TransformerBlockState, transformerBlockFields } from '~components/state/models/transformer-block.svelte.ts';
import { expectAllClose } from '../../../engine/tolerance.ts';
import { attention64, encoderLayer64, mulT } from '../../../reference/float64/index.ts';

const ones = [1, 1, 1, 1];
const zeros = [0, 0, 0, 0];
const unit = { g1: ones, b1: zeros, g2: ones, b2: zeros };

describe('TransformerBlockState', () => {
  for (const pre of [false, true]) {
    for (const gelu of [false, true]) {
      it(`${pre ? 'pre' : 'post'}-LN with ${gelu ? 'GELU' : 'ReLU'} equals float64 nn.TransformerEncoderLayer`, () => {
        const s = new TransformerBlockState();
        s.setMode(pre ? 'pre' : 'post');
        s.setActivation(gelu ? 'gelu' : 'relu');
        const ref = encoderLayer64(blockInputs, blockWeights, unit, { pre, gelu, heads: blockSizes.heads });
        const r = s.result;
        expect(r.error).toBe('');
        expectAllClose(r.Z, ref.Z);
        expectAllClose(r.S1, ref.S1);
        expectAllClose(r.U, ref.U);
        expectAllClose(r.F, ref.F);
        expectAllClose(r.Y, ref.Y);
      });
    }
  }

  it('LayerNorm statistics: x̂ rows have mean 0 and variance 1; μ and σ match float64; γ and β apply', () => {
    const s = new TransformerBlockState();
    s.setNorm('g1', 0, 0);
    s.setNorm('b1', 0, 0.7);
    s.setNorm('b2', 3, -2);
    const norms = { g1: [0, 1, 1, 1], b1: [0.7, 0, 0, 0], g2: ones, b2: [0, 0, 0, -2] };
    const ref = encoderLayer64(blockInputs, blockWeights, norms, { pre: false, gelu: false, heads: 2 });
    const ln = s.result.ln1;
    expectAllClose(ln.input, ref.S1);
    ln.input.forEach((row, i) => {
      const mu = row.reduce((a, b) => a + b, 0) / 4;
      const v = row.reduce((a, b) => a + (b - mu) ** 2, 0) / 4;
      expect(Math.abs((ln.mu[i] as number) - mu)).toBeLessThan(1e-6);
      expect(Math.abs((ln.sigma[i] as number) - Math.sqrt(v + 1e-5))).toBeLessThan(1e-5);
      const xh = ln.xhat[i] as number[];
      expect(Math.abs(xh.reduce((a, b) => a + b, 0) / 4)).toBeLessThan(1e-6);
      expect(Math.abs(xh.reduce((a, b) => a + b * b, 0) / 4 - v / (v + 1e-5))).toBeLessThan(1e-5);
      expect(ln.out[i]?.[0]).toBeCloseTo(0.7, 6);
    });
    expectAllClose(s.result.Y, ref.Y);
  });

  it('switching placement keeps the step on the same computation', () => {
    const s = new TransformerBlockState();
    s.stepper.goTo(blockSteps.post.findIndex((x) => x.kind === 'ff1'));
    s.setMode('pre');
    expect(s.stepper.current?.kind).toBe('ff1');
    expect(s.stepper.index).toBe(blockSteps.pre.findIndex((x) => x.kind === 'ff1'));
  });

  it('parameter counts: 3,152,384 per encoder and 4,204,032 per decoder layer at d = 512, d_ff = 2048', () => {
    const s = new TransformerBlockState();
    expect(s.counts.encoderTotal).toBe(3_152_384);
    expect(s.counts.decoderTotal).toBe(4_204_032);
    expect(s.counts.encoder).toEqual([
      { part: 'self-attention', count: 4 * 512 * 512 + 4 * 512 },
      { part: 'feed-forward', count: 2 * 512 * 2048 + 2048 + 512 },
      { part: 'layer norms', count: 4 * 512 },
    ]);
    s.setCountSizes(4, 8);
    expect(s.counts.encoderTotal).toBe(4 * 16 + 16 + 2 * 32 + 8 + 4 + 16);
    s.setCountSizes(0, 2.5);
    expect(s.countSizes).toEqual({ d: 4, dff: 8 });
  });

  it('link state round-trips; a wrongly sized X falls back to the default tokens', () => {
    const s = new TransformerBlockState();
    s.setMode('pre');
    s.setActivation('gelu');
    s.setInput(1, 2, 3.5);
    s.setNorm('g2', 1, 2);
    s.stepper.goTo(4);
    const snap = s.snapshot();
    const back = decodeState(transformerBlockFields, encodeState(transformerBlockFields, snap));
    const t = new TransformerBlockState();
    t.restore(back.state);
    expect(t.snapshot()).toEqual(snap);
    t.restore({ ...back.state, X: [[1, 2]] });
    expect(t.inputs).toEqual(blockInputs);
  });
});

describe('CrossAttentionState', () => {
  it('queries from the decoder, keys and values from the encoder: 3×4 weights equal float64', () => {
    const s = new CrossAttentionState();
    const P = crossProjections;
    const Q = mulT(decoderStates, P.W_q);
    const K = mulT(encoderOutputs, P.W_k);
    const V = mulT(encoderOutputs, P.W_v);
    const ref = attention64(Q, K, V);
    expectAllClose(s.result.Q, Q);
    expectAllClose(s.result.K, K);
    expectAllClose(s.result.A, ref.weights);
    expectAllClose(s.result.O, ref.out);
    // le → the, chat → cat, noir → black: the crossing the chapter describes.
    expect(s.result.A.map((r) => r.indexOf(Math.max(...r)))).toEqual([0, 2, 1]);
  });

  it('editing a decoder state moves its row of weights; restore refuses wrong sizes', () => {
    const s = new CrossAttentionState();
    s.set('D', 2, 1, 0);
    s.set('D', 2, 3, 1.2);
    expect((s.result.A[2] as number[]).indexOf(Math.max(...(s.result.A[2] as number[])))).toBe(3);
    s.restore({ E: [[1]], D: [[1, 2, 3, 4]] });
    expect(s.encoder).toEqual(encoderOutputs);
    expect(s.decoder).toEqual(decoderStates);
  });
});
