import { it } from 'vitest';
import * as E from '~engine/index.ts';
import { type Tensor, tensor } from '~engine/tensor.ts';
import opsFixture from '../fixtures/transformer-ops.json' with { type: 'json' };
import { eachBackend } from './each-backend.ts';
import type { FixtureTensor, OpCase } from './fixtures.ts';
import { decode, expectClose, TOLERANCE } from './tolerance.ts';

/*
 * The Transformer's ops (GELU in both forms, LayerNorm, sinusoidal positions,
 * cross-attention with key padding and fully masked rows) against the
 * float64 numpy reference of scripts/reference/make_transformer_fixtures.py,
 * on every backend.
 */
const cases = (opsFixture as { cases: OpCase[] }).cases;

const load = (t: FixtureTensor): Tensor => tensor(t.data.map(decode), t.shape);

const attn = (a: Record<string, unknown>, mask: Tensor | undefined): E.AttentionOptions => ({
  scale: a.scale as boolean | number,
  causal: a.causal === true,
  mask,
  keyPadding: a.keyPadding as boolean[] | undefined,
  emptyRows: a.emptyRows as 'nan' | 'zero' | undefined,
});

type Run = (x: Tensor[], a: Record<string, unknown>) => Tensor;

const RUN: Record<string, Run> = {
  gelu: ([x], a) => E.gelu(x as Tensor, a.approximate as E.GeluApproximate),
  layerNorm: ([x, g, b], a) => E.layerNorm(x as Tensor, g as Tensor, b as Tensor, a.eps as number),
  positionalEncoding: (_, a) =>
    E.positionalEncoding(a.length as number, a.dim as number, { base: a.base as number, offset: a.offset as number }),
  attentionWeights: ([q, k, m], a) => E.attentionWeights(q as Tensor, k as Tensor, attn(a, m)),
  attention: ([q, k, v, m], a) => E.attention(q as Tensor, k as Tensor, v as Tensor, attn(a, m)),
};

eachBackend('Transformer ops against the float64 reference', () => {
  for (const c of cases) {
    const run = RUN[c.op];
    if (run === undefined) throw new Error(`no runner for fixture op ${c.op}`);
    it(`${c.name} matches numpy float64 (${c.tol} tolerance)`, () => {
      expectClose(run((c.inputs ?? []).map(load), c.attrs), c.expected as FixtureTensor, TOLERANCE[c.tol]);
    });
  }
});
