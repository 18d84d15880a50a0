/**
 * The kernel contract: every op name and the attrs its kernels receive,
 * written once (TF.js's `kernel_names.ts` in spirit). The op file's
 * `runOp` call, its CPU kernel, the WebGL2 kernel and the gradient rule are
 * all typed by this map, so a misspelt op or attr fails typecheck. What each
 * attr means, and where each op's kernels and gradient live, is in
 * ops/README.md. Types only: nothing here reaches the bundle.
 */

/** An op that takes no attrs (`{}` is the only value). */
export type NoAttrs = Readonly<Record<string, never>>;

/** Which GELU: 'none' is the exact x·Φ(x) (PyTorch's default), 'tanh' the tanh approximation. */
export type GeluApproximate = 'none' | 'tanh';

/** A reduction's attrs: normalized sorted axes, and whether reduced axes stay with size 1. */
export interface ReduceAttrs {
  readonly axes: readonly number[];
  readonly keepDims: boolean;
}

/** matmul's attrs: whether an operand is read transposed (always present). */
export interface MatmulAttrs {
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

/** The fused attention kernels' attrs: the scale already a number; the mask travels as an input. */
export interface AttentionAttrs {
  readonly scale: number;
  /** Every key after the query's own position gets −Infinity. */
  readonly causal: boolean;
  /** True: a fully masked row gives weights 0 instead of NaN. */
  readonly zeroEmptyRows: boolean;
}

/** layerNorm's (and layerNormGrad's) attrs. */
export interface LayerNormAttrs {
  /** Added to the variance before the square root (PyTorch's default 1e-5). */
  readonly eps: number;
}

/** gelu's (and geluGrad's) attrs. */
export interface GeluAttrs {
  readonly approximate: GeluApproximate;
}

/** positionalEncoding's attrs (all numbers, already checked). */
export interface PositionalEncodingAttrs {
  /** Number of positions n (rows). */
  readonly length: number;
  /** Model width d (columns). */
  readonly dim: number;
  /** The wavelength base, 10000 in Vaswani et al. (2017). */
  readonly base: number;
  /** The first row's position p₀ (0 normally; later for a decoder step or a shifted window). */
  readonly offset: number;
}

/** Every kernel name, mapped to the attrs its kernels receive (normalized: no defaults, negative axes or −1 sizes). */
export interface OpAttrs {
  add: NoAttrs;
  sub: NoAttrs;
  mul: NoAttrs;
  div: NoAttrs;
  sigmoid: NoAttrs;
  tanh: NoAttrs;
  relu: NoAttrs;
  exp: NoAttrs;
  log: NoAttrs;
  neg: NoAttrs;
  oneMinus: NoAttrs;
  softmax: { readonly axis: number };
  matmul: MatmulAttrs;
  concat: { readonly axis: number };
  slice: { readonly begin: readonly number[]; readonly size: readonly number[] };
  transpose: { readonly perm: readonly number[] };
  reshape: { readonly shape: readonly number[] };
  sum: ReduceAttrs;
  mean: ReduceAttrs;
  max: ReduceAttrs;
  lstmGates: NoAttrs;
  gruCombine: NoAttrs;
  gruUpdate: NoAttrs;
  additiveScores: NoAttrs;
  attentionWeights: AttentionAttrs;
  attention: AttentionAttrs;
  gelu: GeluAttrs;
  layerNorm: LayerNormAttrs;
  positionalEncoding: PositionalEncodingAttrs;
  /** Backward-only kernels (the gradient rules call them; autodiff/rules/ defines them). */
  reluGrad: NoAttrs;
  geluGrad: GeluAttrs;
  layerNormGrad: LayerNormAttrs;
  gruCombineGrad: NoAttrs;
  additiveScoresGrad: NoAttrs;
  /** The training loss as one op (train/cross-entropy.ts defines it; CPU only). */
  softmaxCrossEntropy: NoAttrs;
}

/** The name of a kernel every backend may implement. */
export type OpName = keyof OpAttrs;

/** The elementwise ops with one input and no attrs (one GLSL expression each on WebGL2). */
export type UnaryOpName = 'sigmoid' | 'tanh' | 'relu' | 'exp' | 'log' | 'neg' | 'oneMinus';

/** The broadcasting binary ops. */
export type BinaryOpName = 'add' | 'sub' | 'mul' | 'div';

/** The reductions over an axis list. */
export type ReduceOpName = 'sum' | 'mean' | 'max';
