import { Tensor } from '../tensor.ts';

/** A tensor, or a plain number that binary ops treat as a rank-0 tensor. */
export type Operand = Tensor | number;

/** Lifts a number to a rank-0 CPU tensor so every binary op has one tensor signature. */
export function asTensor(x: Operand): Tensor {
  return typeof x === 'number' ? new Tensor([], Float32Array.of(x)) : x;
}
