import { m } from '~lib/i18n/messages.ts';
import { formatNumber } from '~lib/ui/format.ts';
import type { Translation } from '~components/exercises/translation.ts';
import type * as en from './exercises.ts';

const zh: Translation<typeof en> = {
  'gru-overwrite': {
    title: '更新门为零',
    question: `选择预设“${m.widget_gru_cell_preset_overwrite()}”。每一步之后，h_t 最接近什么？`,
    options: ['h_{t−1}，即前一个状态', 'h̃_t，即候选隐状态', '零', 'h_{t−1} 与 h̃_t 的平均值'],
    explanation:
      'h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ h̃_t，而 z ≈ σ(−8) ≈ 0.0003 时第一项消失：每一步都用候选隐状态替换状态。这就是一个带 tanh 的普通循环单元，只记得一步。',
  },
  'gru-ignore-inputs': {
    title: '不让输入改动状态',
    task: `从“${m.widget_gru_cell_preset_mixed()}”出发，只修改更新门的偏置，使 h 在每一步都与初始值（0）相差不超过 0.01，同时候选隐状态 h̃ 仍不断提出 0.3 或更大的值。输入保持不变。`,
    says: {
      inputsChanged: () => '输入已被改动；重新选择这个预设即可恢复。',
      largest: (h: number, candidate: number) =>
        `最大的 |h| 为 ${formatNumber(h, 3)}（允许 0.01），最大的 |h̃| 为 ${formatNumber(candidate, 3)}。${candidate < 0.3 ? '候选隐状态仍须提出一些值。' : ''}`,
    },
    hints: [
      '哪个门决定旧状态保留多少？',
      '更新门 z。它的输入偏置是 b_ih 的第 3 行和第 4 行（各块依次为 r、z、n）。',
      '把两者都设为 8：每一步都有 z = σ(8 + …) ≈ 1，于是 h_t ≈ h_{t−1} = 0。',
    ],
    explanation:
      'z ≈ 1 时，更新 h_t = z ⊙ h_{t−1} + (1 − z) ⊙ h̃_t 照搬旧状态，只让候选隐状态的极小一部分（1 − z ≈ 0.0003）进来。候选隐状态仍由每个输入算出，只是被门挡在外面。只要一个单元的值还有用，GRU 就能学会用这种方式一直保持它。',
  },
  'gru-variants-agree': {
    title: 'Cho 与 PyTorch 何时一致？',
    question:
      'Cho 的候选隐状态在乘矩阵 W_hn 之前用 r 乘 h_{t−1}；PyTorch 的则在乘之后用 r 乘 (W_hn h_{t−1} + b_hn)。r（以及 b_hn）取哪些值时，两个候选隐状态一致？为什么？',
    modelAnswer:
      'Cho 计算 W_hn (r ⊙ h) + b_hn，PyTorch 计算 r ⊙ (W_hn h + b_hn)。r = 1 时，两者都是 W_hn h + b_hn。r = 0 时，Cho 的是 b_hn，PyTorch 的是 0，所以 b_hn = 0 时两者一致（“重置”预设）。介于两者之间时，它们并不相同：PyTorch 缩放每一行的整个和，偏置也包括在内；Cho 则缩放进入每一行的 h 的各个元素。这一差别在实践中很小，而 PyTorch 的形式让三个块共用一次矩阵乘积。',
  },
};

export default zh;
