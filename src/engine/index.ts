/**
 * Stepwise's tensor engine: float32 tensors, ops with a CPU definition and
 * accelerated kernels, and the recurrent and attention models the chapters
 * teach. No DOM, Svelte or Astro imports: it runs in Node and the browser.
 */
export * from './autodiff/index.ts';
export { type Sample, type SamplingOptions, sampleDecode, samplingDistribution } from './models/decode-sample.ts';
export {
  argmax,
  type BeamHypothesis,
  type BeamNode,
  type BeamOptions,
  type BeamResult,
  beamSearch,
  type DecodeStep,
  EOS_ID,
  type ForcedDecode,
  forcedDecode,
  lengthNorm,
  logSoftmax,
  pathTo,
  type StepModel,
  scoreSteps,
} from './models/decode-search.ts';
export * from './models/index.ts';
export {
  type DecoderState,
  decoderStep,
  type Encoded,
  encode,
  initialState,
  oneHot,
  readout,
  type Seq2Seq,
} from './models/seq2seq.ts';
export { prepareKeys, readSource, type SourceMemory } from './models/seq2seq-attention.ts';
export { beamDecode, type Decoded, greedyDecode, seq2seqStepModel } from './models/seq2seq-decode.ts';
export { exportSeq2Seq, importSeq2Seq, MAX_MODEL_BYTES, SEQ2SEQ_FORMAT } from './models/seq2seq-io.ts';
export {
  type AttentionKind,
  countParams,
  initSeq2Seq,
  type Seq2SeqConfig,
  type Seq2SeqParams,
  seq2seqShapes,
  seq2seqSizes,
} from './models/seq2seq-params.ts';
export { assertFinite, findNonFinite, type NonFiniteAt, NonFiniteError } from './nonfinite.ts';
export * from './ops/index.ts';
export { mulberry32, type Rng, randn, sampleIndex, uniformTensor } from './random.ts';
export { chooseBackend, dispatch, getBackend, type OpCall, onOpCall, runOn, traceCalls } from './registry.ts';
export { type Shape, sizeOf } from './shape.ts';
// symbol-tex.ts (texAt, blockName, blockTex, ACTIVATION_TEX) is imported by its path, not from
// here: re-exported, it would join the engine chunk every page loads, for the two gated widgets that use it.
export {
  type GateBlock,
  GRU_BLOCKS,
  type GruVariant,
  LSTM_BLOCKS,
  type RecurrentParam,
  SYMBOLS,
  type SymbolKey,
  type TraceSymbol,
} from './symbols.ts';
export * from './tasks/index.ts';
export { full, type NestedNumbers, Tensor, tensor, zeros } from './tensor.ts';
export { label, Trace, type TraceAt, type TraceEntry } from './trace.ts';
export * from './train/index.ts';
