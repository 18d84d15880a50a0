import { describe, it } from 'vitest';
import { add, div, exp, log, mul, neg, oneMinus, relu, sigmoid, sub, tanh } from '~engine/ops/index.ts';
import { mulberry32, uniformTensor } from '~engine/random.ts';
import { type Tensor, tensor } from '~engine/tensor.ts';
import { expectSameOnBoth } from './compare.ts';

const shapes = [[], [1], [3], [4], [5], [7, 9], [2, 3, 5], [33, 17]];
const rng = mulberry32(7);
const tight = { abs: 1e-6, rel: 1e-6 };
// SwiftShader's exp and log are accurate to a few float32 ulps, not to the last bit.
const transcendental = { abs: 1e-6, rel: 4e-6 };

const unary: [string, (x: Tensor) => Tensor, number][] = [
  ['sigmoid', sigmoid, 8],
  ['tanh', tanh, 8],
  ['relu', relu, 3],
  ['exp', exp, 20],
  ['neg', neg, 3],
  ['oneMinus', oneMinus, 3],
];

describe('unary kernels match the CPU definition', () => {
  for (const [name, op, scale] of unary) {
    for (const shape of shapes) {
      it(`${name}(x) on [${shape}] matches the CPU`, () => {
        const x = uniformTensor(shape, rng, scale);
        expectSameOnBoth(() => op(x), transcendental, name);
      });
    }
  }
  it('log(x) on [7, 9] positive values matches the CPU', () => {
    const x = tensor(
      Array.from({ length: 63 }, (_, i) => 0.01 + i * 1.7),
      [7, 9],
    );
    expectSameOnBoth(() => log(x), transcendental, 'log');
  });
});

const binary: [string, (a: Tensor, b: Tensor) => Tensor][] = [
  ['add', add],
  ['sub', sub],
  ['mul', mul],
  ['div', div],
];
const pairs = [
  [
    [7, 9],
    [7, 9],
  ],
  [[7, 9], [9]],
  [
    [7, 9],
    [7, 1],
  ],
  [
    [2, 3, 5],
    [3, 1],
  ],
  [[], [5, 3]],
  [
    [1, 5],
    [4, 1],
  ],
  [[6], []],
  [
    [2, 1, 3],
    [4, 3],
  ],
];

describe('broadcasting binary kernels match the CPU definition', () => {
  for (const [name, op] of binary) {
    for (const [sa, sb] of pairs) {
      it(`${name}(a[${sa}], b[${sb}]) broadcasts like the CPU`, () => {
        const a = uniformTensor(sa ?? [], rng, 4);
        // Keep divisors away from 0 so the comparison tests the kernel, not float32 cancellation.
        const b = add(uniformTensor(sb ?? [], rng, 1), 3);
        expectSameOnBoth(() => op(a, b), tight, name);
      });
    }
  }
  it('add(x, 2) takes a plain number on the GPU', () => {
    const x = uniformTensor([5, 6], rng);
    expectSameOnBoth(() => add(x, 2), tight, 'add scalar');
  });
});
