/**
 * Which PyTorch keys each widget with editable weights reads and writes
 * (see binding.ts). Names follow the PyTorch modules that compute the same
 * thing, so `model.state_dict()` of that module, saved as JSON, loads as is.
 */
import type { DictEntry, StateDictBinding } from './binding.ts';

/** The four tensors of layer 0 of nn.RNN/GRU/LSTM, as the gated widgets' fields hold them (biases as columns). */
function recurrentLayer(prefix = '', suffix = '_l0', fields = ['Wi', 'Wh', 'bi', 'bh']): DictEntry[] {
  const [wi, wh, bi, bh] = fields as [string, string, string, string];
  return [
    { key: `${prefix}weight_ih${suffix}`, field: wi, layout: 'matrix' },
    { key: `${prefix}weight_hh${suffix}`, field: wh, layout: 'matrix' },
    { key: `${prefix}bias_ih${suffix}`, field: bi, layout: 'column' },
    { key: `${prefix}bias_hh${suffix}`, field: bh, layout: 'column' },
  ];
}

/** nn.LSTM(input_size, hidden_size): gate blocks i, f, g, o as PyTorch stacks them. */
const lstmCell: StateDictBinding = {
  module: 'nn.LSTM',
  entries: recurrentLayer(),
  onImport: { p: '' },
};

/** nn.GRU: PyTorch's GRU multiplies r into W_hn h + b_hn, so an import switches the widget to that variant. */
const gruCell: StateDictBinding = {
  module: 'nn.GRU',
  entries: recurrentLayer(),
  onImport: { p: '', v: 'pytorch' },
};

/**
 * The memory chapter's network: nn.RNN for the hidden layer and nn.Linear
 * (`fc`) for y. Its one hidden bias is PyTorch's bias_ih + bias_hh.
 */
const rnnMemory: StateDictBinding = {
  module: 'nn.RNN rnn + nn.Linear fc',
  entries: [
    { key: 'rnn.weight_ih_l0', field: 'Wi', layout: 'matrix' },
    { key: 'rnn.weight_hh_l0', field: 'Wh', layout: 'matrix' },
    { key: 'rnn.bias_ih_l0', field: 'bh', layout: 'vector' },
    { key: 'rnn.bias_hh_l0', field: 'bh', layout: 'vector' },
    { key: 'fc.weight', field: 'Wy', layout: 'matrix' },
    { key: 'fc.bias', field: 'by', layout: 'vector' },
  ],
};

/** Three bias-free nn.Linear projections: Q = X W_qᵀ as `q_proj(X)` computes it. */
const selfAttention: StateDictBinding = {
  module: 'nn.Linear q_proj, k_proj, v_proj',
  entries: [
    { key: 'q_proj.weight', field: 'q', layout: 'matrix' },
    { key: 'k_proj.weight', field: 'k', layout: 'matrix' },
    { key: 'v_proj.weight', field: 'v', layout: 'matrix' },
  ],
};

/**
 * The Bahdanau walkthrough: a bidirectional nn.GRU encoder, the alignment
 * network as bias-free nn.Linear layers (the lab's names), an nn.GRUCell
 * decoder and an nn.Linear readout. Its GRUs compute Cho's form, as the paper does.
 */
const bahdanau: StateDictBinding = {
  module: 'encoder, attention, decoder, out',
  entries: [
    ...recurrentLayer('encoder.', '_l0', ['Wf_ih', 'Wf_hh', 'bf_ih', 'bf_hh']),
    ...recurrentLayer('encoder.', '_l0_reverse', ['Wb_ih', 'Wb_hh', 'bb_ih', 'bb_hh']),
    { key: 'attention.query.weight', field: 'W_a', layout: 'matrix' },
    { key: 'attention.key.weight', field: 'U_a', layout: 'matrix' },
    { key: 'attention.v.weight', field: 'v_a', layout: 'transpose' },
    ...recurrentLayer('decoder.', '', ['Wd_ih', 'Wd_hh', 'bd_ih', 'bd_hh']),
    { key: 'out.weight', field: 'W_y', layout: 'matrix' },
    { key: 'out.bias', field: 'b_y', layout: 'column' },
  ],
};

/**
 * nn.MultiheadAttention(embed_dim=8, num_heads): q, k, v projections stacked in in_proj_weight [24, 8] (every
 * head's rows in turn), out_proj mixing the heads. num_heads is not in a state dict: the widget's head count
 * splits what it imports, as PyTorch's module does.
 */
const multiHead: StateDictBinding = {
  module: 'nn.MultiheadAttention',
  entries: [
    { key: 'in_proj_weight', field: 'Wi', layout: 'matrix' },
    { key: 'in_proj_bias', field: 'bi', layout: 'vector' },
    { key: 'out_proj.weight', field: 'Wo', layout: 'matrix' },
    { key: 'out_proj.bias', field: 'bo', layout: 'vector' },
  ],
};

/** The editable pieces of nn.TransformerEncoderLayer in the Transformer chapter: its two LayerNorms. */
const transformerBlock: StateDictBinding = {
  module: 'nn.TransformerEncoderLayer (norm1, norm2)',
  entries: [
    { key: 'norm1.weight', field: 'g1', layout: 'vector' },
    { key: 'norm1.bias', field: 'b1', layout: 'vector' },
    { key: 'norm2.weight', field: 'g2', layout: 'vector' },
    { key: 'norm2.bias', field: 'b2', layout: 'vector' },
  ],
};

/** Bindings by widget id. */
export const stateDictBindings = {
  'rnn-memory': rnnMemory,
  'gru-cell': gruCell,
  'lstm-cell': lstmCell,
  bahdanau,
  'self-attention': selfAttention,
  'multi-head': multiHead,
  'transformer-block': transformerBlock,
} as const satisfies Readonly<Record<string, StateDictBinding>>;

/** The binding of widget `id`, if its weights can be imported. */
export function stateDictBinding(id: string): StateDictBinding | undefined {
  return (stateDictBindings as Readonly<Record<string, StateDictBinding>>)[id];
}
