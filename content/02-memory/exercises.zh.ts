import { m } from '~lib/i18n/messages.ts';
import type { Translation } from '~components/exercises/translation.ts';
import type * as en from './exercises.ts';

const reset = m.widget_rnn_memory_reset();

const zh: Translation<typeof en> = ({ vec, blindSpot: [row1 = [], row2 = []], blindSpotOutputs }) => ({
  'memory-same-input': {
    title: '同一个字，同样的状态？',
    question: '循环神经网络逐字读入“他用锁锁上了门”。两个“锁”是同一个输入向量。读完它们之后的隐状态相等吗？',
    options: ['相等：相同的输入给出相同的状态', '不相等：状态还取决于之前读过的内容', '只有当所有权重都等于一时才相等'],
    explanation:
      'h_t = tanh(W_xh x_t + W_hh h_{t−1} + b)：第 3 步和第 4 步的输入相同，但 h_{t−1} 不同，因为到第 4 步时，状态已经读过了第一个“锁”。对过去的这种依赖就是记忆，正是它让网络能区分名词的“锁”和动词的“锁”。',
  },
  'memory-blind-spot': {
    title: '有盲区的记忆',
    task: '保留正文的例子（Elman 网络、恒等激活函数，以及它的输入、W_ih、W_y 和偏置），只修改 W_hh，且不能把它全部设为零，使重复的输入 [1, 1] 在第 2 步给出与第 1 步相同的输出。',
    says: {
      onlyWhh: () => `只有 W_hh 可以改动：请按交互组件的“${reset}”，然后只编辑 W_hh。`,
      allZero: () => 'W_hh 全为零：这样会遗忘一切。请找一个不为零的 W_hh。',
      notComputed: () => '网络还没有完成计算。',
      outputs: (y1: readonly number[], y2: readonly number[], solved: boolean) =>
        `y₁ = ${vec(y1)}，y₂ = ${vec(y2)}${solved ? '。' : '；两者必须相等。'}`,
    },
    hints: [
      'y₂ 与 y₁ 的差别只在于记忆在第 2 步加入的部分：W_hh h₁，再经过 W_y。',
      'h₁ = [2, 2]。你需要 W_hh [2, 2] = [0, 0]，而 W_hh 不为零：W_hh 的每一行之和必须是多少？',
      `让每一行之和为 0，例如让 W_hh 的两行分别为 ${vec(row1)} 和 ${vec(row2)}。`,
    ],
    explanation: `各行之和为 0 时，W_hh 把 [2, 2] 映射为 [0, 0]：网络仍然有记忆，但它在第 1 步之后所处的状态落在记忆的盲区（零空间）里，所以第 2 步完全看不到它，输出依次是 ${blindSpotOutputs.map(vec).join('、')}。两个单元不相等的状态，比如 [1, −1]，反而会加倍返回。记忆矩阵并不是整体地记住或遗忘；它保留状态的某些方向，丢掉另一些方向，由训练来选择哪些。`,
  },
  'memory-powers': {
    title: '梯度去了哪里？',
    question:
      '在状态为标量的普通循环神经网络中，h_T 对 h_1 的梯度是 T − 1 个因子 w · tanh′(…) 的乘积。T = 50 时，|w| = 0.9 和 |w| = 1.5 分别会怎样？',
    modelAnswer:
      '因为 tanh′ ≤ 1，每个因子的绝对值至多为 |w|。|w| = 0.9 时，乘积至多为 0.9⁴⁹ ≈ 0.006，而且通常小得多，因为只要单元不在 0 处，tanh′ 就小于 1：梯度消失，第 1 步几乎影响不到第 50 步的学习。|w| = 1.5 时，上界是 1.5⁴⁹ ≈ 4 × 10⁸：如果单元停留在 tanh 的线性区，梯度就会爆炸（常用的补救办法是梯度裁剪）；如果单元饱和，tanh′ 又会把它拉回 0 附近。',
  },
  'memory-bidirectional': {
    title: '什么时候不能倒着读？',
    question:
      '双向循环神经网络从两个方向读序列，并在每个位置把两个状态拼接起来。举出一个这样做有帮助的任务，和一个不允许这样做的任务。',
    modelAnswer:
      '只要在需要任何输出之前整个输入都已可得，它就有帮助：给句子中的每个词加标注（一个词的作用常常取决于后面的内容），或者为翻译编码源句子。当模型必须在序列到来的同时预测下一个元素时，就不允许这样做，比如语言模型或实时语音识别：反向的那一遍会读到它被要求预测的未来。',
  },
});

export default zh;
