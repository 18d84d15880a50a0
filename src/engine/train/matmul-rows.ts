/**
 * Training's CPU matmul: matmulCpu's sums, two rows by four output columns
 * at a time. Each output keeps its own float64 sum over p in the same order,
 * so the result is matmulCpu's bit for bit (tests/engine/matmul-blocked.test.ts);
 * the eight sums share each load of op(a)[i, p] and op(b)[p, j], and their
 * additions no longer wait on one another. Over the widgets' kernel
 * (ops/matmul.ts' matmulCpuBlocked, four columns of one row) the second row
 * took a lab step from 17.2 to 15.0 ms (scripts/train-speed.ts, 2026-12-05).
 * train/fast-kernels.ts registers it where training runs; widgets multiply
 * matrices of a few hundred values, where it would only add weight.
 */
import { dot, type MatmulOptions, operands } from '../ops/matmul.ts';
import { Tensor } from '../tensor.ts';
import { stepBuffer } from './step-arena.ts';

/** op(a) · op(b) as matmulCpu computes it, bit for bit, two rows by four columns at a time. */
export function matmulCpuTwoRows(a: Tensor, b: Tensor, attrs: MatmulOptions = {}): Tensor {
  const o = operands(a, b, attrs, stepBuffer);
  const { batch, m, k, n, outShape, x, y, out, aRow, aCol, bRow, bCol } = o;
  for (let s = 0; s < batch; s++) {
    const aBase = s * m * k;
    const bBase = s * k * n;
    const oBase = s * m * n;
    // Two rows at a time: each load of op(b)[p, j..j+3] serves both rows' sums (eight in all). An odd last row
    // is summed twice (its twin is itself) and written once, which costs less than a loop of its own.
    for (let i = 0; i < m; i += 2) {
      const twin = i + 1 < m;
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        let r0c0 = 0;
        let r0c1 = 0;
        let r0c2 = 0;
        let r0c3 = 0;
        let r1c0 = 0;
        let r1c1 = 0;
        let r1c2 = 0;
        let r1c3 = 0;
        let a0 = aBase + i * aRow;
        let a1 = twin ? a0 + aRow : a0;
        let bj = bBase + j * bCol;
        for (let p = 0; p < k; p++) {
          const u = x[a0] as number;
          const v = x[a1] as number;
          const y0 = y[bj] as number;
          const y1 = y[bj + bCol] as number;
          const y2 = y[bj + 2 * bCol] as number;
          const y3 = y[bj + 3 * bCol] as number;
          r0c0 += u * y0;
          r0c1 += u * y1;
          r0c2 += u * y2;
          r0c3 += u * y3;
          r1c0 += v * y0;
          r1c1 += v * y1;
          r1c2 += v * y2;
          r1c3 += v * y3;
          a0 += aCol;
          a1 += aCol;
          bj += bRow;
        }
        const o0 = oBase + i * n + j;
        out[o0] = r0c0;
        out[o0 + 1] = r0c1;
        out[o0 + 2] = r0c2;
        out[o0 + 3] = r0c3;
        if (twin) {
          const o1 = o0 + n;
          out[o1] = r1c0;
          out[o1 + 1] = r1c1;
          out[o1 + 2] = r1c2;
          out[o1 + 3] = r1c3;
        }
      }
      // The last n mod 4 columns one at a time, as matmulCpu.
      for (; j < n; j++) {
        out[oBase + i * n + j] = dot(o, aBase + i * aRow, bBase + j * bCol);
        if (twin) out[oBase + (i + 1) * n + j] = dot(o, aBase + (i + 1) * aRow, bBase + j * bCol);
      }
    }
  }
  return new Tensor(outShape, out);
}
