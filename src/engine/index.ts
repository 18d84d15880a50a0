/**
 * Stepwise's tensor engine: float32 tensors, ops with a CPU definition and
 * accelerated kernels, and the recurrent and attention models the chapters
 * teach. No DOM, Svelte or Astro imports: it runs in Node and the browser.
 */
export { softmax, softmaxCpu } from './ops/softmax.ts';
export { chooseBackend, dispatch, getBackend, type OpCall, onOpCall, runOn, traceCalls } from './registry.ts';
export { type Shape, sizeOf } from './shape.ts';
export { full, type NestedNumbers, Tensor, tensor, zeros } from './tensor.ts';
