import { it } from 'vitest';
import { valueAndGrad } from '~engine/autodiff/index.ts';
import * as E from '~engine/index.ts';
import type { Tensor } from '~engine/tensor.ts';
import { eachBackend } from './each-backend.ts';
import {
  expectGradClose,
  finiteDiff,
  map,
  matmulN,
  type Nd,
  nd,
  rand,
  seeded,
  softmaxN,
  toTensor,
} from './grad-reference.ts';

/*
 * Gradients of GELU, LayerNorm and cross-attention with padding against
 * float64 central differences of independent float64 implementations
 * (the erf here is the alternating Taylor series, not the engine's
 * positive-term series), through L = Σ op(x) ∘ R. Tolerance as grad-ops.
 */
const TOL = { rtol: 1e-4, atol: 1e-5 };

/**
 * erf by its alternating Maclaurin series for |x| ≤ 2 (cancellation costs < 2
 * digits there) and, beyond, 1 − erfc by Laplace's continued fraction
 * erfc(x) = e^{−x²}/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …)))), evaluated bottom-up.
 */
function erfRef(x: number): number {
  const a = Math.abs(x);
  if (a > 2) {
    let f = a;
    for (let k = 80; k >= 1; k--) f = a + k / 2 / f;
    return Math.sign(x) * (1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / f);
  }
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

const geluRef = (v: number, tanhForm: boolean) =>
  tanhForm
    ? 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)))
    : 0.5 * v * (1 + erfRef(v / Math.SQRT2));

function layerNormRef([x, g, b]: Nd[], eps: number): Nd {
  const D = (x as Nd).shape[(x as Nd).shape.length - 1] as number;
  const out = new Float64Array((x as Nd).data.length);
  for (let r = 0; r < out.length / D; r++) {
    const row = (x as Nd).data.subarray(r * D, (r + 1) * D);
    const mu = row.reduce((s, v) => s + v, 0) / D;
    const variance = row.reduce((s, v) => s + (v - mu) ** 2, 0) / D;
    for (let k = 0; k < D; k++) {
      out[r * D + k] =
        (((row[k] as number) - mu) / Math.sqrt(variance + eps)) * ((g as Nd).data[k] as number) +
        ((b as Nd).data[k] as number);
    }
  }
  return { shape: [...(x as Nd).shape], data: out };
}

/** softmax(Q Kᵀ/√d + padding) V with −∞ columns for padded keys; fully masked rows give 0. */
function crossAttentionRef([q, k, v]: Nd[], pad: boolean[], zeroEmpty: boolean, causal = false): Nd {
  const d = (q as Nd).shape[1] as number;
  const s = map(matmulN(q as Nd, k as Nd, false, true), (x) => x / Math.sqrt(d));
  const m = pad.length;
  // Causal with n ≠ m is top-left aligned: query i sees keys 0 … i.
  const hidden = (i: number) => pad[i % m] || (causal && i % m > Math.floor(i / m));
  const masked = { shape: s.shape, data: s.data.map((x, i) => (hidden(i) ? Number.NEGATIVE_INFINITY : x)) };
  const w = softmaxN(masked, -1);
  const safe = zeroEmpty ? map(w, (x) => (Number.isNaN(x) ? 0 : x)) : w;
  return matmulN(safe, v as Nd);
}

type Case = {
  name: string;
  inputs: Nd[];
  engine: (xs: Tensor[]) => Tensor;
  ref: (xs: Nd[]) => Nd;
  /** Compare c·∂ of the engine at inputs scaled by c with the reference's ∂ at the inputs (LayerNorm is scale-free). */
  scale?: number;
};

