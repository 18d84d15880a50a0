/**
 * Every widget of the site, by the id its WidgetFrame publishes
 * (`data-widget`) and its link state uses (`#w-<id>=…`). The embed pages
 * (/embed/<id>/), the Share menu and the <stepwise-widget> custom element all
 * read this list. It holds no components, so any page may import it cheaply;
 * the components themselves are imported, one explicit import per id, in
 * src/elements/widget-components.ts.
 * tests/components/widgets/registry.test.ts fails when a WidgetFrame id in
 * components/widgets/ is missing here, or has no component there.
 */
import type { ViewSpec } from '../state/widget-views.svelte.ts';

export interface WidgetEntry {
  /** The WidgetFrame id (default `id` prop of the component). */
  readonly id: string;
  /** The widget's visible title. */
  readonly title: string;
  /** The chapter that explains it (site path, e.g. `/lstm/`). */
  readonly chapter: string;
  /** True when ← → step through its formulas (a StepperState behind the frame's keys). */
  readonly steps: boolean;
  /** False for widgets that need the site itself (a Web Worker, snapshot files): iframe embeds only. */
  readonly element: boolean;
  /**
   * The views an embed shows behind tabs, the core first (controls, current formula, picture), then the parts a
   * chapter shows below it; the chosen one is the link's `view` field. Empty: one view, no tabs.
   */
  readonly views: readonly ViewSpec[];
}

/** A widget's views: its core view's tab words, then [link name, tab words] of the others. */
function views(core: string, ...others: [string, string][]): readonly ViewSpec[] {
  return [{ id: '', label: core }, ...others.map(([id, label]) => ({ id, label }))];
}

function entry(id: string, title: string, chapter: string, options: Partial<WidgetEntry> = {}): WidgetEntry {
  return {
    id,
    title,
    chapter,
    steps: options.steps ?? false,
    element: options.element ?? true,
    views: options.views ?? [],
  };
}

/** The gated cells' views: the step, the whole sequence's tables and plot, the weights, the scratchpad. */
const gatedViews = views('Step', ['sequence', 'Whole sequence'], ['weights', 'Weights'], ['scratchpad', 'Scratchpad']);

export const widgets: readonly WidgetEntry[] = [
  entry('softmax', 'Softmax, live', '/start-here/'),
  entry('rnn-unrolled-diagram', 'A recurrent network unrolled, as a picture', '/memory/', { steps: true }),
  entry('rnn-memory', 'A network with memory, step by step', '/memory/', {
    steps: true,
    views: views('Step', ['weights', 'Inputs and weights'], ['scratchpad', 'Scratchpad']),
  }),
  entry('gradient-flow', 'Gradients through time: plain RNN vs LSTM', '/memory/'),
  entry('rnn-shapes', 'One cell, four shapes', '/shapes/', {
    steps: true,
    views: views('Shapes', ['scratchpad', 'Scratchpad']),
  }),
  entry('gru-cell', 'A GRU cell, step by step', '/gru/', { steps: true, views: gatedViews }),
  entry('gru-diagram', 'The GRU cell as a picture', '/gru/', { steps: true }),
  entry('lstm-cell', 'An LSTM unit: write, keep, read', '/lstm/', { steps: true, views: gatedViews }),
  entry('lstm-diagram', 'The LSTM cell as a picture', '/lstm/', { steps: true }),
  entry('seq2seq-diagram', 'Sequence to sequence, as a picture', '/seq2seq/'),
  entry('encoder-bottleneck', 'One vector for the whole input', '/seq2seq/', {
    views: views('Plots', ['table', 'Δ table'], ['scratchpad', 'Scratchpad']),
  }),
  entry('pretrained-bottleneck', 'Accuracy against input length, with and without attention', '/seq2seq/', {
    element: false,
  }),
  entry('bahdanau-diagram', 'The decoder looking back, as a picture', '/bahdanau/', { steps: true }),
  entry('bahdanau', 'Bahdanau attention, step by step', '/bahdanau/', {
    steps: true,
    views: views('Step', ['weights', 'Scoring network'], ['scratchpad', 'Scratchpad']),
  }),
  entry('pretrained-translate', 'A trained alignment: English to French', '/bahdanau/', { element: false }),
  entry('decoder-step', 'A decoder step is a language model', '/decoding/', { element: false }),
  entry('exposure-bias', 'Teacher forcing and free running', '/decoding/', { element: false }),
  entry('decoding-search', 'Greedy, beam search and sampling', '/decoding/', { element: false }),
  entry('score-functions', 'Three scores on the same states', '/scores/', {
    views: views('Scores', ['scratchpad', 'Scratchpad']),
  }),
  entry('local-attention', 'Global and local attention', '/scores/'),
  entry('hard-attention', 'Soft and hard attention', '/scores/', {
    views: views('Attention', ['scratchpad', 'Scratchpad']),
  }),
  entry('self-attention-diagram', 'Self-attention as a picture', '/self-attention/'),
  entry('self-attention', 'Self-attention, one output at a time', '/self-attention/', {
    steps: true,
    views: views('Walk', ['weights', 'Inputs and weights'], ['scratchpad', 'Scratchpad']),
  }),
  entry('attention-scaling', 'Why divide by √d: softmax of random scores', '/self-attention/'),
  entry('multi-head-diagram', 'Multi-head attention as a picture', '/multi-head/'),
  entry('multi-head', 'Multi-head attention: heads that look for different things', '/multi-head/', {
    views: views('Heads', ['output', 'Mixing the heads'], ['scratchpad', 'Scratchpad']),
  }),
  entry('attention-order', 'Shuffle the words: does self-attention notice?', '/positions-masks/'),
  entry('positional-encoding', 'Sinusoidal positions: offsets are rotations', '/positions-masks/'),
  entry('rotary-scores', 'Rotary positions: the score sees only the offset', '/positions-masks/'),
  entry('transformer-block', 'A Transformer encoder layer, step by step', '/transformer/', {
    steps: true,
    views: views('Walk', ['weights', 'Inputs and norms'], ['counts', 'Parameter counts']),
  }),
  entry('cross-attention', 'Cross-attention: the decoder asks, the encoder answers', '/transformer/'),
  entry('stacked-layers', 'Two layers stacked: what the second one reads', '/transformer/'),
  entry('cost-plot', 'Cost against sequence length', '/costs/'),
  entry('scale-mode', 'Scale mode: self-attention over up to 1024 tokens', '/costs/'),
  entry('training-lab', 'Train a seq2seq model, live', '/lab/', {
    element: false,
  }),
  entry('pretrained-alignment', 'Pretrained: reversal of 2 to 16 digits, with and without attention', '/lab/', {
    element: false,
  }),
  entry('performance-results', 'Measured results', '/performance/'),
];

/** The entry for `id`, or undefined for an unknown id. */
export function widgetById(id: string): WidgetEntry | undefined {
  return widgets.find((w) => w.id === id);
}
