import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';

/** Options of the fused attention ops as callers write them. */
export interface AttentionOptions {
  /** true: multiply scores by 1/√d (Vaswani et al.); false: by 1; a number: by that number. Default true. */
  readonly scale?: boolean | number;
  /** Mask every key after the query's own position (j > i gets −Infinity). Default false. */
  readonly causal?: boolean;
  /** An additive [n, m] mask added to the scaled scores (use −Infinity to forbid a pair). */
  readonly mask?: Tensor;
}

/** The attrs kernels receive: the scale already a number, causal a boolean; the mask travels as a third input. */
export interface AttentionKernelAttrs {
  readonly scale: number;
  readonly causal: boolean;
}

/** Turns the caller's `scale` option into the factor kernels multiply by. */
export function resolveScale(scale: boolean | number | undefined, d: number): number {
  if (scale === undefined || scale === true) return 1 / Math.sqrt(d);
  if (scale === false) return 1;
  return scale;
}

/** Checks Q[n,d], K[m,d], optional V[m,dv] and mask[n,m]; returns n, m, d and dv. */
export function attentionDims(
  q: Tensor,
  k: Tensor,
  v: Tensor | undefined,
  mask: Tensor | undefined,
): { n: number; m: number; d: number; dv: number } {
  const n = q.shape[0] as number;
  const d = q.shape[1] as number;
  const m = k.shape[0] as number;
  const dv = v === undefined ? 0 : (v.shape[1] as number);
  const bad =
    q.rank !== 2 ||
    k.rank !== 2 ||
    k.shape[1] !== d ||
    (v !== undefined && (v.rank !== 2 || v.shape[0] !== m)) ||
    (mask !== undefined && (mask.rank !== 2 || mask.shape[0] !== n || mask.shape[1] !== m));
  if (bad) {
    const shapes = [q, k, v, mask].map((t) => (t === undefined ? '-' : `[${t.shape}]`)).join(', ');
    throw new RangeError(`attention needs Q[n,d], K[m,d], V[m,dv], mask[n,m]; got ${shapes}`);
  }
  return { n, m, d, dv };
}

/**
 * Fills `row` (length m) with softmax_j(scale · q_i·k_j + mask_ij), causal
 * entries j > i excluded. Shared by the two fused CPU kernels; a row with
 * every entry masked has no distribution and comes out NaN (as in PyTorch).
 */
export function attentionRow(
  i: number,
  q: Float32Array,
  k: Float32Array,
  mask: Float32Array | undefined,
  dims: { m: number; d: number },
  attrs: AttentionKernelAttrs,
  row: Float64Array,
): void {
  const { m, d } = dims;
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < d; p++) s += (q[i * d + p] as number) * (k[j * d + p] as number);
    s *= attrs.scale;
    if (mask !== undefined) s += mask[i * m + j] as number;
    if (attrs.causal && j > i) s = Number.NEGATIVE_INFINITY;
    row[j] = s;
    max = Math.max(max, s);
  }
  if (max === Number.POSITIVE_INFINITY) {
    let count = 0;
    for (let j = 0; j < m; j++) count += row[j] === max ? 1 : 0;
    for (let j = 0; j < m; j++) row[j] = row[j] === max ? 1 / count : 0;
    return;
  }
  let sum = 0;
  for (let j = 0; j < m; j++) {
    const e = Math.exp((row[j] as number) - max);
    row[j] = e;
    sum += e;
  }
  for (let j = 0; j < m; j++) row[j] = (row[j] as number) / sum;
}

/**
 * attentionWeights(Q, K) = softmax_j(scale · Q Kᵀ + mask) as an [n, m]
 * matrix (rows are queries, each sums to 1): the A' of the chapters, in one
 * kernel with direct loops, independent of matmul and softmax.
 */
export function attentionWeightsCpu(inputs: readonly Tensor[], attrs: AttentionKernelAttrs): Tensor {
  const [q, k, mask] = inputs as [Tensor, Tensor, Tensor | undefined];
  const { n, m, d } = attentionDims(q, k, undefined, mask);
  const out = new Float32Array(n * m);
  const row = new Float64Array(m);
  const qv = q.values();
  const kv = k.values();
  const mv = mask?.values();
  for (let i = 0; i < n; i++) {
    attentionRow(i, qv, kv, mv, { m, d }, attrs, row);
    for (let j = 0; j < m; j++) out[i * m + j] = row[j] as number;
  }
  return new Tensor([n, m], out);
}

registerKernel({
  op: 'attentionWeights',
  backend: 'cpu',
  run: (inputs, attrs) => attentionWeightsCpu(inputs, { scale: attrs.scale as number, causal: attrs.causal === true }),
});

/** Attention weights softmax(QKᵀ·scale + mask) [n, m]; inputs are [Q, K] or [Q, K, mask]. */
export function attentionWeights(q: Tensor, k: Tensor, options: AttentionOptions = {}): Tensor {
  const { n, m, d } = attentionDims(q, k, undefined, options.mask);
  const attrs = { scale: resolveScale(options.scale, d), causal: options.causal === true };
  const inputs = options.mask === undefined ? [q, k] : [q, k, options.mask];
  return runOp('attentionWeights', inputs, attrs, n * m);
}
