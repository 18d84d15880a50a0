import { m } from '~lib/i18n/messages.ts';
import type { LabAttention, LabTask } from './protocol.ts';

/** Short names of the attention kinds for legends and tables: catalog messages, called where they are shown. */
export const attentionLabel: Readonly<Record<LabAttention, () => string>> = {
  bahdanau: m.widget_lab_attention_bahdanau,
  'luong-dot': m.widget_lab_attention_luong_dot,
  'luong-general': m.widget_lab_attention_luong_general,
  'luong-concat': m.widget_lab_attention_luong_concat,
  none: m.widget_lab_attention_none,
  transformer: m.widget_lab_attention_transformer,
};

/** The tasks' names as the task picker shows them, for sentences that name a task. */
export const taskLabel: Readonly<Record<LabTask, () => string>> = {
  reverse: m.widget_training_lab_task_reverse,
  copy: m.widget_training_lab_task_copy,
  dates: m.widget_training_lab_task_dates,
  translate: m.widget_training_lab_task_translate,
};
