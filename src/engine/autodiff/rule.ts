import type { Attrs } from '../registry.ts';
import type { Tensor } from '../tensor.ts';

/** What a backward rule sees of one recorded op: its inputs, attrs, output and the gradient of the loss w.r.t. that output. */
export interface BackwardContext {
  readonly inputs: readonly Tensor[];
  readonly attrs: Attrs;
  readonly output: Tensor;
  readonly grad: Tensor;
  /** needs[k] is false when input k does not lead to a parameter, so its gradient may be skipped (undefined). */
  readonly needs: readonly boolean[];
}

/**
 * A vector-Jacobian product: the gradient for each input (undefined where
 * not needed). Rules are written with engine ops, so they dispatch through
 * the registry to whichever backend holds the tensors.
 */
export type BackwardRule = (ctx: BackwardContext) => (Tensor | undefined)[];

const rules = new Map<string, BackwardRule>();

/** Registers (or replaces) the backward rule of `op`, keyed by the kernel name in ops/README.md. */
export function registerGradient(op: string, rule: BackwardRule): void {
  rules.set(op, rule);
}

/** The backward rule for `op`; throws naming the op when there is none. */
export function gradientRule(op: string): BackwardRule {
  const rule = rules.get(op);
  if (rule === undefined) throw new Error(`no gradient rule for op "${op}"`);
  return rule;
}

/** True when `op` has a backward rule (tests use it to check coverage). */
export function hasGradient(op: string): boolean {
  return rules.has(op);
}
