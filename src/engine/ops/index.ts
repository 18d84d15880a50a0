/**
 * Every op, imported once so its CPU kernel registers. Backends import this
 * barrel (or the op files) before registering their own kernels.
 */
export { add, addCpu } from './add.ts';
export { attention, attentionCpu } from './attention.ts';
export {
  type AttentionOptions,
  attentionWeights,
  attentionWeightsCpu,
  combinedMask,
  resolveScale,
} from './attention-weights.ts';
export { concat, concatCpu } from './concat.ts';
export type {
  AttentionAttrs,
  GeluApproximate,
  LayerNormAttrs,
  MatmulAttrs,
  OpAttrs,
  OpName,
  PositionalEncodingAttrs,
  ReduceAttrs,
} from './contract.ts';
export { div, divCpu } from './div.ts';
export { exp, expCpu } from './exp.ts';
export { erf, gelu, geluCpu, geluScalar, geluSlope } from './gelu.ts';
export { gruUpdate, gruUpdateCpu } from './gru-update.ts';
export { layerNorm, layerNormCpu } from './layer-norm.ts';
export { log, logCpu } from './log.ts';
export { lstmGates, lstmGatesCpu } from './lstm-gates.ts';
export { type MatmulOptions, matmul, matmulCpu } from './matmul.ts';
export { max, maxCpu } from './max.ts';
export { mean, meanCpu } from './mean.ts';
export { mul, mulCpu } from './mul.ts';
export { neg, negCpu } from './neg.ts';
export { oneMinus, oneMinusCpu } from './one-minus.ts';
export { positionalEncoding, positionalEncodingCpu } from './positional-encoding.ts';
export { relu, reluCpu } from './relu.ts';
export { reshape, reshapeCpu } from './reshape.ts';
export { sigmoid, sigmoidCpu } from './sigmoid.ts';
export { slice, sliceCpu } from './slice.ts';
export { softmax, softmaxCpu } from './softmax.ts';
export { split } from './split.ts';
export { sub, subCpu } from './sub.ts';
export { sum, sumCpu } from './sum.ts';
export { tanh, tanhCpu } from './tanh.ts';
export { transpose, transposeCpu } from './transpose.ts';
