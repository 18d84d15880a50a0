/** The recurrent and attention models the chapters teach, built from engine ops. */
export { activationFn } from './activation.ts';
export { hardRead, localRead, type SourceRead, softRead } from './attention-modes.ts';
export {
  type AdditiveParams,
  type AttentionRead,
  additiveScores,
  type BahdanauDecoder,
  bahdanauDecode,
  bahdanauStep,
  readContext,
} from './bahdanau.ts';
export type { Activation, CellState, RecurrentCell } from './cell.ts';
export { frobenius, gradientNorms, lstmJacobians, rnnJacobians } from './gradient-flow.ts';
export { gruCell } from './gru.ts';
export { type LinearParams, linear } from './linear.ts';
export { linearMemoryNetwork } from './linear-memory.ts';
export { lstmCell } from './lstm.ts';
export { type LuongScore, luongScores } from './luong.ts';
export { loadMultiHead, type MultiHeadParams, multiHeadAttention } from './multi-head.ts';
export { readParam, type StateDict, StateDictError } from './params.ts';
export {
  constantParams,
  type LayerKey,
  loadRecurrentParams,
  type RecurrentParams,
  toStateDict,
} from './recurrent-params.ts';
export { type RnnOptions, rnnCell } from './rnn.ts';
export { attend, type SelfAttentionOptions, type SelfAttentionParams, selfAttention } from './self-attention.ts';
export {
  type BidirectionalResult,
  type RunOptions,
  type RunResult,
  runBidirectional,
  runSequence,
  runStacked,
} from './sequence.ts';
export { type Feed, feedSequence, nToM, nToN, nToOne, oneToN, type Readout } from './shapes.ts';
export {
  causalMask,
  decoderLayer,
  encoderLayer,
  type LayerKind,
  type LayerParams,
  loadTransformerLayer,
  multiHeadBlock,
  paddingMask,
  type TransformerLayerConfig,
  transformerLayerShapes,
} from './transformer-layer.ts';
