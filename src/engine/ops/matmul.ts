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
 * Both operands' values, the output buffer (from `alloc`: training reuses buffers, train/step-arena.ts), and where
 * op(a)[i, p] and op(b)[p, j] sit in storage.
 */
export function operands(a: Tensor, b: Tensor, attrs: MatmulOptions, alloc = (n: number) => new Float32Array(n)) {
  const ta = attrs.transposeA === true;
  const tb = attrs.transposeB === true;
  const d = dims(a, b, ta, tb);
  return {
    ...d,
    x: a.values(),
    y: b.values(),
    out: alloc(d.batch * d.m * d.n),
    // Strides of op(a)[i, p] and op(b)[p, j] in storage: transposing swaps them.
    aRow: ta ? 1 : d.k,
    aCol: ta ? d.m : 1,
    bRow: tb ? 1 : d.n,
    bCol: tb ? d.k : 1,
  };
}

type Operands = ReturnType<typeof operands>;

/** One output: Σ_p op(a)[i, p] · op(b)[p, j] in float64, p in order, from where row i and column j start. */
export function dot(o: Operands, ai: number, bj: number): number {
  const { x, y, k, aCol, bRow } = o;
  let acc = 0;
  for (let p = 0; p < k; p++) {
    acc += (x[ai] as number) * (y[bj] as number);
    ai += aCol;
    bj += bRow;
  }
  return acc;
}

/**
 * matmul(a, b) = op(a) · op(b), where op transposes when asked: out[i, j] =
 * Σ_k op(a)[i, k] · op(b)[k, j], batched over a leading axis for rank 3.
 * Sums run in float64 and round once, so the CPU stays the accurate side.
 */
export function matmulCpu(a: Tensor, b: Tensor, attrs: MatmulOptions = {}): Tensor {
  const o = operands(a, b, attrs);
  const { batch, m, k, n, outShape, out, aRow, bCol } = o;
  for (let s = 0; s < batch; s++) {
    const aBase = s * m * k;
    const bBase = s * k * n;
    const oBase = s * m * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) out[oBase + i * n + j] = dot(o, aBase + i * aRow, bBase + j * bCol);
    }
  }
  return new Tensor(outShape, out);
}

/**
 * What the CPU backend runs: matmulCpu's sums, four output columns at a
 * time. Each column keeps its own float64 sum over p in the same order, so
 * the result is matmulCpu's bit for bit (tests/engine/matmul-blocked.test.ts);
 * the four sums share each load of op(a)[i, p], and their additions no
 * longer wait on one another. Matmul was 40 % of a training step of the
 * lab's model; this kernel takes 0.5–0.6 of matmulCpu's time there.
 * (Where training runs, a two-row version takes its place: train/matmul-rows.ts.)
 */
export function matmulCpuBlocked(a: Tensor, b: Tensor, attrs: MatmulOptions = {}): Tensor {
  const o = operands(a, b, attrs);
  const { batch, m, k, n, outShape, x, y, out, aRow, aCol, bRow, bCol } = o;
  for (let s = 0; s < batch; s++) {
    const aBase = s * m * k;
    const bBase = s * k * n;
    const oBase = s * m * n;
    for (let i = 0; i < m; i++) {
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        let acc0 = 0;
        let acc1 = 0;
        let acc2 = 0;
        let acc3 = 0;
        let ai = aBase + i * aRow;
        let bj = bBase + j * bCol;
        for (let p = 0; p < k; p++) {
          const av = x[ai] as number;
          acc0 += av * (y[bj] as number);
          acc1 += av * (y[bj + bCol] as number);
          acc2 += av * (y[bj + 2 * bCol] as number);
          acc3 += av * (y[bj + 3 * bCol] as number);
          ai += aCol;
          bj += bRow;
        }
        const o = oBase + i * n + j;
        out[o] = acc0;
        out[o + 1] = acc1;
        out[o + 2] = acc2;
        out[o + 3] = acc3;
      }
      // The last n mod 4 columns one at a time, as matmulCpu.
      for (; j < n; j++) out[oBase + i * n + j] = dot(o, aBase + i * aRow, bBase + j * bCol);
    }
  }
  return new Tensor(outShape, out);
}

registerKernel({
  op: 'matmul',
  backend: 'cpu',
  run: ([a, b], attrs) => matmulCpuBlocked(a as Tensor, b as Tensor, attrs),
});

/** Matrix product of two rank-2 tensors (or two equal-batch rank-3 tensors), optionally transposed. */
export function matmul(a: Tensor, b: Tensor, attrs: MatmulOptions = {}): Tensor {
  const ta = attrs.transposeA === true;
  const tb = attrs.transposeB === true;
  const d = dims(a, b, ta, tb);
  return runOp('matmul', [a, b], { transposeA: ta, transposeB: tb }, d.batch * d.m * d.n);
}
