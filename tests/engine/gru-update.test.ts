import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  add,
  grad,
  gruCell,
  gruUpdateCpu,
  mul,
  mulberry32,
  oneMinus,
  sigmoid,
  split,
  sum,
  type Tensor,
  Trace,
  tanh,
  tensor,
  traceCalls,
  uniformTensor,
} from '~engine/index.ts';
import { fusedGru } from '~engine/models/gru.ts';

/**
 * gruUpdate (ops/gru-update.ts) stands in for the composed ops of an untraced PyTorch GRU step wherever those would
 * run on the CPU, and promises their bits, not just their values: the build's decodes (composed ops, traced) and the
 * page's worker (gruUpdate) must show the same digits. So these tests compare float32 bits, not within a tolerance.
 */

const rng = mulberry32(7);
const u = (shape: number[], scale: number) => uniformTensor(shape, rng, scale);

/** h' composed from the primitive ops exactly as models/gru.ts writes the PyTorch variant. */
function composed(xw: Tensor, hw: Tensor, h: Tensor, bi: Tensor, bh: Tensor): Tensor {
  const [ir, iz, inn] = split(add(xw, bi), 3, 1) as [Tensor, Tensor, Tensor];
  const [hr, hz, hn] = split(add(hw, bh), 3, 1) as [Tensor, Tensor, Tensor];
  const r = sigmoid(add(ir, hr));
  const z = sigmoid(add(iz, hz));
  const n = tanh(add(inn, mul(r, hn)));
  return add(mul(z, h), mul(oneMinus(z), n));
}

/** The float32 bit patterns of a tensor's values (NaN payloads and −0 included). */
const bits = (t: Tensor) => Array.from(new Uint32Array(new Float32Array(t.values()).buffer));

describe('gruUpdate', () => {
  it.each([0.01, 1, 8, 1e4])('gives the composed ops’ bits for operands of scale %s', (scale) => {
    const [B, H] = [3, 7];
    const operands = [u([B, 3 * H], scale), u([B, 3 * H], scale), u([B, H], 1), u([3 * H], scale), u([3 * H], scale)];
    const [xw, hw, h, bi, bh] = operands as [Tensor, Tensor, Tensor, Tensor, Tensor];
    expect(bits(gruUpdateCpu(xw, hw, h, bi, bh))).toEqual(bits(composed(xw, hw, h, bi, bh)));
  });

  it('gives the composed ops’ bits for NaN, ±Infinity, −0 and sums that overflow float32', () => {
    const H = 4;
    const xw = tensor([[Number.NaN, 3e38, -0, 1, Number.POSITIVE_INFINITY, -3e38, 0.5, -0, 2, 3e38, -1, 0]]);
    const hw = tensor([[1, 3e38, -0, Number.NEGATIVE_INFINITY, 1, -3e38, 0.25, 0, -2, 3e38, 1, -0]]);
    const h = tensor([[-0, 2, Number.NaN, 1e-40]]);
    const bi = tensor(Array.from({ length: 3 * H }, (_, k) => (k % 3 === 0 ? -0 : 0.1 * k)));
    const bh = tensor(Array.from({ length: 3 * H }, (_, k) => (k % 4 === 0 ? 3e38 : -0.2 * k)));
    expect(bits(gruUpdateCpu(xw, hw, h, bi, bh))).toEqual(bits(composed(xw, hw, h, bi, bh)));
  });

  it('refuses operands whose sizes do not agree, naming what it got', () => {
    const [xw, h, b] = [u([2, 6], 1), u([2, 3], 1), u([6], 1)];
    expect(() => gruUpdateCpu(xw, xw, h, b, b)).toThrow(/xw\[B,3H\].*got \[2,6\], \[2,6\], \[2,3\]/);
  });
});

describe("a PyTorch GRU cell's untraced step, without training's kernels (as on every page)", () => {
  // Test files share a module graph: one that loaded train/fast-kernels.ts has set training's fused update.
  const training = fusedGru.combine;
  beforeAll(() => {
    fusedGru.combine = undefined;
  });
  afterAll(() => {
    fusedGru.combine = training;
  });
  const [I, H] = [5, 6];
  const params = { W_ih: u([3 * H, I], 0.8), W_hh: u([3 * H, H], 0.8), b_ih: u([3 * H], 0.5), b_hh: u([3 * H], 0.5) };
  const cell = gruCell(params, 'pytorch');
  const x = u([4, I], 1);
  const state = { h: u([4, H], 1) };

  it('runs gruUpdate and gives the bits of the traced step (the composed ops)', () => {
    const untraced = traceCalls(() => cell.step(x, state));
    const traced = traceCalls(() => cell.step(x, state, new Trace(), 0));
    expect(untraced.calls.map((c) => c.op)).toContain('gruUpdate');
    expect(traced.calls.map((c) => c.op)).not.toContain('gruUpdate');
    expect(bits(untraced.result.h)).toEqual(bits(traced.result.h));
  });

  it('takes the composed ops while a gradient is recorded (gruUpdate has none), and its gradient is defined', () => {
    const ops: string[] = [];
    const gradient = grad((p: typeof params) => {
      const { result, calls } = traceCalls(() => gruCell(p, 'pytorch').step(x, state));
      ops.push(...calls.map((c) => c.op));
      return sum(result.h);
    })(params);
    expect(ops).not.toContain('gruUpdate');
    expect(ops).toContain('sigmoid');
    expect(gradient.W_hh.shape).toEqual([3 * H, H]);
  });

  it('keeps the matmul products as they are: only the elementwise half is fused', () => {
    const { calls } = traceCalls(() => cell.step(x, state));
    expect(calls.map((c) => c.op)).toEqual(['matmul', 'matmul', 'gruUpdate']);
  });
});
