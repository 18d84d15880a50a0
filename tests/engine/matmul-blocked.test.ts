import { describe, expect, it } from 'vitest';
import { matmulCpu, matmulCpuBlocked } from '~engine/ops/matmul.ts';
import { mulberry32 } from '~engine/random.ts';
import { Tensor } from '~engine/tensor.ts';
import { matmulCpuTwoRows } from '~engine/train/matmul-rows.ts';

const rng = mulberry32(11);
/** Values spread over many magnitudes, so any change of summation order would show in the last bits. */
const filled = (shape: readonly number[]) =>
  new Tensor(
    shape,
    Float32Array.from(
      { length: shape.reduce((a, b) => a * b, 1) },
      () => (rng() - 0.5) * 10 ** Math.floor(rng() * 8 - 4),
    ),
  );

function expectSameBits(got: Float32Array, want: Float32Array): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) expect.fail(`[${i}]: ${got[i]} vs ${want[i]}`);
}

// The widgets' CPU kernel (ops/matmul.ts) and training's (train/matmul-rows.ts, registered by train/fast-kernels.ts).
for (const [name, kernel] of [
  ['matmulCpuBlocked', matmulCpuBlocked],
  ['matmulCpuTwoRows', matmulCpuTwoRows],
] as const) {
  describe(`${name} is matmulCpu bit for bit`, () => {
    for (const [m, k, n] of [
      [1, 1, 1],
      [3, 5, 4],
      [2, 7, 9],
      [32, 96, 48],
      [5, 0, 6],
      [4, 3, 0],
    ] as const) {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          it(`${name}(a, b, {transposeA: ${ta}, transposeB: ${tb}}) at ${m}×${k}×${n} equals matmulCpu`, () => {
            const a = filled(ta ? [k, m] : [m, k]);
            const b = filled(tb ? [n, k] : [k, n]);
            const attrs = { transposeA: ta, transposeB: tb };
            expectSameBits(kernel(a, b, attrs).values(), matmulCpu(a, b, attrs).values());
          });
        }
      }
    }
    it(`${name} batched [3, 6, 5] · [3, 5, 7] with NaN, ±Infinity and overflow equals matmulCpu`, () => {
      const av = filled([3, 6, 5]).values().slice();
      const bv = filled([3, 5, 7]).values().slice();
      av[0] = Number.NaN;
      av[33] = Number.POSITIVE_INFINITY;
      av[47] = Number.NEGATIVE_INFINITY;
      av[60] = 3e38;
      bv[80] = 3e38;
      const a = new Tensor([3, 6, 5], av);
      const b = new Tensor([3, 5, 7], bv);
      const want = matmulCpu(a, b).values();
      expect(
        want.some(Number.isNaN) && want.some((v) => v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY),
      ).toBe(true);
      expectSameBits(kernel(a, b).values(), want);
    });
  });
}
