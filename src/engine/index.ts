/**
 * Stepwise's tensor engine: float32 tensors, ops with a CPU definition and
 * accelerated kernels, and the recurrent and attention models the chapters
 * teach. No DOM, Svelte or Astro imports: it runs in Node and the browser.
 */
export * from './models/index.ts';
export { assertFinite, findNonFinite, type NonFiniteAt, NonFiniteError } from './nonfinite.ts';
export * from './ops/index.ts';
export { mulberry32, type Rng, randn, sampleIndex, uniformTensor } from './random.ts';
export { chooseBackend, dispatch, getBackend, type OpCall, onOpCall, runOn, traceCalls } from './registry.ts';
export { type Shape, sizeOf } from './shape.ts';
export { full, type NestedNumbers, Tensor, tensor, zeros } from './tensor.ts';
export { label, Trace, type TraceAt, type TraceEntry } from './trace.ts';
