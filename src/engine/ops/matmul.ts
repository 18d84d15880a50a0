import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';
import type { MatmulAttrs } from './contract.ts';

/** Whether matmul reads an operand transposed (no copy is made either way); both default to false. */
export type MatmulOptions = Partial<MatmulAttrs>;

interface MatmulDims {
  batch: number;
  m: number;
  k: number;
  n: number;
  outShape: number[];
}

/** Checks ranks and inner dimensions and returns the loop sizes; throws a RangeError naming the shapes. */
function dims(a: Tensor, b: Tensor, ta: boolean, tb: boolean): MatmulDims {
  const rank = a.rank;
  if ((rank !== 2 && rank !== 3) || b.rank !== rank) {
    throw new RangeError(`matmul needs two rank-2 or two rank-3 tensors, got [${a.shape}] and [${b.shape}]`);
  }
  const batch = rank === 3 ? (a.shape[0] as number) : 1;
  if (rank === 3 && b.shape[0] !== batch) {
    throw new RangeError(`matmul batch sizes differ: [${a.shape}] and [${b.shape}]`);
  }
  const r = a.shape[rank - 2] as number;
  const c = a.shape[rank - 1] as number;
  const br = b.shape[rank - 2] as number;
  const bc = b.shape[rank - 1] as number;
  const m = ta ? c : r;
  const k = ta ? r : c;
  const kb = tb ? bc : br;
  const n = tb ? br : bc;
  if (k !== kb) {
    throw new RangeError(
      `matmul inner dimensions differ: [${a.shape}]${ta ? 'ᵀ' : ''} · [${b.shape}]${tb ? 'ᵀ' : ''} (${k} vs ${kb})`,
    );
  }
  return { batch, m, k, n, outShape: rank === 3 ? [batch, m, n] : [m, n] };
}

/**
 * matmul(a, b) = op(a) · op(b), where op transposes when asked: out[i, j] =
 * Σ_k op(a)[i, k] · op(b)[k, j], batched over a leading axis for rank 3.
 * Sums run in float64 and round once, so the CPU stays the accurate side.
 */
export function matmulCpu(a: Tensor, b: Tensor, attrs: MatmulOptions = {}): Tensor {
  const ta = attrs.transposeA === true;
  const tb = attrs.transposeB === true;
  const { batch, m, k, n, outShape } = dims(a, b, ta, tb);
  const x = a.values();
  const y = b.values();
  const out = new Float32Array(batch * m * n);
  // Strides of op(a)[i, p] and op(b)[p, j] in storage: transposing swaps them.
  const aRow = ta ? 1 : k;
  const aCol = ta ? m : 1;
  const bRow = tb ? 1 : n;
  const bCol = tb ? k : 1;
  for (let s = 0; s < batch; s++) {
    const aBase = s * m * k;
    const bBase = s * k * n;
    const oBase = s * m * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let acc = 0;
        let ai = aBase + i * aRow;
        let bj = bBase + j * bCol;
        for (let p = 0; p < k; p++) {
          acc += (x[ai] as number) * (y[bj] as number);
          ai += aCol;
          bj += bRow;
        }
        out[oBase + i * n + j] = acc;
      }
    }
  }
  return new Tensor(outShape, out);
}

registerKernel({
  op: 'matmul',
  backend: 'cpu',
  run: ([a, b], attrs) => matmulCpu(a as Tensor, b as Tensor, attrs),
});

/** Matrix product of two rank-2 tensors (or two equal-batch rank-3 tensors), optionally transposed. */
export function matmul(a: Tensor, b: Tensor, attrs: MatmulOptions = {}): Tensor {
  const ta = attrs.transposeA === true;
  const tb = attrs.transposeB === true;
  const d = dims(a, b, ta, tb);
  return runOp('matmul', [a, b], { transposeA: ta, transposeB: tb }, d.batch * d.m * d.n);
}
