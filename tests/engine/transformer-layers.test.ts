import { describe, expect, it } from 'vitest';
import {
  causalMask,
  decoderLayer,
  encoderLayer,
  loadTransformerLayer,
  paddingMask,
  type StateDict,
  StateDictError,
  type Tensor,
  tensor,
} from '~engine/index.ts';
import layersFixture from '../fixtures/transformer-layers.json' with { type: 'json' };
import { eachBackend } from './each-backend.ts';
import type { FixtureTensor } from './fixtures.ts';
import { decode, expectClose, TOLERANCE } from './tolerance.ts';

/*
 * nn.TransformerEncoderLayer / nn.TransformerDecoderLayer loaded from
 * PyTorch-named state dicts, against the float64 numpy reference written
 * from PyTorch's documented equations (scripts/reference/make_transformer_fixtures.py).
 * Tolerance: the widget one with atol 1e-5, since two LayerNorms and
 * three products of width 16 sit between input and output.
 */
interface LayerCase {
  readonly name: string;
  readonly kind: 'encoder' | 'decoder';
  readonly heads: number;
  readonly normFirst: boolean;
  readonly activation: 'relu' | 'gelu';
  readonly lengths: number[];
  readonly state_dict: StateDict;
  readonly x: FixtureTensor;
  readonly memory?: FixtureTensor;
  readonly out: FixtureTensor;
  readonly cross?: FixtureTensor;
}

const cases = (layersFixture as unknown as { cases: LayerCase[] }).cases;
const load = (t: FixtureTensor): Tensor => tensor(t.data.map(decode), t.shape);
const TOL = { rtol: 1e-5, atol: 1e-5 };

eachBackend('PyTorch Transformer layers against the float64 reference', () => {
  for (const c of cases) {
    it(`${c.name} matches numpy float64`, () => {
      const p = loadTransformerLayer(c.state_dict, c.kind);
      const config = { heads: c.heads, normFirst: c.normFirst, activation: c.activation };
      const x = load(c.x);
      if (c.kind === 'encoder') {
        const n = x.shape[1] as number;
        expectClose(encoderLayer(p, '', config, x, paddingMask(c.lengths, n)).out, c.out, TOL);
      } else {
        const memory = load(c.memory as FixtureTensor);
        const masks = {
          self: causalMask(x.shape[1] as number),
          memory: paddingMask(c.lengths, memory.shape[1] as number),
        };
        const r = decoderLayer(p, '', config, x, memory, masks);
        expectClose(r.out, c.out, TOL);
        expectClose(r.cross, c.cross as FixtureTensor, TOLERANCE.widget);
      }
    });
  }
});

describe('loadTransformerLayer', () => {
  const dict = (cases.find((c) => c.kind === 'decoder') as LayerCase).state_dict;
  it('loadTransformerLayer names a missing multihead_attn key in a StateDictError', () => {
    const { 'multihead_attn.in_proj_bias': _, ...rest } = dict;
    expect(() => loadTransformerLayer(rest, 'decoder')).toThrow(
      new StateDictError(
        `missing parameter: expected one of multihead_attn.in_proj_bias; keys present: ${Object.keys(rest).join(', ')}`,
      ),
    );
  });
  it('loadTransformerLayer reports a wrong shape as "<key> has shape [...], expected [...]"', () => {
    expect(() => loadTransformerLayer({ ...dict, 'norm3.bias': [0, 0] }, 'decoder')).toThrow(
      new StateDictError('norm3.bias has shape [2], expected [8]'),
    );
  });
  it('loadTransformerLayer reads an encoder layer under a prefix (encoder.layers.0.)', () => {
    const enc = (cases.find((c) => c.kind === 'encoder') as LayerCase).state_dict;
    const prefixed = Object.fromEntries(Object.entries(enc).map(([k, v]) => [`encoder.layers.0.${k}`, v]));
    const p = loadTransformerLayer(prefixed, 'encoder', 'encoder.layers.0.');
    expect(Object.keys(p)).toHaveLength(12);
  });
});
