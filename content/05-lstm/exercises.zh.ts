import { m } from '~lib/i18n/messages.ts';
import { formatNumber } from '~lib/ui/format.ts';
import type { Translation } from '~components/exercises/translation.ts';
import type * as en from './exercises.ts';

/** A share as a percentage with one decimal, set as Chinese text sets it (no space before %). */
const pct = (x: number) => `${formatNumber(100 * x, 1)}%`;
const value = m.widget_lstm_cell_input_value();

const zh: Translation<typeof en> = {
  'lstm-halving': {
    title: '遗忘门为二分之一',
    question: `在“${m.widget_lstm_cell_preset_write_read()}”中，把遗忘门的偏置（b_ih 的第 2 行）从 8 改为 0，使每一步都有 f = σ(0) = 0.5。第 1 步向记忆元写入约 0.90。预测 c₆，即第 6 步之后的记忆元。`,
    explanation:
      '第 1 步之后输入门关闭（i ≈ 0），每一步只是把记忆元乘以 f = 0.5：c₆ = 0.5⁵ · c₁，约为写入值的三十分之一。略低于 1 的遗忘门按几何级数遗忘，所以负责保留的门必须非常接近 1，才能把一个值带到很远。',
  },
  'lstm-keep-x1': {
    title: '把 x₁ 保持六步',
    task: `从“${m.widget_lstm_cell_preset_forget()}”出发，只修改遗忘门的权重，使第 1 步写入的值在直到第 6 步的每一步都留在记忆元中，并体现在 h 中：每个 cₜ 和 hₜ 与 c₁ 和 h₁ 相差都不超过 5%。第 1 步之后，“${value}”通道必须保持为 0（不再写入）。`,
    says: {
      writtenAgain: () => `后面某一步又写入了“${value}”通道；请把它改回 0。`,
      tooLittle: (c1: number) => `c₁ = ${formatNumber(c1, 3)}：第 1 步写入的太少。`,
      hidden: (h1: number) => `h₁ = ${formatNumber(h1, 3)}：输出门把记忆元遮住了。`,
      drift: (c1: number, c6: number, dc: number, dh: number, solved: boolean) =>
        `c₁ = ${formatNumber(c1, 3)}，c₆ = ${formatNumber(c6, 3)}；记忆元最多偏离 ${pct(dc)}，h 最多偏离 ${pct(dh)}${solved ? '：保住了。' : '（允许 5%）。'}`,
    },
    hints: [
      '遗忘门是 f = σ(W_if x + b_if + W_hf h + b_hf)。其中哪些可以在不动输入的情况下调大？',
      '它的偏置：b_ih（或 b_hh）的第 2 行。现在 b_if = −8，所以 f = σ(−8) ≈ 0.0003。',
      '把 b_ih 的第 2 行设为 8：σ(8) ≈ 0.9997，五步之后记忆元保留了 c₁ 的 0.9997⁵ ≈ 99.8%。',
    ],
    explanation: `记忆元的更新 c_t = f_t · c_{t−1} + i_t · g_t 只靠乘以 f 来保留旧值。输入门关闭（“${value}”通道为 0 时 i ≈ 0）且 f ≈ 1 时，既没有加入什么，也没有丢失什么：记忆元就是一块存储器。梯度也沿同一条通路随时间反向传回，而不会缩小。`,
  },
  'lstm-param-count': {
    title: '数一数权重',
    question:
      '下方的交互组件运行一个 LSTM 单元，输入大小为 2，隐藏大小为 1。把 W_ih、W_hh、b_ih 和 b_hh 的每个元素都算上，它共有多少个参数？',
    explanation:
      '四个块（i、f、g、o），每个块对每个单元有 I 个输入权重、H 个循环权重和两个偏置：4 · (2 + 1 + 2) = 20。同样大小的普通循环单元只有一个块，即 5 个参数：LSTM 层的参数是它的四倍。',
  },
  'lstm-why-positive-bias': {
    title: '为什么遗忘门的偏置初值取正？',
    question:
      '许多实现把遗忘门的偏置初始化为 1 或更大，而不是 0。偏置为 0 时，训练初期会出什么问题？正的偏置又改变了什么？',
    modelAnswer:
      '偏置为 0、权重是较小的随机数时，每一步都有 f ≈ σ(0) = 0.5，所以记忆元每步减半：t 步之前写入的值被乘以 0.5^t，沿记忆元反向流动的梯度也是如此。因此在训练初期，网络看不到、也学不到几步以前的任何东西。正的偏置让 f 一开始就接近 1，于是记忆元能够记住，梯度从第一次更新起就能到达遥远的时间步；之后网络可以再学会在该遗忘的地方遗忘。',
  },
};

export default zh;
