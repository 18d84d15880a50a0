/**
 * Backward rule of matmul. With C = op(A) op(B) and G = ∂L/∂C:
 *
 *   ∂L/∂op(A) = G op(B)ᵀ,   ∂L/∂op(B) = op(A)ᵀ G
 *
 * and a transposed operand gets the transpose of that. Each case is one
 * matmul with transpose flags, so no transposed copy is ever made; rank-3
 * (batched) operands work unchanged.
 */
import { matmul } from '../../ops/matmul.ts';
import type { Tensor } from '../../tensor.ts';
import { registerGradient } from '../rule.ts';

registerGradient('matmul', ({ inputs, attrs, grad: G, needs }) => {
  const [A, B] = inputs as [Tensor, Tensor];
  const ta = attrs.transposeA;
  const tb = attrs.transposeB;
  let dA: Tensor | undefined;
  let dB: Tensor | undefined;
  if (needs[0]) dA = ta ? matmul(B, G, { transposeA: tb, transposeB: true }) : matmul(G, B, { transposeB: !tb });
  if (needs[1]) dB = tb ? matmul(G, A, { transposeA: true, transposeB: ta }) : matmul(A, G, { transposeA: !ta });
  return [dA, dB];
});
