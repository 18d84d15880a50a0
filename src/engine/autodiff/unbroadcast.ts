import { add } from '../ops/add.ts';
import { reshape } from '../ops/reshape.ts';
import { sum } from '../ops/sum.ts';
import { type Shape, sameShape } from '../shape.ts';
import { type Tensor, zeros } from '../tensor.ts';

/**
 * The gradient of a broadcast input: `g` has the broadcast output's shape,
 * so sum it over the axes broadcasting added or stretched, then drop them.
 */
export function unbroadcast(g: Tensor, shape: Shape): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  return reshape(axes.length === 0 ? g : sum(g, axes, true), shape);
}

/** `g` stretched to `shape` by broadcasting (adding zeros keeps it one engine op). */
export function broadcastTo(g: Tensor, shape: Shape): Tensor {
  return sameShape(g.shape, shape) ? g : add(g, zeros(shape));
}
