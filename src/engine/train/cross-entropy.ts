/**
 * Softmax cross-entropy as one op, so the loss never takes log(0):
 *
 *   L = −Σ_n Σ_k T_nk log p_nk,   p_n = softmax(z_n)   (log p = z − max − log Σ exp(z − max))
 *   ∂L/∂z_n = p_n · Σ_k T_nk − T_n
 *
 * T holds weighted one-hot targets (weight 0 for <pad>, 1/count otherwise
 * for a mean). The backward rule uses engine ops; the forward kernel exists
 * on the CPU, and a backend without one falls back to it through the registry.
 */
import { registerGradient } from '../autodiff/rule.ts';
import { mul } from '../ops/mul.ts';
import { softmax } from '../ops/softmax.ts';
import { sub } from '../ops/sub.ts';
import { sum } from '../ops/sum.ts';
import { registerKernel, runOp } from '../registry.ts';
import { Tensor } from '../tensor.ts';

/** −Σ T ∘ log softmax(logits) over rows [N, V], in float64; a scalar. */
export function softmaxCrossEntropyCpu(logits: Tensor, targets: Tensor): Tensor {
  const [n, v] = logits.shape as [number, number];
  const z = logits.values();
  const t = targets.values();
  let loss = 0;
  for (let r = 0; r < n; r++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < v; k++) max = Math.max(max, z[r * v + k] as number);
    let s = 0;
    for (let k = 0; k < v; k++) s += Math.exp((z[r * v + k] as number) - max);
    const lse = max + Math.log(s);
    for (let k = 0; k < v; k++) {
      const w = t[r * v + k] as number;
      if (w !== 0) loss -= w * ((z[r * v + k] as number) - lse);
    }
  }
  return new Tensor([], Float32Array.of(loss));
}

registerKernel({
  op: 'softmaxCrossEntropy',
  backend: 'cpu',
  run: ([z, t]) => softmaxCrossEntropyCpu(z as Tensor, t as Tensor),
});

registerGradient('softmaxCrossEntropy', ({ inputs, grad, needs }) => {
  if (needs[1]) throw new Error('softmaxCrossEntropy has no gradient with respect to its targets');
  const [z, t] = inputs as [Tensor, Tensor];
  return [mul(sub(mul(softmax(z, 1), sum(t, 1, true)), t), grad), undefined];
});

/** Cross-entropy of logits [N, V] against weighted one-hot targets [N, V]; a scalar tensor. */
export function softmaxCrossEntropy(logits: Tensor, targets: Tensor): Tensor {
  if (logits.rank !== 2 || targets.rank !== 2 || logits.shape.some((d, i) => d !== targets.shape[i])) {
    throw new RangeError(
      `softmaxCrossEntropy needs logits and targets of one shape [N, V], got [${logits.shape}] and [${targets.shape}]`,
    );
  }
  return runOp('softmaxCrossEntropy', [logits, targets], {}, 1);
}

/**
 * Mean cross-entropy over the ids in `targets` (rows of logits, in order),
 * skipping id `ignore` (<pad>, 0): builds T with weight 1/count per counted row.
 */
export function tokenCrossEntropy(logits: Tensor, targets: readonly number[], ignore = 0): Tensor {
  const [n, v] = logits.shape as [number, number];
  if (targets.length !== n) throw new RangeError(`${n} rows of logits but ${targets.length} targets`);
  const count = targets.filter((id) => id !== ignore).length;
  const t = new Float32Array(n * v);
  targets.forEach((id, r) => {
    if (id !== ignore) t[r * v + id] = 1 / Math.max(1, count);
  });
  return softmaxCrossEntropy(logits, new Tensor([n, v], t));
}
