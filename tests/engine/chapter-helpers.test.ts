import { describe, expect, it } from 'vitest';
import { causalMask, maskedScores, paddingMask } from '~engine/models/attention-masks.ts';
import { peRotation } from '~engine/models/position-rotation.ts';
import { transformerLayerParams } from '~engine/models/transformer-sizes.ts';
import { sizeOf } from '~engine/shape.ts';
import { tensor } from '~engine/tensor.ts';

const ninf = Number.NEGATIVE_INFINITY;

describe('attention masks', () => {
  it('causalMask(3) is 0 on and below the diagonal, −∞ above; causalMask(2, 3) is rectangular', () => {
    expect(causalMask(3).toArray()).toEqual([0, ninf, ninf, 0, 0, ninf, 0, 0, 0]);
    expect(causalMask(2, 3).toArray()).toEqual([0, ninf, ninf, 0, 0, ninf]);
  });

  it('paddingMask(2, 2, 3) forbids the third key in every row; bad sizes throw', () => {
    expect(paddingMask(2, 2, 3).toArray()).toEqual([0, 0, ninf, 0, 0, ninf]);
    expect(() => paddingMask(2, 0)).toThrow(RangeError);
    expect(() => causalMask(0)).toThrow(RangeError);
  });

  it('maskedScores(E, s, M) = s·E + M, keeping −∞ where masked', () => {
    const E = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(maskedScores(E, 0.5, causalMask(2)).toArray()).toEqual([0.5, ninf, 1.5, 2]);
    expect(maskedScores(E, 2).toArray()).toEqual([2, 4, 6, 8]);
  });
});

describe('peRotation', () => {
  it('R(k) from the float64 PE(k) turns float64 PE(p) into PE(p + k) (d = 6)', () => {
    const d = 6;
    const pe = (p: number) =>
      Array.from({ length: d }, (_, c) => {
        const a = p / 10000 ** ((2 * Math.floor(c / 2)) / d);
        return c % 2 === 0 ? Math.sin(a) : Math.cos(a);
      });
    const R = peRotation(tensor(pe(5))).toArray();
    const p = pe(7);
    const got = Array.from({ length: d }, (_, i) => p.reduce((s, x, j) => s + (R[i * d + j] as number) * x, 0));
    for (const [i, g] of got.entries()) expect(Math.abs(g - (pe(12)[i] as number))).toBeLessThan(1e-6);
  });

  it('refuses an odd dimension', () => {
    expect(() => peRotation(tensor([0, 1, 0]))).toThrow(/even/);
  });
});

describe('transformerLayerParams', () => {
  it('counts nn.TransformerEncoderLayer(512, 8, 2048) as 3,152,384 and the decoder layer as 4,204,032', () => {
    const total = (kind: 'encoder' | 'decoder') =>
      transformerLayerParams(kind, 512, 2048).reduce((s, p) => s + sizeOf(p.shape), 0);
    expect(total('encoder')).toBe(3_152_384);
    expect(total('decoder')).toBe(4_204_032);
    expect(transformerLayerParams('encoder', 4, 8).map((p) => p.name)).toContain('self_attn.in_proj_weight');
    expect(() => transformerLayerParams('encoder', 0, 8)).toThrow(RangeError);
  });
});
