import type { OpAttrs, OpName } from '../ops/contract.ts';
import type { Tensor } from '../tensor.ts';

/** What a backward rule sees of one recorded op: its inputs, attrs, output and the gradient of the loss w.r.t. that output. */
export interface BackwardContext<Op extends OpName = OpName> {
  readonly inputs: readonly Tensor[];
  readonly attrs: OpAttrs[Op];
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
export type BackwardRule<Op extends OpName = OpName> = (ctx: BackwardContext<Op>) => (Tensor | undefined)[];

const rules = new Map<OpName, BackwardRule<never>>();

/** Registers (or replaces) the backward rule of `op`, keyed by the kernel name in ops/contract.ts. */
export function registerGradient<Op extends OpName>(op: Op, rule: BackwardRule<Op>): void {
  rules.set(op, rule);
}

/** The backward rule for `op`; throws naming the op when there is none. */
export function gradientRule<Op extends OpName>(op: Op): BackwardRule<Op> {
  // The map pairs each op with the rule registered under it, so the rule takes Op's attrs.
  const rule = rules.get(op) as BackwardRule<Op> | undefined;
  if (rule === undefined) throw new Error(`no gradient rule for op "${op}"`);
  return rule;
}

/** True when `op` has a backward rule (tests use it to check coverage). */
export function hasGradient(op: OpName): boolean {
  return rules.has(op);
}
