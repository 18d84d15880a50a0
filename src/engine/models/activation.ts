import { relu } from '../ops/relu.ts';
import { sigmoid } from '../ops/sigmoid.ts';
import { tanh } from '../ops/tanh.ts';
import type { Tensor } from '../tensor.ts';
import type { Activation } from './cell.ts';

/** Resolves an activation name to its op; 'linear' is the identity (the memory chapter's network). */
export function activationFn(a: Activation): (x: Tensor) => Tensor {
  if (typeof a === 'function') return a;
  switch (a) {
    case 'tanh':
      return tanh;
    case 'sigmoid':
      return sigmoid;
    case 'relu':
      return relu;
    case 'linear':
      return (x) => x;
  }
}
