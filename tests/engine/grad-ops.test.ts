import { describe, expect, it } from 'vitest';
import { hasGradient, valueAndGrad } from '~engine/autodiff/index.ts';
import * as E from '~engine/index.ts';
import type { OpName } from '~engine/ops/contract.ts';
import type { Tensor } from '~engine/tensor.ts';
import { eachBackend } from './each-backend.ts';
import {
  addN,
  concatN,
  expectGradClose,
  finiteDiff,
  map,
  matmulN,
  mulN,
  type Nd,
  rand,
  reduceN,
  seeded,
  sig,
  sliceN,
  softmaxN,
  swapLast,
  toTensor,
  total,
  transposeN,
  zip,
} from './grad-reference.ts';

/*
 * Every op's reverse-mode gradient against float64 central differences of an
 * independent float64 implementation, through the scalar L = Σ op(x) ∘ R with
 * a random R. Tolerance: |got − ref| ≤ 1e-5 + 1e-4·|ref| (float32 forward and
 * backward each round at ~6e-8 relative; sums of up to ~20 terms).
 */
const TOL = { rtol: 1e-4, atol: 1e-5 };

type Case = {
  name: string;
  inputs: Nd[];
  engine: (xs: Tensor[]) => Tensor;
  ref: (xs: Nd[]) => Nd;
  cpuOnly?: boolean;
};

function check(c: Case): void {
  const out = c.ref(c.inputs);
  const R = rand(out.shape, seeded(99));
  const params = Object.fromEntries(c.inputs.map((x, i) => [`x${i}`, toTensor(x)]));
  const { grads } = valueAndGrad(
    (p) => E.sum(E.mul(c.engine(c.inputs.map((_, i) => p[`x${i}`] as Tensor)), toTensor(R))),
    params,
  );
  const refs = finiteDiff(c.ref, c.inputs, R);
  refs.forEach((r, i) => {
    expectGradClose(grads[`x${i}`] as Tensor, r, TOL, `${c.name} ∂x${i}`);
  });
}

const rng = seeded(1);
const away = (a: Nd) => map(a, (v) => (v >= 0 ? v + 0.5 : v - 0.5));
const positive = (a: Nd) => map(a, (v) => Math.abs(v) + 0.2);

