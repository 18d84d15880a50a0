import type { Component } from 'svelte';

/**
 * How to load the component of every widget that runs anywhere (the <stepwise-widget> bundle ships these), one
 * explicit dynamic import per id: each widget is its own chunk beside the script, fetched when an element shows
 * it, so a deck loads only the widgets of its slides, and those in idle time or when their slide comes up. The
 * widgets that need the site itself are added in widget-components.ts.
 */
// biome-ignore lint/suspicious/noExplicitAny: the widgets' props differ; each is mounted with none.
export type AnyWidget = Component<any>;

export const portableComponents: Readonly<Record<string, () => Promise<{ default: AnyWidget }>>> = {
  softmax: () => import('~components/widgets/Softmax.svelte'),
  'rnn-memory': () => import('~components/widgets/RnnMemory.svelte'),
  'rnn-unrolled-diagram': () => import('~components/widgets/RnnUnrolledDiagram.svelte'),
  'gradient-flow': () => import('~components/widgets/GradientFlow.svelte'),
  'rnn-shapes': () => import('~components/widgets/RnnShapes.svelte'),
  'gru-cell': () => import('~components/widgets/GruCell.svelte'),
  'gru-diagram': () => import('~components/widgets/GruDiagram.svelte'),
  'lstm-cell': () => import('~components/widgets/LstmCell.svelte'),
  'lstm-diagram': () => import('~components/widgets/LstmDiagram.svelte'),
  'seq2seq-diagram': () => import('~components/widgets/Seq2seqDiagram.svelte'),
  'encoder-bottleneck': () => import('~components/widgets/EncoderBottleneck.svelte'),
  'bahdanau-diagram': () => import('~components/widgets/BahdanauDiagram.svelte'),
  bahdanau: () => import('~components/widgets/Bahdanau.svelte'),
  'score-functions': () => import('~components/widgets/ScoreFunctions.svelte'),
  'local-attention': () => import('~components/widgets/LocalAttention.svelte'),
  'hard-attention': () => import('~components/widgets/HardAttention.svelte'),
  'self-attention-diagram': () => import('~components/widgets/SelfAttentionDiagram.svelte'),
  'self-attention': () => import('~components/widgets/SelfAttention.svelte'),
  'attention-scaling': () => import('~components/widgets/AttentionScaling.svelte'),
  'multi-head-diagram': () => import('~components/widgets/MultiHeadDiagram.svelte'),
  'multi-head': () => import('~components/widgets/MultiHead.svelte'),
  'attention-order': () => import('~components/widgets/AttentionOrder.svelte'),
  'positional-encoding': () => import('~components/widgets/PositionalEncoding.svelte'),
  'rotary-scores': () => import('~components/widgets/RotaryScores.svelte'),
  'stacked-layers': () => import('~components/widgets/StackedLayers.svelte'),
  'transformer-block': () => import('~components/widgets/TransformerBlock.svelte'),
  'cross-attention': () => import('~components/widgets/CrossAttention.svelte'),
  'cost-plot': () => import('~components/widgets/CostPlot.svelte'),
  'scale-mode': () => import('~components/widgets/ScaleMode.svelte'),
  'performance-results': () => import('~components/widgets/PerformanceResults.svelte'),
};
