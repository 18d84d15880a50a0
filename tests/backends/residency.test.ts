import { afterEach, describe, expect, it } from 'vitest';
import { webgl2Stats } from '~engine/backends/webgl2/index.ts';
import { partsMinRows } from '~engine/backends/webgl2/kernels/matmul.ts';
import { add, attention, matmul, softmax, tanh } from '~engine/ops/index.ts';
import { mulberry32, uniformTensor } from '~engine/random.ts';
import { dispatch, traceCalls } from '~engine/registry.ts';

const rng = mulberry32(3);

function stats() {
  const s = webgl2Stats();
  if (s === undefined) throw new Error('WebGL2 backend not initialised');
  return s;
}

afterEach(() => {
  dispatch.force = undefined;
});

describe('programs are compiled once per kernel, never per shape', () => {
  it('softmax, matmul and attention at new sizes reuse their programs (compile counter unchanged)', () => {
    dispatch.force = 'webgl2';
    const run = (n: number, d: number) => {
      const q = uniformTensor([n, d], rng);
      softmax(q).values();
      matmul(q, uniformTensor([d, n + 1], rng)).values();
      attention(q, uniformTensor([n + 2, d], rng), uniformTensor([n + 2, 3], rng), { causal: true }).values();
    };
    // Once on each side of matmul's size rule (four rows per fragment from partsMinRows rows on).
    run(4, 8);
    run(partsMinRows, 8);
    const before = stats().compiled;
    run(5, 3);
    run(33, 17);
    run(128, 64);
    run(partsMinRows + 1, 3);
    expect(stats().compiled).toBe(before);
  });
});

describe('the texture pool recycles released textures', () => {
  it('a disposed output of the same size is reused instead of allocating', () => {
    dispatch.force = 'webgl2';
    const x = uniformTensor([9, 13], rng);
    const first = tanh(x);
    first.device?.release();
    const created = stats().pool.created;
    const reused = stats().pool.reused;
    const second = tanh(x);
    expect(stats().pool.created).toBe(created);
    expect(stats().pool.reused).toBe(reused + 1);
    expect(second.location).toBe('webgl2');
  });
});

describe('chained ops stay on the GPU', () => {
  it('softmax(tanh(x·W + b)) runs on WebGL2 end to end and reads back once, at values()', () => {
    // No forcing: the registry sends the first op to WebGL2 by size and the rest follow their inputs.
    const savedThreshold = dispatch.threshold;
    dispatch.threshold = 64;
    try {
      const x = uniformTensor([32, 24], rng);
      const w = uniformTensor([24, 40], rng);
      const b = uniformTensor([40], rng);
      const readsBefore = stats().device.readbacks;
      const { result, calls } = traceCalls(() => softmax(tanh(add(matmul(x, w), b))));
      expect(calls.map((c) => `${c.op}@${c.backend}`)).toEqual([
        'matmul@webgl2',
        'add@webgl2',
        'tanh@webgl2',
        'softmax@webgl2',
      ]);
      expect(result.location).toBe('webgl2');
      expect(stats().device.readbacks).toBe(readsBefore);
      const values = result.values();
      expect(stats().device.readbacks).toBe(readsBefore + 1);
      result.values();
      expect(stats().device.readbacks).toBe(readsBefore + 1);
      expect(values).toHaveLength(32 * 40);
    } finally {
      dispatch.threshold = savedThreshold;
    }
  });
});