const rng = seeded(19);
const wide = nd([2, 5], [-6, -2.5, -0.7, 0.3, 1.9, 4.2, -3.3, 0, 0.9, 7]);
/** Large |x|: GELU's slope is 1 or 0 out there, and must not become NaN on the way (overflowing exp or x³). */
const huge = nd([2, 5], [-1000, -100, -20, -9, -4.5, 4.5, 9, 20, 100, 1000]);
const pad = [false, false, true, false, true];
const cases: Case[] = [
  {
    name: 'relu(x) on [−6, 7] away from the kink',
    inputs: [nd([2, 4], [-6, -0.7, 0.3, 1.9, -3.3, 0.05, -0.05, 7])],
    engine: ([x]) => E.relu(x as Tensor),
    ref: ([x]) => map(x as Nd, (v) => Math.max(0, v)),
  },
  {
    name: "gelu(x, 'none') on [−6, 7]",
    inputs: [wide],
    engine: ([x]) => E.gelu(x as Tensor),
    ref: ([x]) => map(x as Nd, (v) => geluRef(v, false)),
  },
  {
    name: "gelu(x, 'tanh') on [−6, 7]",
    inputs: [wide],
    engine: ([x]) => E.gelu(x as Tensor, 'tanh'),
    ref: ([x]) => map(x as Nd, (v) => geluRef(v, true)),
  },
  {
    name: "gelu(x, 'none') on ±1000, ±100, ±20, ±9, ±4.5",
    inputs: [huge],
    engine: ([x]) => E.gelu(x as Tensor),
    ref: ([x]) => map(x as Nd, (v) => geluRef(v, false)),
  },
  {
    name: "gelu(x, 'tanh') on ±1000, ±100, ±20, ±9, ±4.5",
    inputs: [huge],
    engine: ([x]) => E.gelu(x as Tensor, 'tanh'),
    ref: ([x]) => map(x as Nd, (v) => geluRef(v, true)),
  },
  {
    name: 'layerNorm(1e20·x, γ, β) on [3,5]: 1e20·∂x equals ∂x at x (squares of 1e20 overflow float32)',
    inputs: [rand([3, 5], rng, 2), rand([5], rng), rand([5], rng)],
    engine: ([x, g, b]) => E.layerNorm(x as Tensor, g as Tensor, b as Tensor),
    ref: (xs) => layerNormRef(xs, 0),
    scale: 1e20,
  },
  {
    name: 'layerNorm(1e-15·x, γ, β, ε = 0) on [2,4]: 1e-15·∂x equals ∂x at x (tiny rows)',
    inputs: [rand([2, 4], rng, 2), rand([4], rng), rand([4], rng)],
    engine: ([x, g, b]) => E.layerNorm(x as Tensor, g as Tensor, b as Tensor, 0),
    ref: (xs) => layerNormRef(xs, 0),
    scale: 1e-15,
  },
  {
    name: 'layerNorm(x, γ, β) on [3,5], ε = 1e-5',
    inputs: [rand([3, 5], rng, 2), rand([5], rng), rand([5], rng)],
    engine: ([x, g, b]) => E.layerNorm(x as Tensor, g as Tensor, b as Tensor),
    ref: (xs) => layerNormRef(xs, 1e-5),
  },
  {
    name: 'layerNorm(x, γ, β) on a batch [2,2,4], ε = 0.01',
    inputs: [rand([2, 2, 4], rng, 3), rand([4], rng), rand([4], rng)],
    engine: ([x, g, b]) => E.layerNorm(x as Tensor, g as Tensor, b as Tensor, 0.01),
    ref: (xs) => layerNormRef(xs, 0.01),
  },
  {
    name: 'attention(Q[3], K[5], V[5]) cross-attention with keys 3 and 5 padded',
    inputs: [rand([3, 4], rng), rand([5, 4], rng), rand([5, 2], rng)],
    engine: ([q, k, v]) => E.attention(q as Tensor, k as Tensor, v as Tensor, { keyPadding: pad }),
    ref: (xs) => crossAttentionRef(xs, pad, false),
  },
  {
    name: 'attention(Q[3], K[5], V[5]) causal (top-left) with key 2 padded: query 1 sees key 1 only',
    inputs: [rand([3, 4], rng), rand([5, 4], rng), rand([5, 2], rng)],
    engine: ([q, k, v]) =>
      E.attention(q as Tensor, k as Tensor, v as Tensor, {
        causal: true,
        keyPadding: [false, true, false, false, false],
      }),
    ref: (xs) => crossAttentionRef(xs, [false, true, false, false, false], false, true),
  },
  {
    name: "attention(Q[2], K[3], V[3], emptyRows 'zero') with every key padded: ∂ = 0",
    inputs: [rand([2, 4], rng), rand([3, 4], rng), rand([3, 2], rng)],
    engine: ([q, k, v]) =>
      E.attention(q as Tensor, k as Tensor, v as Tensor, { keyPadding: [true, true, true], emptyRows: 'zero' }),
    ref: (xs) => crossAttentionRef(xs, [true, true, true], true),
  },
];

function check(c: Case): void {
  const out = c.ref(c.inputs);
  const R = rand(out.shape, seeded(99));
  const scale = c.scale ?? 1;
  // With a scale, only x (input 0) is scaled; LayerNorm's output and its ∂γ, ∂β do not change, ∂x shrinks by it.
  const engineInputs = c.inputs.map((x, i) => (i === 0 && scale !== 1 ? map(x, (v) => v * scale) : x));
  const params = Object.fromEntries(engineInputs.map((x, i) => [`x${i}`, toTensor(x)]));
  const { grads } = valueAndGrad(
    (p) => E.sum(E.mul(c.engine(c.inputs.map((_, i) => p[`x${i}`] as Tensor)), toTensor(R))),
    params,
  );
  finiteDiff(c.ref, c.inputs, R).forEach((r, i) => {
    const g = grads[`x${i}`] as Tensor;
    const got = i === 0 && scale !== 1 ? E.mul(g, E.tensor(scale)) : g;
    expectGradClose(got, r, TOL, `${c.name} ∂x${i}`);
  });
}

eachBackend('valueAndGrad through the Transformer ops', () => {
  for (const c of cases) {
    it(`∂(Σ ${c.name} ∘ R) matches float64 central differences`, () => check(c));
  }
});