const cases: Case[] = [
  {
    name: 'add [3,4]+[4]',
    inputs: [rand([3, 4], rng), rand([4], rng)],
    engine: ([a, b]) => E.add(a as Tensor, b as Tensor),
    ref: ([a, b]) => addN(a as Nd, b as Nd),
  },
  {
    name: 'add [3,1]+[1,4]',
    inputs: [rand([3, 1], rng), rand([1, 4], rng)],
    engine: ([a, b]) => E.add(a as Tensor, b as Tensor),
    ref: ([a, b]) => addN(a as Nd, b as Nd),
  },
  {
    name: 'add x + 2 (number operand)',
    inputs: [rand([2, 3], rng)],
    engine: ([a]) => E.add(a as Tensor, 2),
    ref: ([a]) => map(a as Nd, (v) => v + Math.fround(2)),
  },
  {
    name: 'sub [2,3]-[2,1]',
    inputs: [rand([2, 3], rng), rand([2, 1], rng)],
    engine: ([a, b]) => E.sub(a as Tensor, b as Tensor),
    ref: ([a, b]) => zip(a as Nd, b as Nd, (x, y) => x - y),
  },
  {
    name: 'mul [2,3]*[3]',
    inputs: [rand([2, 3], rng), rand([3], rng)],
    engine: ([a, b]) => E.mul(a as Tensor, b as Tensor),
    ref: ([a, b]) => mulN(a as Nd, b as Nd),
  },
  {
    name: 'mul x*x (input used twice)',
    inputs: [rand([5], rng)],
    engine: ([a]) => E.mul(a as Tensor, a as Tensor),
    ref: ([a]) => mulN(a as Nd, a as Nd),
  },
  {
    name: 'div [2,3]/[1,3]',
    inputs: [rand([2, 3], rng), away(rand([1, 3], rng))],
    engine: ([a, b]) => E.div(a as Tensor, b as Tensor),
    ref: ([a, b]) => zip(a as Nd, b as Nd, (x, y) => x / y),
  },
  {
    name: 'sigmoid',
    inputs: [rand([2, 4], rng, 3)],
    engine: ([a]) => E.sigmoid(a as Tensor),
    ref: ([a]) => map(a as Nd, sig),
  },
  {
    name: 'tanh',
    inputs: [rand([2, 4], rng, 2)],
    engine: ([a]) => E.tanh(a as Tensor),
    ref: ([a]) => map(a as Nd, Math.tanh),
  },
  {
    name: 'exp',
    inputs: [rand([2, 4], rng, 2)],
    engine: ([a]) => E.exp(a as Tensor),
    ref: ([a]) => map(a as Nd, Math.exp),
  },
  {
    name: 'log',
    inputs: [positive(rand([2, 4], rng))],
    engine: ([a]) => E.log(a as Tensor),
    ref: ([a]) => map(a as Nd, Math.log),
  },
  { name: 'neg', inputs: [rand([3], rng)], engine: ([a]) => E.neg(a as Tensor), ref: ([a]) => map(a as Nd, (v) => -v) },
  {
    name: 'oneMinus',
    inputs: [rand([3], rng)],
    engine: ([a]) => E.oneMinus(a as Tensor),
    ref: ([a]) => map(a as Nd, (v) => 1 - v),
  },
  {
    name: 'relu',
    inputs: [away(rand([2, 4], rng))],
    engine: ([a]) => E.relu(a as Tensor),
    ref: ([a]) => map(a as Nd, (v) => Math.max(0, v)),
  },
  {
    name: 'softmax axis −1',
    inputs: [rand([3, 4], rng, 2)],
    engine: ([a]) => E.softmax(a as Tensor),
    ref: ([a]) => softmaxN(a as Nd, -1),
  },
  {
    name: 'softmax axis 0',
    inputs: [rand([3, 4], rng, 2)],
    engine: ([a]) => E.softmax(a as Tensor, 0),
    ref: ([a]) => softmaxN(a as Nd, 0),
  },
  {
    name: 'matmul',
    inputs: [rand([2, 3], rng), rand([3, 4], rng)],
    engine: ([a, b]) => E.matmul(a as Tensor, b as Tensor),
    ref: ([a, b]) => matmulN(a as Nd, b as Nd),
  },
  {
    name: 'matmul Aᵀ',
    inputs: [rand([3, 2], rng), rand([3, 4], rng)],
    engine: ([a, b]) => E.matmul(a as Tensor, b as Tensor, { transposeA: true }),
    ref: ([a, b]) => matmulN(a as Nd, b as Nd, true),
  },
  {
    name: 'matmul Bᵀ',
    inputs: [rand([2, 3], rng), rand([4, 3], rng)],
    engine: ([a, b]) => E.matmul(a as Tensor, b as Tensor, { transposeB: true }),
    ref: ([a, b]) => matmulN(a as Nd, b as Nd, false, true),
  },
  {
    name: 'matmul AᵀBᵀ',
    inputs: [rand([3, 2], rng), rand([4, 3], rng)],
    engine: ([a, b]) => E.matmul(a as Tensor, b as Tensor, { transposeA: true, transposeB: true }),
    ref: ([a, b]) => matmulN(a as Nd, b as Nd, true, true),
  },
  {
    name: 'matmul batched Bᵀ',
    inputs: [rand([2, 2, 3], rng), rand([2, 4, 3], rng)],
    engine: ([a, b]) => E.matmul(a as Tensor, b as Tensor, { transposeB: true }),
    ref: ([a, b]) => matmulN(a as Nd, b as Nd, false, true),
  },
  {
    name: 'concat axis 1',
    inputs: [rand([2, 1], rng), rand([2, 3], rng), rand([2, 2], rng)],
    engine: (xs) => E.concat(xs, 1),
    ref: (xs) => concatN(xs, 1),
  },
  {
    name: 'concat axis 0',
    inputs: [rand([1, 3], rng), rand([2, 3], rng)],
    engine: (xs) => E.concat(xs, 0),
    ref: (xs) => concatN(xs, 0),
  },
  {
    name: 'slice middle box',
    inputs: [rand([3, 5], rng)],
    engine: ([a]) => E.slice(a as Tensor, [1, 1], [2, 3]),
    ref: ([a]) => sliceN(a as Nd, [1, 1], [2, 3]),
  },
  {
    name: 'split in 3, parts recombined',
    inputs: [rand([2, 6], rng)],
    engine: ([a]) => {
      const [p, q, r] = E.split(a as Tensor, 3, 1) as [Tensor, Tensor, Tensor];
      return E.add(E.mul(p, q), r);
    },
    ref: ([a]) =>
      addN(mulN(sliceN(a as Nd, [0, 0], [2, 2]), sliceN(a as Nd, [0, 2], [2, 2])), sliceN(a as Nd, [0, 4], [2, 2])),
  },
  {
    name: 'transpose 2-d',
    inputs: [rand([2, 3], rng)],
    engine: ([a]) => E.transpose(a as Tensor),
    ref: ([a]) => swapLast(a as Nd),
  },
  {
    name: 'transpose perm [2,0,1]',
    inputs: [rand([2, 3, 4], rng)],
    engine: ([a]) => E.transpose(a as Tensor, [2, 0, 1]),
    ref: ([a]) => transposeN(a as Nd, [2, 0, 1]),
  },
  {
    name: 'reshape',
    inputs: [rand([2, 6], rng)],
    engine: ([a]) => E.mul(E.reshape(a as Tensor, [3, 4]), E.reshape(a as Tensor, [3, 4])),
    ref: ([a]) => {
      const r = { shape: [3, 4], data: (a as Nd).data };
      return mulN(r, r);
    },
  },
  {
    name: 'sum all',
    inputs: [rand([2, 3], rng)],
    engine: ([a]) => E.sum(E.mul(a as Tensor, a as Tensor)),
    ref: ([a]) => reduceN(mulN(a as Nd, a as Nd), [0, 1], total),
  },
  {
    name: 'sum axis 0 keepDims',
    inputs: [rand([3, 2], rng)],
    engine: ([a]) => E.sum(a as Tensor, 0, true),
    ref: ([a]) => reduceN(a as Nd, [0], total, true),
  },
  {
    name: 'mean axis 1',
    inputs: [rand([2, 4], rng)],
    engine: ([a]) => E.mean(a as Tensor, 1),
    ref: ([a]) => reduceN(a as Nd, [1], (v) => total(v) / v.length),
  },
];

