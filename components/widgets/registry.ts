/**
 * Every widget of the site, by the id its WidgetFrame publishes (`data-widget`) and its link state uses
 * (`#w-<id>=…`): the single source of a widget's id, title and capabilities; its link fields are listed beside
 * it in registry-fields.ts (a table only types and tests read, so no page ships it). The embed pages
 * (/embed/<id>/), the Share menu, the <stepwise-widget> custom element and each widget's own frame (through
 * linkState) read it. It holds no components, so any page may import it cheaply; the components themselves are
 * imported, one explicit import per id, in src/elements/widget-components.ts.
 * Ids and field keys are public: instructors' saved links and embeds hold them, so neither is ever renamed.
 * tests/components/widgets/registry.test.ts checks every entry against the README's "Adding a widget".
 */
import { m } from '~lib/i18n/messages.ts';
import type { ViewSpec } from '../state/kit/widget-views.svelte.ts';

export interface WidgetEntry {
  /** The widget's id: data-widget, the link key (`#w-<id>`), the embed page (/embed/<id>/). */
  readonly id: string;
  /** The widget's visible title in the page's language (its catalog message, `widget_<id>_title`). */
  readonly title: () => string;
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

/**
 * A widget's views: its core view's tab words, then [link name, tab words] of the others. The words are catalog
 * messages (`part_views_…`, shared by the widgets whose tabs say the same), called where the tabs render.
 */
function views(core: () => string, ...others: [string, () => string][]): readonly ViewSpec[] {
  return [{ id: '', label: core }, ...others.map(([id, label]) => ({ id, label }))];
}

/** The gated cells' views: the step, the whole sequence's tables and plot, the weights, the scratchpad. */
const gatedViews = views(
  m.part_views_step,
  ['sequence', m.part_views_whole_sequence],
  ['weights', m.part_views_weights],
  ['scratchpad', m.part_scratchpad_label],
);

/** What an entry says beyond its id; capabilities left out take their defaults (no steps, portable). */
interface Spec {
  readonly title: () => string;
  readonly chapter: string;
  readonly steps?: boolean;
  readonly element?: boolean;
  readonly views?: readonly ViewSpec[];
}

/** In reading order: the visual tests and the teaching page list the widgets in this order. */
const specs = {
  softmax: { title: m.widget_softmax_title, chapter: '/start-here/' },
  'rnn-unrolled-diagram': {
    title: m.widget_rnn_unrolled_diagram_title,
    chapter: '/memory/',
    steps: true,
  },
  'rnn-memory': {
    title: m.widget_rnn_memory_title,
    chapter: '/memory/',
    steps: true,
    views: views(
      m.part_views_step,
      ['weights', m.part_views_inputs_and_weights],
      ['scratchpad', m.part_scratchpad_label],
    ),
  },
  'gradient-flow': {
    title: m.widget_gradient_flow_title,
    chapter: '/memory/',
  },
  'rnn-shapes': {
    title: m.widget_rnn_shapes_title,
    chapter: '/shapes/',
    steps: true,
    views: views(m.part_views_shapes, ['scratchpad', m.part_scratchpad_label]),
  },
  'gru-cell': { title: m.widget_gru_cell_title, chapter: '/gru/', steps: true, views: gatedViews },
  'gru-diagram': { title: m.widget_gru_diagram_title, chapter: '/gru/', steps: true },
  'lstm-cell': { title: m.widget_lstm_cell_title, chapter: '/lstm/', steps: true, views: gatedViews },
  'lstm-diagram': { title: m.widget_lstm_diagram_title, chapter: '/lstm/', steps: true },
  'seq2seq-diagram': { title: m.widget_seq2seq_diagram_title, chapter: '/seq2seq/' },
  'encoder-bottleneck': {
    title: m.widget_encoder_bottleneck_title,
    chapter: '/seq2seq/',
    views: views(m.part_views_plots, ['table', m.part_views_delta_table], ['scratchpad', m.part_scratchpad_label]),
  },
  'pretrained-bottleneck': {
    title: m.widget_pretrained_bottleneck_title,
    chapter: '/seq2seq/',
    element: false,
  },
  'bahdanau-diagram': {
    title: m.widget_bahdanau_diagram_title,
    chapter: '/bahdanau/',
    steps: true,
  },
  bahdanau: {
    title: m.widget_bahdanau_title,
    chapter: '/bahdanau/',
    steps: true,
    views: views(m.part_views_step, ['weights', m.part_views_scoring_network], ['scratchpad', m.part_scratchpad_label]),
  },
  'pretrained-translate': {
    title: m.widget_pretrained_translate_title,
    chapter: '/bahdanau/',
    element: false,
  },
  'decoder-step': {
    title: m.widget_decoder_step_title,
    chapter: '/decoding/',
    element: false,
  },
  'exposure-bias': {
    title: m.widget_exposure_bias_title,
    chapter: '/decoding/',
    element: false,
  },
  'decoding-search': {
    title: m.widget_decoding_search_title,
    chapter: '/decoding/',
    element: false,
  },
  'score-functions': {
    title: m.widget_score_functions_title,
    chapter: '/scores/',
    views: views(m.part_views_scores, ['scratchpad', m.part_scratchpad_label]),
  },
  'local-attention': { title: m.widget_local_attention_title, chapter: '/scores/' },
  'hard-attention': {
    title: m.widget_hard_attention_title,
    chapter: '/scores/',
    views: views(m.part_views_attention, ['scratchpad', m.part_scratchpad_label]),
  },
  'self-attention-diagram': {
    title: m.widget_self_attention_diagram_title,
    chapter: '/self-attention/',
  },
  'self-attention': {
    title: m.widget_self_attention_title,
    chapter: '/self-attention/',
    steps: true,
    views: views(
      m.part_views_walk,
      ['weights', m.part_views_inputs_and_weights],
      ['scratchpad', m.part_scratchpad_label],
    ),
  },
  'attention-scaling': {
    title: m.widget_attention_scaling_title,
    chapter: '/self-attention/',
  },
  'multi-head-diagram': {
    title: m.widget_multi_head_diagram_title,
    chapter: '/multi-head/',
  },
  'multi-head': {
    title: m.widget_multi_head_title,
    chapter: '/multi-head/',
    views: views(m.part_views_heads, ['output', m.part_views_mixing_heads], ['scratchpad', m.part_scratchpad_label]),
  },
  'attention-order': {
    title: m.widget_attention_order_title,
    chapter: '/positions-masks/',
  },
  'positional-encoding': {
    title: m.widget_positional_encoding_title,
    chapter: '/positions-masks/',
  },
  'rotary-scores': {
    title: m.widget_rotary_scores_title,
    chapter: '/positions-masks/',
  },
  'transformer-block': {
    title: m.widget_transformer_block_title,
    chapter: '/transformer/',
    steps: true,
    views: views(
      m.part_views_walk,
      ['weights', m.part_views_inputs_and_norms],
      ['counts', m.part_views_parameter_counts],
    ),
  },
  'cross-attention': {
    title: m.widget_cross_attention_title,
    chapter: '/transformer/',
  },
  'stacked-layers': {
    title: m.widget_stacked_layers_title,
    chapter: '/transformer/',
  },
  'cost-plot': { title: m.widget_cost_plot_title, chapter: '/costs/' },
  'scale-mode': {
    title: m.widget_scale_mode_title,
    chapter: '/costs/',
  },
  'training-lab': {
    title: m.widget_training_lab_title,
    chapter: '/lab/',
    element: false,
  },
  'pretrained-alignment': {
    title: m.widget_pretrained_alignment_title,
    chapter: '/lab/',
    element: false,
  },
  'performance-results': { title: m.widget_performance_results_title, chapter: '/performance/' },
} satisfies Record<string, Spec>;

/** A registered widget's id. */
export type WidgetId = keyof typeof specs;

/** Every registered widget, in reading order. */
export const widgets: readonly WidgetEntry[] = Object.entries(specs).map(([id, spec]: [string, Spec]) => ({
  id,
  title: spec.title,
  chapter: spec.chapter,
  steps: spec.steps ?? false,
  element: spec.element ?? true,
  views: spec.views ?? [],
}));

/** The entry for `id`, or undefined for an unknown id. */
export function widgetById(id: string): WidgetEntry | undefined {
  return widgets.find((w) => w.id === id);
}
