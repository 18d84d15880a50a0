/** Reverse-mode autodiff: a tape recorded during `valueAndGrad`, with backward rules per op. */
export { type BackwardContext, type BackwardRule, hasGradient, registerGradient } from './rule.ts';
export { reluGradCpu } from './rules/elementwise.ts';
export { geluGradCpu, layerNormGradCpu } from './rules/normalize.ts';
export { padTo } from './rules/shape.ts';
export { grad, type LossResult, type Params, valueAndGrad } from './tape.ts';
export { broadcastTo, unbroadcast } from './unbroadcast.ts';
