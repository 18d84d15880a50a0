import { expect, it } from 'vitest';
import * as E from '~engine/index.ts';
import { mulberry32, type Tensor, tensor, uniformTensor } from '~engine/index.ts';
import opsFixture from '../fixtures/ops.json' with { type: 'json' };
import { eachBackend } from './each-backend.ts';
import type { FixtureTensor, OpCase } from './fixtures.ts';
import { decode, expectClose, TOLERANCE } from './tolerance.ts';

const cases = (opsFixture as { cases: OpCase[] }).cases;

function load(t: FixtureTensor): Tensor {
  return tensor(t.data.map(decode), t.shape);
}

type Run = (x: Tensor[], a: Record<string, unknown>) => Tensor | Tensor[];

const attn = (a: Record<string, unknown>, mask: Tensor | undefined) => ({
  scale: a.scale as boolean | number,
  causal: a.causal === true,
  mask,
});

/** How each fixture op name maps onto the public API. */
const RUN: Record<string, Run> = {
  add: ([a, b]) => E.add(a as Tensor, b as Tensor),
  sub: ([a, b]) => E.sub(a as Tensor, b as Tensor),
  mul: ([a, b]) => E.mul(a as Tensor, b as Tensor),
  div: ([a, b]) => E.div(a as Tensor, b as Tensor),
  sigmoid: ([x]) => E.sigmoid(x as Tensor),
  tanh: ([x]) => E.tanh(x as Tensor),
  relu: ([x]) => E.relu(x as Tensor),
  exp: ([x]) => E.exp(x as Tensor),
  log: ([x]) => E.log(x as Tensor),
  neg: ([x]) => E.neg(x as Tensor),
  oneMinus: ([x]) => E.oneMinus(x as Tensor),
  softmax: ([x], a) => E.softmax(x as Tensor, a.axis as number),
  matmul: ([a, b], attrs) => E.matmul(a as Tensor, b as Tensor, attrs),
  concat: (xs, a) => E.concat(xs, a.axis as number),
  slice: ([x], a) => E.slice(x as Tensor, a.begin as number[], a.size as number[]),
  split: ([x], a) => E.split(x as Tensor, a.sizes as number | number[], a.axis as number),
  transpose: ([x], a) => E.transpose(x as Tensor, a.perm as number[] | undefined),
  reshape: ([x], a) => E.reshape(x as Tensor, a.shape as number[]),
  sum: ([x], a) => E.sum(x as Tensor, a.axis as number | number[] | undefined, a.keepDims as boolean),
  mean: ([x], a) => E.mean(x as Tensor, a.axis as number | number[] | undefined, a.keepDims as boolean),
  max: ([x], a) => E.max(x as Tensor, a.axis as number | number[] | undefined, a.keepDims as boolean),
  lstmGates: (xs) => E.lstmGates(...(xs as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor])),
  attentionWeights: ([q, k, m], a) => E.attentionWeights(q as Tensor, k as Tensor, attn(a, m)),
  attention: ([q, k, v, m], a) => E.attention(q as Tensor, k as Tensor, v as Tensor, attn(a, m)),
};

eachBackend('ops against the float64 reference', () => {
  for (const c of cases) {
    it(`${c.name} matches numpy float64 (${c.tol} tolerance)`, () => {
      const run = RUN[c.op];
      if (run === undefined) throw new Error(`no runner for fixture op ${c.op}`);
      const inputs =
        c.seeded?.map(([shape, seed]) => uniformTensor(shape, mulberry32(seed))) ?? (c.inputs ?? []).map(load);
      const got = run(inputs, c.attrs);
      const tol = TOLERANCE[c.tol];
      if (Array.isArray(got)) {
        const want = c.expected as FixtureTensor[];
        expect(got.length).toBe(want.length);
        got.forEach((g, i) => {
          expectClose(g, want[i] as FixtureTensor, tol);
        });
      } else if (c.rows !== undefined) {
        const cols = got.shape[1] as number;
        const picked = c.rows.flatMap((r) => Array.from(got.values().subarray(r * cols, (r + 1) * cols)));
        expectClose(tensor(picked, [c.rows.length, cols]), c.expected as FixtureTensor, tol);
      } else {
        expectClose(got, c.expected as FixtureTensor, tol);
      }
    });
  }
});
