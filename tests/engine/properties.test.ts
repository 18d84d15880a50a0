import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attentionWeights, full, gruCell, lstmCell, softmax, tensor, zeros } from '~engine/index.ts';

const finite = fc.float({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true });
const matrix = (rows: number, cols: number) =>
  fc.array(finite, { minLength: rows * cols, maxLength: rows * cols }).map((v) => tensor(v, [rows, cols]));

const shaped = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 9 })).chain(([r, c]) => matrix(r, c));

describe('properties', () => {
  it('softmax(x) rows sum to 1 and stay in [0, 1] for any finite logits', () => {
    fc.assert(
      fc.property(shaped, (x) => {
        const [r, c] = x.shape as [number, number];
        const v = softmax(x, -1).toArray();
        for (let i = 0; i < r; i++) {
          const row = v.slice(i * c, (i + 1) * c);
          expect(row.every((p) => p >= 0 && p <= 1)).toBe(true);
          expect(Math.abs(row.reduce((s, p) => s + p, 0) - 1)).toBeLessThan(1e-5);
        }
      }),
    );
  });

  it('attentionWeights(Q, K) entries lie in [0, 1] for any finite Q, K', () => {
    fc.assert(
      fc.property(matrix(3, 4), matrix(5, 4), fc.boolean(), (q, k, causal) => {
        const w = attentionWeights(q, k, { causal }).toArray();
        expect(w.every((p) => p >= 0 && p <= 1)).toBe(true);
      }),
    );
  });

  it('an LSTM with forget gate saturated open and input gate closed keeps its cell', () => {
    fc.assert(
      fc.property(
        fc.array(finite, { minLength: 3, maxLength: 3 }),
        fc.array(
          fc.float({ min: -5, max: 5, noNaN: true }).map((v) => v + 0),
          { minLength: 2, maxLength: 2 },
        ),
        (x, c0) => {
          // Zero weights, with biases +100 on f (σ → 1) and −100 on i (σ → 0): c_t = 1·c + 0·g.
          const H = 2;
          const bias = [-100, -100, 100, 100, 0, 0, 0, 0];
          const cell = lstmCell({
            W_ih: zeros([4 * H, 3]),
            W_hh: zeros([4 * H, H]),
            b_ih: tensor(bias),
            b_hh: zeros([4 * H]),
          });
          const next = cell.step(tensor(x), { h: zeros([H]), c: tensor(c0) });
          // `+ 0` equates −0 with 0: 1·(−0) + 0·g is +0, the same number.
          expect(next.c?.toArray().map((v) => v + 0)).toEqual(Array.from(Float32Array.from(c0), (v) => v + 0));
        },
      ),
    );
  });

  it('a GRU with z = 1 copies its state, in both variants', () => {
    fc.assert(
      fc.property(
        fc.array(finite, { minLength: 3, maxLength: 3 }),
        fc.array(
          fc.float({ min: -1, max: 1, noNaN: true }).map((v) => v + 0),
          { minLength: 2, maxLength: 2 },
        ),
        fc.constantFrom('cho' as const, 'pytorch' as const),
        (x, h0, variant) => {
          // Bias +100 on the z block saturates z to exactly 1 in float32; other weights are arbitrary.
          const H = 2;
          const b = [0, 0, 100, 100, 0, 0];
          const cell = gruCell(
            { W_ih: full([3 * H, 3], 0.3), W_hh: full([3 * H, H], -0.7), b_ih: tensor(b), b_hh: zeros([3 * H]) },
            variant,
          );
          const h = Array.from(Float32Array.from(h0), (v) => v + 0);
          expect(
            cell
              .step(tensor(x.map((v) => v / 1e4)), { h: tensor(h) })
              .h.toArray()
              .map((v) => v + 0),
          ).toEqual(h);
        },
      ),
    );
  });
});
