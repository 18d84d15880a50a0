/** One implementation of the workloads (Stepwise CPU/WebGL2, a TensorFlow.js backend, mathjs). */
import type { Spec } from './data.ts';

/** A workload set up on one implementation, inputs already in place. */
export interface Runner {
  /** One step from the fixed inputs, every output read back to JS; returns the primary output. */
  step(): ArrayLike<number>;
  /** The chained steps (data stays where it is computed), one readback at the end. */
  chain(): ArrayLike<number>;
}

export interface Impl {
  readonly name: string;
  /** Makes this implementation the active one (TensorFlow.js backend, engine dispatch). */
  activate(): Promise<void>;
  deactivate(): void;
  /** The workload on this implementation, or undefined where it does not apply. */
  make(spec: Spec): Runner | undefined;
}
