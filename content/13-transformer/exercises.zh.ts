import { m } from '~lib/i18n/messages.ts';
import { formatNumber } from '~lib/ui/format.ts';
import type { Translation } from '~components/exercises/translation.ts';
import { sourceWords, targetWords } from '~components/state/models/cross-attention.svelte.ts';
import type * as en from './exercises.ts';

/** The layout names the widget's mode select uses (without its year). */
const modes = { post: '后置', pre: '前置' } as const;

const zh: Translation<typeof en> = ({ millions }) => ({
  'transformer-where-the-weights-are': {
    title: '权重都在哪里？',
    question:
      '在 2017 年基础模型（d = 512，d_ff = 2048）的一个编码器层中，哪一部分的参数更多：多头自注意力（W_q、W_k、W_v、W_O 及其偏置），还是前馈网络（W₁、W₂ 及其偏置）？',
    options: ['多头注意力', '前馈网络', '两者大致相同'],
    explanation: `注意力有四个 d × d 矩阵，即 4d² 再加偏置：共 ${millions('self-attention')} 百万个参数，无论有多少个头来分担。前馈网络有两个 d × d_ff 矩阵，而 d_ff = 4d 时就是 8d² 再加偏置：共 ${millions('feed-forward')} 百万个，是前者的两倍。混合词元的子层反而是较小的那个；Transformer 的大部分权重都只作用于单个词元。`,
  },
  'transformer-final-norm': {
    title: '顶部再加一个规范化',
    question: '前置 LN 的层堆叠在最后一层之后还要多加一个层规范化；后置 LN 的层堆叠则不需要。为什么？',
    modelAnswer:
      '后置 LN 的层以层规范化结束，所以堆叠的输出已经规范化：在应用 γ₂ 和 β₂ 之前，每一行的均值为 0、方差为 1。前置 LN 的层以普通的和 S₁ + F 结束；规范化只作用于各子层的输入。沿着残差通路，每一层都把它的注意力输出和前馈输出加到同一批向量上，所以它们的尺度随深度增长，而没有任何东西把它拉回来。最后的层规范化让输出投影和 softmax 得到尺度固定的输入，就像后置 LN 的最后一个规范化所做的那样。',
  },
  'transformer-erase-the-tokens': {
    title: '所有词元同一个输出',
    task: '不改动词元行 X，让这一层的输出 Y 对三个词元都是同一个向量。',
    says: {
      tokensChanged: () => `词元 X 被改动了：请按“${m.part_widget_reset()}”，并保持 X 不变。`,
      same: (mode: 'post' | 'pre') => `Y 的每一行都相同（${modes[mode]} LN）。`,
      differ: (spread: number) => `Y 的各行仍在某个元素上相差最多 ${formatNumber(spread, 3)}。`,
    },
    hints: [
      '在后置 LN 中，输出就是第 2 个层规范化的输出：γ₂ ⊙ x̂ + β₂。',
      'x̂ 因词元而异，β₂ 则不然。如果 x̂ 一点也通不过，会怎样？',
      '把 γ₂ 的四个元素都设为 0（在后置 LN 中）。',
    ],
    explanation:
      'γ₂ = 0 时，每个词元的输出都是 β₂：规范化后的行被乘以零，只剩下学到的平移。这说明了 γ 和 β 是什么：一个是对词元算出的结果逐特征施加的增益，另一个是与词元无关的常数。在前置 LN 中，同样的 γ₂ = 0 只会让前馈网络的输入归零；残差和仍然把每个词元原样传过去，两个规范化都碰不到它。',
  },
  'transformer-cross-look': {
    title: '“noir”看向哪里？',
    question: `在下方的交互组件中，解码器已经产生了“${targetWords.join(' ')}”，编码器读入了“${sourceWords.join(' ')}”。“${targetWords[2]}”的查询把最大的权重给了哪个源词？`,
    options: [...sourceWords],
    explanation:
      '它的解码器状态主要指向第二个方向，而“black”的编码器输出正指向那个方向，所以它们投影后的查询和键点积最大。“chat”和“noir”的顺序与“black cat”相反：A 的行发生交叉，就像 Bahdanau 的对齐图对同类词序调换所呈现的那样。',
  },
});

export default zh;
