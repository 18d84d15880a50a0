/**
 * Additive attention masks (/positions-masks/), the matrices the fused
 * attention ops add to the scaled scores before the softmax: 0 keeps a pair,
 * −Infinity forbids it, so exp gives it weight 0 and every row is
 * renormalised over the keys it may see.
 *
 *   causal:  M_ij = 0 if j ≤ i, −∞ if j > i       (a token sees itself and the past)
 *   padding: M_ij = 0 if j < valid, −∞ otherwise   (no query reads the pad tokens)
 */
import { add } from '../ops/add.ts';
import { combinedMask } from '../ops/attention-weights.ts';
import { mul } from '../ops/mul.ts';
import { Tensor } from '../tensor.ts';

/** Which mask a widget or model asks for. */
export type MaskKind = 'none' | 'causal' | 'padding';

function checkSize(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a whole number ≥ 1, got ${n}`);
}

/** The causal mask [n, m]: query i may read keys j ≤ i. */
export function causalMask(n: number, m = n): Tensor {
  checkSize('n', n);
  checkSize('m', m);
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < m; j++) out[i * m + j] = Number.NEGATIVE_INFINITY;
  return new Tensor([n, m], out);
}

/** The padding mask [n, m]: every query may read the first `valid` keys only (the rest are pad tokens). */
export function paddingMask(n: number, valid: number, m = n): Tensor {
  checkSize('n', n);
  checkSize('m', m);
  if (!Number.isInteger(valid) || valid < 1 || valid > m) {
    throw new RangeError(`valid must be a whole number from 1 to ${m}, got ${valid}`);
  }
  const keyPadding = Array.from({ length: m }, (_, j) => j >= valid);
  // The fused ops' own key-padding rule (PyTorch's key_padding_mask), so the matrix shown is the one they add.
  return combinedMask(n, m, { keyPadding }) as Tensor;
}

/** The mask of `kind` for n tokens of which the first `valid` are real; undefined for 'none'. */
export function attentionMask(kind: MaskKind, n: number, valid = n): Tensor | undefined {
  if (kind === 'causal') return causalMask(n);
  if (kind === 'padding') return paddingMask(n, valid);
  return undefined;
}

/** What the softmax reads: scale · E + M, from raw scores E [n, m] (no mask: just scale · E); masked pairs are −∞. */
export function maskedScores(E: Tensor, scale: number, mask?: Tensor): Tensor {
  const scaled = mul(E, scale);
  return mask === undefined ? scaled : add(scaled, mask);
}
