/**
 * Backward rules of the ops that only move values: the gradient moves back
 * the same way. concat ↔ slice, slice → the gradient padded with zeros to
 * the input's shape, transpose → the inverse permutation, reshape → the
 * input's shape.
 */
import { concat } from '../../ops/concat.ts';
import { reshape } from '../../ops/reshape.ts';
import { slice } from '../../ops/slice.ts';
import { transpose } from '../../ops/transpose.ts';
import { type Tensor, zeros } from '../../tensor.ts';
import { registerGradient } from '../rule.ts';

registerGradient('concat', ({ inputs, attrs, grad, needs }) => {
  const { axis } = attrs;
  const begin = new Array<number>(grad.rank).fill(0);
  return inputs.map((t, k) => {
    const part = needs[k] ? slice(grad, begin, t.shape) : undefined;
    begin[axis] = (begin[axis] as number) + (t.shape[axis] as number);
    return part;
  });
});

/** `g` placed at `begin` inside zeros of `shape`: one concat per axis the slice cut. */
export function padTo(g: Tensor, begin: readonly number[], shape: readonly number[]): Tensor {
  let out = g;
  for (let axis = 0; axis < shape.length; axis++) {
    const before = begin[axis] as number;
    const after = (shape[axis] as number) - before - (g.shape[axis] as number);
    if (before === 0 && after === 0) continue;
    const side = (n: number) => zeros(out.shape.map((d, i) => (i === axis ? n : d)));
    const parts = [...(before > 0 ? [side(before)] : []), out, ...(after > 0 ? [side(after)] : [])];
    out = concat(parts, axis);
  }
  return out;
}

registerGradient('slice', ({ inputs, attrs, grad }) => [padTo(grad, attrs.begin, (inputs[0] as Tensor).shape)]);

registerGradient('transpose', ({ attrs, grad }) => {
  const { perm } = attrs;
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, k) => {
    inverse[p] = k;
  });
  return [transpose(grad, inverse)];
});

registerGradient('reshape', ({ inputs, grad }) => [reshape(grad, (inputs[0] as Tensor).shape)]);
