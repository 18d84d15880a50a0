import type { AnyWidget } from './portable-components.ts';

/**
 * How to load the component of every registered widget (components/widgets/registry.ts),
 * one explicit dynamic import per id. An embed page shows one widget, so it fetches
 * that widget's chunk (and the CSS Vite splits out with it) and none of the others:
 * importing them all statically made every embed page download every widget.
 */
export const widgetLoaders: Readonly<Record<string, () => Promise<{ default: AnyWidget }>>> = {
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
  'training-lab': () => import('~components/widgets/TrainingLab.svelte'),
  'pretrained-alignment': () => import('~components/widgets/PretrainedAlignment.svelte'),
  'pretrained-bottleneck': () => import('~components/widgets/PretrainedBottleneck.svelte'),
  'pretrained-translate': () => import('~components/widgets/PretrainedTranslate.svelte'),
  'decoder-step': () => import('~components/widgets/DecoderStep.svelte'),
  'exposure-bias': () => import('~components/widgets/ExposureBias.svelte'),
  'decoding-search': () => import('~components/widgets/DecodingSearch.svelte'),
};
