import { m } from '~lib/i18n/messages.ts';
import type { Translation } from '~components/exercises/translation.ts';
import type * as en from './exercises.ts';

const zh: Translation<typeof en> = {
  'multi-head-previous': {
    title: '关注上一个词元的头',
    task: '让头 2 关注上一个词元：在第一行之后的每一行，它最大的权重都必须落在紧挨着的前一个词元上，且至少占这一行的 0.5。',
    says: {
      rows: (hits: number, rows: number) => `在 ${rows} 行中，头 2 有 ${hits} 行以至少 0.5 的权重回看前一个词元。`,
    },
    hints: [
      '每个头都有自己的 W_q 和 W_k；交互组件根据你为每个头选择的模式来构造它们。',
      '头 1 已经在做这件事。头 2 现在在做什么？',
      `为头 2 选择“${m.widget_multi_head_pattern_previous()}”（头 1 可以接手另一项工作）。`,
    ],
    explanation:
      '一个头的模式不过就是它的投影：选择 W_q 和 W_k，使词元 i 的查询与词元 i − 1 的键最匹配。头 2 现在用模型宽度中属于它自己的那一部分，算出头 1 原先算的那种权重。在训练好的 Transformer 中，这种关注上一个词元的头很常见，它们是“归纳头”（induction heads）的组成部分，后者会复制文本中先前出现过的模式。',
  },
  'multi-head-switch-off': {
    title: '关掉一个头',
    question: '关掉头 2（它的输出不再到达 W_O）。头 1 的注意力权重 A⁽¹⁾ 会变吗？',
    options: ['不会：头 1 的权重完全不变', '会：剩下的头变得更尖锐', '会：它们变得均匀'],
    explanation:
      '各个头在同一个输入上并行运行，彼此看不到对方：每个头都计算自己的 Q、K、V 和权重。只有输出投影 W_O 会混合它们的结果，所以关掉一个头会改变最终输出，但绝不会改变另一个头的注意力。',
  },
  'multi-head-why-several': {
    title: '为什么不用一个宽的头？',
    question: '八个宽度为 64 的头，开销与一个宽度为 512 的头差不多。八个头能做什么一个头做不到的事？',
    modelAnswer:
      '一个头对每个查询只产生一个权重分布，所以每个输出都是单一的加权平均：如果一个词元既需要它的前一个词，也需要它的动词，一个 softmax 就只能把权重分给两者，两边都变得模糊。八个头为每个词元给出八个独立的分布，每个都在自己的子空间里（有自己的 W_q、W_k、W_v），再由 W_O 合并这八个结果。开销几乎相同，因为每个头在 d/h 维中工作；得到的是每个词元的几个不同的“问题”，而不只是一个。',
  },
};

export default zh;
