import { describe, expect, it } from 'vitest';
import { device } from '~engine/backends/webgl2/state.ts';
import {
  attention,
  attentionWeights,
  exp,
  log,
  lstmGates,
  max,
  relu,
  sigmoid,
  softmax,
  tanh,
} from '~engine/ops/index.ts';
import { full, tensor } from '~engine/tensor.ts';
import { expectSameOnBoth, onBoth } from './compare.ts';

const inf = Number.POSITIVE_INFINITY;
const extremes = [-1000, -89, -88.8, -20, -1e-3, -0, 0, 1e-3, 20, 88.7, 89, 1000, Number.NaN, inf, -inf];
const tol = { abs: 1e-6, rel: 4e-6 };

describe('elementwise kernels agree with the CPU at the float32 edges', () => {
  const x = tensor(extremes);
  for (const [name, op] of [
    ['sigmoid', sigmoid],
    ['tanh', tanh],
    ['exp', exp],
    ['log', log],
    ['relu', relu],
  ] as const) {
    it(`${name} on ±1000, ±89, NaN and ±Infinity matches the CPU exactly in kind (NaN, ±∞) and closely in value`, () => {
      expectSameOnBoth(() => op(x), tol, name);
    });
  }
  it('tanh(±89) and tanh(±1000) are ±1 and sigmoid(±1000) is 1 or 0, never NaN', () => {
    const edges = tensor([89, -89, 1000, -1000]);
    expect(onBoth(() => tanh(edges)).gpu.toArray()).toEqual([1, -1, 1, -1]);
    expect(onBoth(() => sigmoid(edges)).gpu.toArray()).toEqual([1, 0, 1, 0]);
  });
});

describe('softmax and reductions keep NaN and ±Infinity visible like the CPU', () => {
  const rows = tensor([
    [1000, -1000, 0, 999],
    [89, 90, 91, 88],
    [Number.NaN, 0, 1, 2],
    [inf, 0, inf, 1],
    [-inf, -inf, -inf, -inf],
    [-inf, 0, -inf, 1],
  ]);
  it('softmax(rows) handles ±1000 logits, NaN, +∞ ties and all −∞ rows as softmaxCpu does', () => {
    expectSameOnBoth(() => softmax(rows), tol, 'softmax');
  });
  it('softmax along axis 0 over the same edge cases', () => {
    expectSameOnBoth(() => softmax(rows, 0), tol, 'softmax axis 0');
  });
  it('max propagates NaN like Math.max', () => {
    expectSameOnBoth(() => max(rows, 1), { abs: 0, rel: 0 }, 'max');
  });
});

describe('fused kernels saturate instead of overflowing', () => {
  it('lstmGates with pre-activations of ±1000 gives exact 0/1 gates and ±1 cell candidates', () => {
    const x = tensor([[1, -1]]);
    const h = tensor([[0]]);
    const wih = tensor([
      [1000, 0],
      [0, 1000],
      [1000, 0],
      [0, 1000],
    ]);
    const args = [x, h, wih, full([4, 1], 0), full([4], 0), full([4], 0)] as const;
    const { gpu, cpu } = onBoth(() => lstmGates(...args));
    expect(gpu.toArray()).toEqual(cpu.toArray());
    expect(gpu.toArray()).toEqual([1, 0, 1, 0]);
  });
  it('attention with scores near ±1000 stays finite and matches the CPU', () => {
    const q = tensor([
      [30, 0],
      [-30, 0],
    ]);
    const k = tensor([
      [30, 1],
      [-30, 1],
      [0, 1],
    ]);
    const v = tensor([[1], [2], [3]]);
    expectSameOnBoth(() => attentionWeights(q, k, { scale: 1 }), tol, 'weights');
    expectSameOnBoth(() => attention(q, k, v, { scale: 1 }), tol, 'attention');
  });
});

it('measures the built-in GLSL tanh and exp at the edges (why glsl.ts has safe forms)', () => {
  const gpu = device();
  const x = tensor([88, 89, 1000]);
  const raw = gpu.run({
    key: 'probe:builtin-tanh',
    body: () => `uniform sampler2D x; uniform ivec2 u_xDims;
vec4 compute(int row, int col0) { vec4 v = group4(x, u_xDims.y, row, col0); return tanh(v); }`,
    inputs: { x },
    shape: [3],
  });
  const e = gpu.run({
    key: 'probe:builtin-exp',
    body: () => `uniform sampler2D x; uniform ivec2 u_xDims;
vec4 compute(int row, int col0) { vec4 v = group4(x, u_xDims.y, row, col0); return exp(v); }`,
    inputs: { x },
    shape: [3],
  });
  console.info(`built-in GLSL tanh(88, 89, 1000) = ${raw.toArray()}; exp = ${e.toArray()}`);
  expect(raw.toArray()).toHaveLength(3);
});
