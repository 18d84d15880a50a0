import { type HeadPattern, inProjection, outProjection, width } from '~components/state/data/multi-head-weights.ts';
import { multiHead64 } from '../reference/float64/index.ts';

/** A matrix as rows. */
export type M = number[][];

/** The multi-head widget's weights (head patterns, heads on or off, seed) through the float64 nn.MultiheadAttention (biases zero). */
export function reference(X: M, patterns: HeadPattern[], on: boolean[], seed = 1) {
  const zeros = new Array<number>(3 * width).fill(0);
  const { weights, concat, out } = multiHead64(
    X,
    patterns.length,
    inProjection(patterns, seed),
    zeros,
    outProjection(on),
    zeros.slice(0, width),
  );
  return { weights, concat, out };
}
