import { describe, expect, it } from 'vitest';
import {
  exp,
  findNonFinite,
  gruCell,
  loadRecurrentParams,
  NonFiniteError,
  StateDictError,
  sigmoid,
  softmax,
  tanh,
  tensor,
} from '~engine/index.ts';
import { eachBackend } from './each-backend.ts';
import { M } from './model-fixtures.ts';

describe('findNonFinite', () => {
  it('findNonFinite(t) returns undefined for finite values', () => {
    expect(
      findNonFinite(
        tensor([
          [1, -2],
          [3e38, 0],
        ]),
      ),
    ).toBeUndefined();
  });
  it('findNonFinite(t) names the first NaN / ±Infinity by multi-index', () => {
    const at = findNonFinite(
      tensor([
        [1, 2, 3],
        [4, Number.NaN, Number.POSITIVE_INFINITY],
      ]),
    );
    expect(at?.index).toEqual([1, 1]);
    expect(Number.isNaN(at?.value)).toBe(true);
  });
});

describe('models report non-finite inputs', () => {
  const cell = gruCell(loadRecurrentParams(M.gru.state_dict, 3));
  it('gruCell.step throws NonFiniteError naming x and the index when x holds NaN', () => {
    expect(() => cell.step(tensor([0, Number.NaN, 0]), cell.zeroState())).toThrowError(NonFiniteError);
    expect(() => cell.step(tensor([0, Number.NaN, 0]), cell.zeroState())).toThrow('x[1] is NaN');
  });
  it('loadRecurrentParams throws NonFiniteError naming the key when a weight is Infinity', () => {
    const dict = { ...M.gru.state_dict, bias_hh_l0: Array.from({ length: 12 }, (_, i) => (i === 5 ? Infinity : 0)) };
    expect(() => loadRecurrentParams(dict, 3)).toThrow('bias_hh_l0[5] is Infinity');
  });
  it('loadRecurrentParams names a missing key and the keys present', () => {
    const { bias_ih_l0: _, ...rest } = M.gru.state_dict as Record<string, never>;
    expect(() => loadRecurrentParams(rest, 3)).toThrowError(StateDictError);
    expect(() => loadRecurrentParams(rest, 3)).toThrow(/bias_ih_l0 \/ b_ih.*weight_ih_l0/);
  });
  it('loadRecurrentParams names a wrong shape', () => {
    expect(() => loadRecurrentParams(M.gru.state_dict, 4)).toThrow(
      /weight_hh_l0 has shape \[12, 4\], expected \[16, 4\]/,
    );
  });
  it('loadRecurrentParams accepts friendly names W_ih, W_hh, b_ih, b_hh', () => {
    const d = M.gru.state_dict;
    const p = loadRecurrentParams(
      { W_ih: d.weight_ih_l0 ?? 0, W_hh: d.weight_hh_l0 ?? 0, b_ih: d.bias_ih_l0 ?? 0, b_hh: d.bias_hh_l0 ?? 0 },
      3,
    );
    expect(p.W_hh.shape).toEqual([12, 4]);
  });
});

eachBackend('overflow stays visible, saturation never makes NaN', () => {
  it('exp(x) overflows to +Infinity for x = 100 (beyond float32)', () => {
    expect(exp(tensor([100])).toArray()).toEqual([Number.POSITIVE_INFINITY]);
  });
  it('sigmoid(x) and tanh(x) of ±1e30 are exactly 0/1 and ∓1/±1, never NaN', () => {
    expect(sigmoid(tensor([-1e30, 1e30])).toArray()).toEqual([0, 1]);
    expect(tanh(tensor([-1e30, 1e30])).toArray()).toEqual([-1, 1]);
  });
  it('softmax(x) with a NaN logit makes that row NaN instead of a plausible distribution', () => {
    expect(
      softmax(tensor([1, Number.NaN, 2]))
        .toArray()
        .every(Number.isNaN),
    ).toBe(true);
  });
});