eachBackend('valueAndGrad through one op', (backend) => {
  for (const c of cases) {
    if (c.cpuOnly && backend !== 'cpu') continue;
    it(`∂(Σ ${c.name} ∘ R) matches float64 central differences`, () => check(c));
  }
});

describe('valueAndGrad', () => {
  it('valueAndGrad returns zeros for a param the loss does not use, and the value itself', () => {
    const a = E.tensor([1, 2]);
    const b = E.tensor([3]);
    const { value, grads } = valueAndGrad((p) => E.sum(E.mul(p.a, p.a)), { a, b });
    expect(value.toArray()).toEqual([5]);
    expect(grads.a.toArray()).toEqual([2, 4]);
    expect(grads.b.toArray()).toEqual([0]);
  });

  it('valueAndGrad refuses a loss with more than one element', () => {
    expect(() => valueAndGrad((p) => E.mul(p.a, 2), { a: E.tensor([1, 2]) })).toThrow(/single value/);
  });

  it('valueAndGrad refuses to nest', () => {
    const a = E.tensor([1]);
    expect(() => valueAndGrad(() => valueAndGrad((p) => p.a, { a }).value, { a })).toThrow(/nest/);
  });

  it('ops outside valueAndGrad are not recorded (a later call starts from an empty tape)', () => {
    const a = E.tensor([2]);
    E.mul(a, a);
    const { grads } = valueAndGrad((p) => E.sum(E.mul(p.a, 3)), { a });
    expect(grads.a.toArray()).toEqual([3]);
  });

  it('every kernel the models use has a gradient rule (ops/README.md), max excepted', () => {
    const ops: OpName[] = ['add', 'sub', 'mul', 'div', 'sigmoid', 'tanh', 'relu', 'exp', 'log', 'neg', 'oneMinus'];
    ops.push('softmax', 'matmul', 'concat', 'slice', 'transpose', 'reshape', 'sum', 'mean');
    ops.push('lstmGates', 'attentionWeights', 'attention', 'gelu', 'layerNorm', 'softmaxCrossEntropy');
    expect(ops.filter((op) => !hasGradient(op))).toEqual([]);
  });

  it('a callback that throws leaves no recorder behind (the next valueAndGrad works)', () => {
    const a = E.tensor([1]);
    expect(() =>
      valueAndGrad(
        () => {
          throw new Error('boom');
        },
        { a },
      ),
    ).toThrow('boom');
    expect(valueAndGrad((p) => E.sum(E.mul(p.a, 4)), { a }).grads.a.toArray()).toEqual([4]);
  });

  it('max has no gradient rule and says so', () => {
    expect(() => valueAndGrad((p) => E.max(p.a), { a: E.tensor([1, 2]) })).toThrow('no gradient rule for op "max"');
  });
});
