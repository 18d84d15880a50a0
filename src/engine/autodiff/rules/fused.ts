/**
 * Backward rules of the fused ops, composed from primitive ops.
 *
 * lstmGates: out = act(pre), pre = x W_ihᵀ + h W_hhᵀ + b_ih + b_hh, with
 * act = σ on blocks i, f, o (σ' = out(1 − out)) and tanh on g (1 − out²), as LSTM_BLOCKS says:
 *
 *   δ = g ∘ act'(out),  ∂x = δ W_ih,  ∂h = δ W_hh,  ∂W_ih = δᵀ x,  ∂W_hh = δᵀ h,  ∂b = Σ_rows δ
 *
 * attentionWeights: W = softmax_j(S), S = scale · Q Kᵀ + mask (causal
 * entries −∞, so W = 0 there and they get no gradient):
 *
 *   ∂S = W ∘ (G − rowsum(G ∘ W)),  ∂Q = scale · ∂S K,  ∂K = scale · ∂Sᵀ Q,  ∂mask = ∂S
 *
 * attention: O = W V, so ∂V = Wᵀ G and ∂W = G Vᵀ, then as above; W is
 * recomputed with the fused weights op (the forward never materialized it).
 */
import { attentionWeights } from '../../ops/attention-weights.ts';
import { concat } from '../../ops/concat.ts';
import type { AttentionAttrs } from '../../ops/contract.ts';
import { matmul } from '../../ops/matmul.ts';
import { mul } from '../../ops/mul.ts';
import { oneMinus } from '../../ops/one-minus.ts';
import { split } from '../../ops/split.ts';
import { sub } from '../../ops/sub.ts';
import { sum } from '../../ops/sum.ts';
import { LSTM_BLOCKS } from '../../symbols.ts';
import type { Tensor } from '../../tensor.ts';
import { registerGradient } from '../rule.ts';

registerGradient('lstmGates', ({ inputs, output, grad, needs }) => {
  const [x, h, W_ih, W_hh] = inputs as [Tensor, Tensor, Tensor, Tensor];
  const n = LSTM_BLOCKS.length;
  const sigmoidSlope = split(mul(output, oneMinus(output)), n, 1);
  const tanhSlope = split(oneMinus(mul(output, output)), n, 1);
  const slope = concat(
    LSTM_BLOCKS.map((b, k) => (b.activation === 'tanh' ? tanhSlope : sigmoidSlope)[k] as Tensor),
    1,
  );
  const delta = mul(grad, slope);
  const db = needs[4] || needs[5] ? sum(delta, 0) : undefined;
  return [
    needs[0] ? matmul(delta, W_ih) : undefined,
    needs[1] ? matmul(delta, W_hh) : undefined,
    needs[2] ? matmul(delta, x, { transposeA: true }) : undefined,
    needs[3] ? matmul(delta, h, { transposeA: true }) : undefined,
    needs[4] ? db : undefined,
    needs[5] ? db : undefined,
  ];
});

/** ∂Q, ∂K, ∂mask from the weights W and their gradient G (shared by both attention ops). */
function scoreGrads(Q: Tensor, K: Tensor, W: Tensor, G: Tensor, attrs: AttentionAttrs, needs: readonly boolean[]) {
  const { scale } = attrs;
  const dS = mul(W, sub(G, sum(mul(G, W), 1, true)));
  return {
    dQ: needs[0] ? mul(matmul(dS, K), scale) : undefined,
    dK: needs[1] ? mul(matmul(dS, Q, { transposeA: true }), scale) : undefined,
    dS,
  };
}

registerGradient('attentionWeights', ({ inputs, attrs, output, grad, needs }) => {
  const [Q, K] = inputs as [Tensor, Tensor];
  const { dQ, dK, dS } = scoreGrads(Q, K, output, grad, attrs, needs);
  return [dQ, dK, needs[2] ? dS : undefined];
});

registerGradient('attention', ({ inputs, attrs, grad, needs }) => {
  const [Q, K, V, mask] = inputs as [Tensor, Tensor, Tensor, Tensor | undefined];
  const emptyRows = attrs.zeroEmptyRows ? 'zero' : 'nan';
  const W = attentionWeights(Q, K, { scale: attrs.scale, causal: attrs.causal, mask, emptyRows });
  const dW = matmul(grad, V, { transposeB: true });
  const { dQ, dK, dS } = scoreGrads(Q, K, W, dW, attrs, needs);
  return [dQ, dK, needs[2] ? matmul(W, grad, { transposeA: true }) : undefined, needs[3] ? dS : undefined];
});
