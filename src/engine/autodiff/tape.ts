/**
 * Reverse-mode autodiff by recording. While `valueAndGrad` runs its
 * callback, the registry hands every op call to a tape; ops none of whose
 * inputs depend on a parameter are not kept. Afterwards the tape is walked
 * backwards, each op's rule turning the gradient of its output into
 * gradients of its inputs. Outside a callback nothing is recorded, so
 * widgets that call models constantly pay one `undefined` check per op.
 */
import { add } from '../ops/add.ts';
import type { OpAttrs, OpName } from '../ops/contract.ts';
import { type OpRecorder, setOpRecorder } from '../registry.ts';
import { full, type Tensor, zeros } from '../tensor.ts';
import { gradientRule } from './rule.ts';
import './rules/elementwise.ts';
import './rules/fused.ts';
import './rules/matmul.ts';
import './rules/normalize.ts';
import './rules/reduce.ts';
import './rules/shape.ts';

interface Node<Op extends OpName = OpName> {
  readonly op: Op;
  readonly inputs: readonly Tensor[];
  readonly attrs: OpAttrs[Op];
  readonly output: Tensor;
}

/** A record of the ops that depend on the tracked tensors, in execution order. */
class Tape implements OpRecorder {
  readonly nodes: Node[] = [];
  readonly tracked: Set<Tensor>;

  constructor(sources: Iterable<Tensor>) {
    this.tracked = new Set(sources);
  }

  record<Op extends OpName>(op: Op, inputs: readonly Tensor[], attrs: OpAttrs[Op], output: Tensor): void {
    if (!inputs.some((t) => this.tracked.has(t))) return;
    this.tracked.add(output);
    this.nodes.push({ op, inputs, attrs, output });
  }

  /** ∂loss/∂t for every tracked t that reaches the loss (others are absent from the map). */
  backward(loss: Tensor): Map<Tensor, Tensor> {
    const grads = new Map<Tensor, Tensor>([[loss, full(loss.shape, 1)]]);
    for (let k = this.nodes.length - 1; k >= 0; k--) {
      const node = this.nodes[k] as Node;
      const grad = grads.get(node.output);
      if (grad === undefined) continue;
      const needs = node.inputs.map((t) => this.tracked.has(t));
      const inputGrads = gradientRule(node.op)({ ...node, grad, needs });
      node.inputs.forEach((t, i) => {
        const g = inputGrads[i];
        if (g === undefined || !needs[i]) return;
        const previous = grads.get(t);
        grads.set(t, previous === undefined ? g : add(previous, g));
      });
    }
    return grads;
  }
}

/** Named parameters (e.g. `{ W_ih, W_hh, b_ih, b_hh }`); gradients come back under the same names. */
export type Params = Readonly<Record<string, Tensor>>;

/** What a differentiated function returns: the scalar loss, or an object carrying it as `loss` plus anything else. */
export type LossResult = Tensor | { readonly loss: Tensor };

/** The loss tensor of a callback's result. */
function lossOf(result: LossResult): Tensor {
  return 'loss' in result ? result.loss : (result as Tensor);
}

/**
 * Runs `fn(params)` while recording, then returns its result and
 * ∂loss/∂param for each param (zeros for params the loss does not use).
 * The loss must hold one element. `fn` must be synchronous (the recorder
 * is global while it runs, and JavaScript cannot interleave a synchronous
 * call). Calls may not nest: an inner call would take over the recorder,
 * so it is refused.
 */
export function valueAndGrad<P extends Params, R extends LossResult>(
  fn: (params: P) => R,
  params: P,
): { value: R; grads: { [K in keyof P]: Tensor } } {
  const tape = new Tape(Object.values(params));
  const previous = setOpRecorder(tape);
  if (previous !== undefined) {
    setOpRecorder(previous);
    throw new Error('valueAndGrad calls cannot nest (higher-order gradients are not supported)');
  }
  let value: R;
  try {
    value = fn(params);
  } finally {
    setOpRecorder(undefined);
  }
  const loss = lossOf(value);
  if (loss.size !== 1) throw new RangeError(`the loss must be a single value, got shape [${loss.shape}]`);
  const all = tape.backward(loss);
  const grads: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(params)) grads[name] = all.get(t) ?? zeros(t.shape);
  return { value, grads: grads as { [K in keyof P]: Tensor } };
}

/** The gradient function of `fn`: params → ∂loss/∂params (see valueAndGrad). */
export function grad<P extends Params>(fn: (params: P) => LossResult): (params: P) => { [K in keyof P]: Tensor } {
  return (params) => valueAndGrad(fn, params).grads;
}
