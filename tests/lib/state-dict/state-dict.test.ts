import { describe, expect, it } from 'vitest';
import { mulberry32 } from '~engine/random.ts';
import {
  exportStateDict,
  importStateDict,
  maxStateDictBytes,
  type WeightsModel,
  weightsSnapshot,
} from '~lib/state-dict/binding.ts';
import { stateDictBinding, stateDictBindings } from '~lib/state-dict/bindings.ts';
import { type Fields, validateFields } from '~lib/url/state.ts';
import { BahdanauState, bahdanauFields } from '~components/state/models/bahdanau.svelte.ts';
import { GruState, gruFields } from '~components/state/models/gru-cell.svelte.ts';
import { LstmState, lstmFields } from '~components/state/models/lstm-cell.svelte.ts';
import { MultiHeadState, multiHeadFields } from '~components/state/models/multi-head.svelte.ts';
import { MemoryModel, memoryFields } from '~components/state/models/rnn-memory.svelte.ts';
import { SelfAttentionState, selfAttentionFields } from '~components/state/models/self-attention.svelte.ts';
import { TransformerBlockState, transformerBlockFields } from '~components/state/models/transformer-block.svelte.ts';

type Model = WeightsModel;
const widgets: [id: string, fields: Fields, make: () => Model][] = [
  ['rnn-memory', memoryFields, () => new MemoryModel()],
  ['gru-cell', gruFields, () => new GruState()],
  ['lstm-cell', lstmFields, () => new LstmState()],
  ['bahdanau', bahdanauFields, () => new BahdanauState()],
  ['self-attention', selfAttentionFields, () => new SelfAttentionState()],
  ['multi-head', multiHeadFields, () => new MultiHeadState()],
  ['transformer-block', transformerBlockFields, () => new TransformerBlockState()],
];

/** Every number of a nested array replaced by a float32 value with many digits (as PyTorch's tolist gives). */
function scramble(value: unknown, rand: () => number): unknown {
  if (Array.isArray(value)) return value.map((x) => scramble(x, rand));
  return typeof value === 'number' ? Math.fround((rand() - 0.5) * 3) : value;
}

describe('every widget with editable weights: export → import', () => {
  it('covers every binding', () => {
    expect(widgets.map(([id]) => id).sort()).toEqual(Object.keys(stateDictBindings).sort());
  });

  for (const [id, fields, make] of widgets) {
    const binding = stateDictBinding(id);
    if (!binding) continue;
    it(`${id}: exported weights import back exactly, into the model and its link state`, () => {
      const rand = mulberry32(7);
      const model = make();
      // The weights in use, also where the link leaves derived ones out (multi-head's, built from patterns).
      const start = { ...weightsSnapshot(model) };
      // Edited weights (not the defaults), so a field the import ignored would show.
      const edited = { ...start };
      for (const e of binding.entries) edited[e.field] = scramble(start[e.field], rand);
      model.restore(edited);
      const text = JSON.stringify(exportStateDict(binding, weightsSnapshot(model)));
      const other = make();
      const result = importStateDict(binding, weightsSnapshot(other), text);
      expect(result.ok ? '' : result.message).toBe('');
      if (!result.ok) return;
      other.restore(result.state);
      for (const e of binding.entries) {
        expect(weightsSnapshot(other)[e.field], e.key).toEqual(weightsSnapshot(model)[e.field]);
      }
      expect(JSON.stringify(exportStateDict(binding, weightsSnapshot(other)))).toBe(text);
      expect(validateFields(fields, result.state).messages).toEqual([]);
    });
  }

  it('rnn-memory: nn.RNN’s two hidden biases add up to the widget’s one b_h', () => {
    const binding = stateDictBindings['rnn-memory'];
    if (!binding) throw new Error('no binding');
    const model = new MemoryModel();
    const dict = exportStateDict(binding, model.snapshot()) as Record<string, unknown>;
    dict['rnn.bias_ih_l0'] = [0.25, -1];
    dict['rnn.bias_hh_l0'] = [0.5, 0.125];
    const r = importStateDict(binding, model.snapshot(), JSON.stringify(dict));
    expect(r.ok && r.state.bh).toEqual([0.75, -0.875]);
  });

  it('gru-cell: an import switches to the PyTorch candidate and a custom preset', () => {
    const binding = stateDictBindings['gru-cell'];
    if (!binding) throw new Error('no binding');
    const model = new GruState();
    const r = importStateDict(binding, model.snapshot(), JSON.stringify(exportStateDict(binding, model.snapshot())));
    expect(r.ok && [r.state.v, r.state.p]).toEqual(['pytorch', '']);
  });
});

describe('importStateDict refuses a bad file with a message naming the problem', () => {
  const binding = stateDictBindings['lstm-cell'];
  if (!binding) throw new Error('no binding');
  const snapshot = new LstmState().snapshot();
  const good = exportStateDict(binding, snapshot) as Record<string, unknown>;
  const withKey = (key: string, value: unknown) => JSON.stringify({ ...good, [key]: value });
  const cases: [name: string, text: string, message: RegExp][] = [
    ['not JSON', '{"weight_ih_l0": [[1, 2]', /not JSON/],
    ['a PyTorch dump with NaN', withKey('bias_ih_l0', [0, 0, 0, 0]).replace('[0,0,0', '[NaN,0,0'), /NaN or Infinity/],
    ['Infinity', withKey('bias_hh_l0', [0, 0, 0, 0]).replace('[0,0,0', '[-Infinity,0,0'), /NaN or Infinity/],
    [
      'null where a number belongs',
      withKey('bias_ih_l0', [null, 0, 0, 0]),
      /bias_ih_l0 holds null at \[0\].*shape \[4\]/,
    ],
    ['a string in a matrix', withKey('weight_hh_l0', [['1'], [0], [0], [0]]), /weight_hh_l0 holds "1" at \[0, 0\]/],
    ['a list, not a dict', JSON.stringify([good]), /not a state dict/],
    [
      'a key of another module',
      withKey('weight_ih_l1', good.weight_ih_l0),
      /Unexpected key weight_ih_l1: nn.LSTM has weight_ih_l0/,
    ],
    [
      'nn.GRU’s weight_ih_l0 (3 blocks, not 4)',
      withKey('weight_ih_l0', [
        [0, 0],
        [0, 0],
        [0, 0],
      ]),
      /weight_ih_l0 has shape \[3, 2\], expected \[4, 2\]/,
    ],
    [
      'a missing bias',
      JSON.stringify({ ...good, bias_hh_l0: undefined }),
      /Missing key bias_hh_l0 \(a tensor of shape \[4\]\)/,
    ],
    [
      'ragged rows',
      withKey('weight_ih_l0', [[0, 0], [0], [0, 0], [0, 0]]),
      /weight_ih_l0 has rows of different lengths/,
    ],
    [
      'a matrix where a vector belongs',
      withKey('bias_ih_l0', [[0], [0], [0], [0]]),
      /bias_ih_l0 has shape \[4, 1\], expected \[4\]/,
    ],
    ['a huge file', `{"weight_ih_l0": [${'0,'.repeat(maxStateDictBytes / 2)}0]}`, /kB.*at most 1000 kB/],
  ];
  for (const [name, text, message] of cases) {
    it(name, () => {
      const r = importStateDict(binding, snapshot, text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(message);
    });
  }
});
