import type { WidgetId } from './registry.ts';

/**
 * The keys of every registered widget's link state (`#w-<id>=…`), as its state class's fields name them: the
 * registry's link fields, kept apart from registry.ts because only types (linkState refuses fields that differ)
 * and tests read them, so no page ships this table. Keys are public: saved links hold them; never rename one.
 */
const gated = ['p', 'Wi', 'Wh', 'bi', 'bh', 'X', 't', 's'] as const;
const memory = ['v', 'f', 'x', 'Wi', 'Wh', 'Wy', 'bh', 'by', 't'] as const;
const bottleneck = ['n', 'H', 'bz', 'd', 'seed'] as const;
const bahdanau = [
  ...['Wf_ih', 'Wf_hh', 'bf_ih', 'bf_hh', 'Wb_ih', 'Wb_hh', 'bb_ih', 'bb_hh', 'W_a', 'U_a', 'v_a'],
  ...['Wd_ih', 'Wd_hh', 'bd_ih', 'bd_hh', 'W_y', 'b_y', 'X', 'k', 't'],
] as const;
const selfAttention = ['e', 'X', 'q', 'k', 'v', 's', 't', 'm', 'n'] as const;
const multiHead = ['p', 'on', 's', 'X', 'Wi', 'bi', 'Wo', 'bo'] as const;
const pretrained = ['in'] as const;

/** Each widget's link field keys, in the order its fields object declares them. */
export const widgetFields = {
  softmax: ['z', 't', 'n'],
  'rnn-unrolled-diagram': memory,
  'rnn-memory': memory,
  'gradient-flow': ['w', 'T', 'fb', 's', 'seed', 'clip'],
  'rnn-shapes': ['s', 'f', 'x', 'm', 't'],
  'gru-cell': [...gated, 'v'],
  'gru-diagram': [...gated, 'v'],
  'lstm-cell': gated,
  'lstm-diagram': gated,
  'seq2seq-diagram': bottleneck,
  'encoder-bottleneck': bottleneck,
  'pretrained-bottleneck': pretrained,
  'bahdanau-diagram': bahdanau,
  bahdanau: bahdanau,
  'pretrained-translate': pretrained,
  'decoder-step': ['in', 'score', 'at'],
  'exposure-bias': ['in', 'pre'],
  'decoding-search': ['in', 'm', 'k', 'a', 'T', 'tk', 'tp', 's', 't'],
  'score-functions': ['H', 'h', 'G', 'C', 'v'],
  'local-attention': ['p', 'D', 'g', 'H', 'h'],
  'hard-attention': ['e', 'H', 'seed', 'K'],
  'self-attention-diagram': [...selfAttention, 'i'],
  'self-attention': selfAttention,
  'attention-scaling': ['d', 's'],
  'multi-head-diagram': [...multiHead, 'i'],
  'multi-head': [...multiHead, 'i'],
  'attention-order': ['o', 'p'],
  'positional-encoding': ['d', 'p', 'k', 'i'],
  'rotary-scores': ['i', 'j', 'q', 'k'],
  'transformer-block': ['m', 'a', 'X', 'g1', 'b1', 'g2', 'b2', 't', 'cd', 'cf'],
  'cross-attention': ['E', 'D'],
  'stacked-layers': ['m'],
  'cost-plot': ['d', 'k', 'n', 'p'],
  'scale-mode': ['n', 's'],
  'training-lab': [
    ...['task', 'att', 'E', 'H', 'lo', 'hi', 'lr', 'B', 'seed', 'cmp', 'stop'],
    ...['in', 'beam', 'dm', 'da', 'dT', 'dk', 'dp', 'ds', 'be'],
  ],
  'pretrained-alignment': pretrained,
  'performance-results': ['view'],
} as const satisfies Record<WidgetId, readonly string[]>;

/** The link field keys the registry lists for widget `W`. */
export type FieldKeysOf<W extends WidgetId> = (typeof widgetFields)[W][number];

/**
 * The widgets that show another widget's model (a picture of a cell, a wrapper of the pretrained model), by the
 * widget whose state file they read: every other widget's state file is named for its own id
 * (README "Adding a widget"; tests/components/widgets/registry.test.ts checks both).
 */
export const sharedState = {
  'rnn-unrolled-diagram': 'rnn-memory',
  'gru-diagram': 'gru-cell',
  'lstm-diagram': 'lstm-cell',
  'seq2seq-diagram': 'encoder-bottleneck',
  'bahdanau-diagram': 'bahdanau',
  'pretrained-bottleneck': 'pretrained-alignment',
  'pretrained-translate': 'pretrained-alignment',
  'multi-head': 'multi-head-diagram',
} as const satisfies Partial<Record<WidgetId, WidgetId>>;
