import { m } from '~lib/i18n/messages.ts';

/**
 * The Chinese sentences both self-attention challenges (10-self-attention, 12-positions-masks) say about the
 * widget's mask and normaliser, named as the widget's own controls name them.
 */
const masks: Record<string, () => string> = {
  none: m.widget_self_attention_mask_none,
  causal: m.widget_self_attention_mask_causal,
  padding: m.widget_self_attention_mask_padding,
};
const normalisers: Record<string, () => string> = {
  softmax: m.widget_self_attention_normaliser_softmax,
  sparsemax: m.widget_self_attention_normaliser_sparsemax,
  relu: m.widget_self_attention_normaliser_relu,
};

/** The widget's label for a mask id. */
export const maskName = (id: string): string => masks[id]?.() ?? id;

/** “the weights are made by …; choose softmax under ‘Weights by’”, in Chinese. */
export const normaliserSays = (normaliser: string): string =>
  `权重由“${normalisers[normaliser]?.() ?? normaliser}”算出；请在“${m.widget_self_attention_weights_by()}”中选择 softmax。`;
