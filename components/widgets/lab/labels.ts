import { m } from '~lib/i18n/messages.ts';
import type { LabAttention } from './protocol.ts';

/** Short names of the attention kinds for legends and tables: catalog messages, called where they are shown. */
export const attentionLabel: Readonly<Record<LabAttention, () => string>> = {
  bahdanau: m.widget_lab_attention_bahdanau,
  'luong-dot': m.widget_lab_attention_luong_dot,
  'luong-general': m.widget_lab_attention_luong_general,
  'luong-concat': m.widget_lab_attention_luong_concat,
  none: m.widget_lab_attention_none,
  transformer: m.widget_lab_attention_transformer,
};
