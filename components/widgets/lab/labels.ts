import type { LabAttention } from './protocol.ts';

/** Short names of the attention kinds for legends and tables. */
export const attentionLabel: Readonly<Record<LabAttention, string>> = {
  bahdanau: 'Bahdanau attention',
  'luong-dot': 'Luong dot attention',
  'luong-general': 'Luong general attention',
  'luong-concat': 'Luong concat attention',
  none: 'no attention',
  transformer: 'Transformer',
};
