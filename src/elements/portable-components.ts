import type { Component } from 'svelte';
import AttentionOrder from '~components/widgets/AttentionOrder.svelte';
import AttentionScaling from '~components/widgets/AttentionScaling.svelte';
import Bahdanau from '~components/widgets/Bahdanau.svelte';
import BahdanauDiagramWidget from '~components/widgets/BahdanauDiagramWidget.svelte';
import CostPlot from '~components/widgets/CostPlot.svelte';
import CrossAttention from '~components/widgets/CrossAttention.svelte';
import EncoderBottleneck from '~components/widgets/EncoderBottleneck.svelte';
import GradientFlow from '~components/widgets/GradientFlow.svelte';
import GruCell from '~components/widgets/GruCell.svelte';
import GruDiagramWidget from '~components/widgets/GruDiagramWidget.svelte';
import HardAttention from '~components/widgets/HardAttention.svelte';
import LocalAttention from '~components/widgets/LocalAttention.svelte';
import LstmCell from '~components/widgets/LstmCell.svelte';
import LstmDiagramWidget from '~components/widgets/LstmDiagramWidget.svelte';
import MultiHead from '~components/widgets/MultiHead.svelte';
import MultiHeadDiagramWidget from '~components/widgets/MultiHeadDiagramWidget.svelte';
import PerformanceResults from '~components/widgets/PerformanceResults.svelte';
import PositionalEncoding from '~components/widgets/PositionalEncoding.svelte';
import RnnMemory from '~components/widgets/RnnMemory.svelte';
import RnnShapes from '~components/widgets/RnnShapes.svelte';
import RnnUnrolledDiagramWidget from '~components/widgets/RnnUnrolledDiagramWidget.svelte';
import RotaryScores from '~components/widgets/RotaryScores.svelte';
import ScaleMode from '~components/widgets/ScaleMode.svelte';
import ScoreFunctions from '~components/widgets/ScoreFunctions.svelte';
import SelfAttention from '~components/widgets/SelfAttention.svelte';
import SelfAttentionDiagramWidget from '~components/widgets/SelfAttentionDiagramWidget.svelte';
import Seq2seqDiagramWidget from '~components/widgets/Seq2seqDiagramWidget.svelte';
import Softmax from '~components/widgets/Softmax.svelte';
import StackedLayers from '~components/widgets/StackedLayers.svelte';
import TransformerBlock from '~components/widgets/TransformerBlock.svelte';

/**
 * The components of the widgets that run anywhere (the <stepwise-widget>
 * bundle ships these), one explicit static import per id. The widgets that
 * need the site itself are added in widget-components.ts.
 */
// biome-ignore lint/suspicious/noExplicitAny: the widgets' props differ; each is mounted with none.
export type AnyWidget = Component<any>;

export const portableComponents: Readonly<Record<string, AnyWidget>> = {
  softmax: Softmax,
  'rnn-memory': RnnMemory,
  'rnn-unrolled-diagram': RnnUnrolledDiagramWidget,
  'gradient-flow': GradientFlow,
  'rnn-shapes': RnnShapes,
  'gru-cell': GruCell,
  'gru-diagram': GruDiagramWidget,
  'lstm-cell': LstmCell,
  'lstm-diagram': LstmDiagramWidget,
  'seq2seq-diagram': Seq2seqDiagramWidget,
  'encoder-bottleneck': EncoderBottleneck,
  'bahdanau-diagram': BahdanauDiagramWidget,
  bahdanau: Bahdanau,
  'score-functions': ScoreFunctions,
  'local-attention': LocalAttention,
  'hard-attention': HardAttention,
  'self-attention-diagram': SelfAttentionDiagramWidget,
  'self-attention': SelfAttention,
  'attention-scaling': AttentionScaling,
  'multi-head-diagram': MultiHeadDiagramWidget,
  'multi-head': MultiHead,
  'attention-order': AttentionOrder,
  'positional-encoding': PositionalEncoding,
  'rotary-scores': RotaryScores,
  'stacked-layers': StackedLayers,
  'transformer-block': TransformerBlock,
  'cross-attention': CrossAttention,
  'cost-plot': CostPlot,
  'scale-mode': ScaleMode,
  'performance-results': PerformanceResults,
};
