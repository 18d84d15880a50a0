import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';
import type { AttentionAttrs } from './contract.ts';

/** Options of the fused attention ops as callers write them. */
export interface AttentionOptions {
  /** true: multiply scores by 1/√d (Vaswani et al.); false: by 1; a number: by that number. Default true. */
  readonly scale?: boolean | number;
  /** Mask every key after the query's own position (j > i gets −Infinity). Default false. */
  readonly causal?: boolean;
  /** An additive [n, m] mask added to the scaled scores (use −Infinity to forbid a pair). */
  readonly mask?: Tensor;
  /**
   * Key padding, one flag per key (length m): true marks a padded key that no
   * query may read (PyTorch's `key_padding_mask` convention); it becomes −∞ in
   * every row of the additive mask.
   */
  readonly keyPadding?: readonly boolean[];
  /**
   * What a query row whose every key is masked returns: 'nan' (default; the
   * softmax of an all −∞ row has no distribution, as PyTorch's math attention
   * gives) or 'zero' (weights 0, so the output row is 0 and gradients are 0).
   */
  readonly emptyRows?: 'nan' | 'zero';
}

/** Kernel attrs from the caller's options: scale resolved, booleans explicit. */
export function attentionAttrs(options: AttentionOptions, d: number): AttentionAttrs {
  if (options.emptyRows !== undefined && options.emptyRows !== 'nan' && options.emptyRows !== 'zero') {
    throw new RangeError(`emptyRows must be 'nan' or 'zero', got ${options.emptyRows}`);
  }
  return {
    scale: resolveScale(options.scale, d),
    causal: options.causal === true,
    zeroEmptyRows: options.emptyRows === 'zero',
  };
}

/**
 * The additive [n, m] mask the kernels see: the caller's mask (if any) plus
 * −∞ in every column whose key is padded. Undefined when there is neither.
 */
export function combinedMask(n: number, m: number, options: AttentionOptions): Tensor | undefined {
  const pad = options.keyPadding;
  if (pad === undefined) return options.mask;
  if (pad.length !== m) throw new RangeError(`keyPadding has ${pad.length} flags for ${m} keys`);
  const base = options.mask?.values();
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++)
      out[i * m + j] = pad[j] === true ? Number.NEGATIVE_INFINITY : ((base?.[i * m + j] as number | undefined) ?? 0);
  }
  return new Tensor([n, m], out);
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
 * entries j > i excluded (with n ≠ m the cut is top-left aligned, as
 * PyTorch's `is_causal`). Shared by the two fused CPU kernels; a row with
 * every entry masked has no distribution and comes out NaN (as PyTorch's
 * math attention), or all 0 when `zeroEmptyRows` is set.
 */
export function attentionRow(
  i: number,
  q: Float32Array,
  k: Float32Array,
  mask: Float32Array | undefined,
  dims: { m: number; d: number },
  attrs: AttentionAttrs,
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
  if (max === Number.NEGATIVE_INFINITY && attrs.zeroEmptyRows) {
    row.fill(0, 0, m);
    return;
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
export function attentionWeightsCpu(inputs: readonly Tensor[], attrs: AttentionAttrs): Tensor {
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
  run: (inputs, attrs) => attentionWeightsCpu(inputs, attrs),
});

/** Attention weights softmax(QKᵀ·scale + mask) [n, m]; Q and K may differ in length (cross-attention). */
export function attentionWeights(q: Tensor, k: Tensor, options: AttentionOptions = {}): Tensor {
  const { n, m, d } = attentionDims(q, k, undefined, options.mask);
  const mask = combinedMask(n, m, options);
  const inputs = mask === undefined ? [q, k] : [q, k, mask];
  return runOp('attentionWeights', inputs, attentionAttrs(options, d), n * m);
}
