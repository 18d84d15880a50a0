import { m } from '~lib/i18n/messages.ts';
import { formatNumber } from '~lib/ui/format.ts';
import type { Translation } from '~components/exercises/translation.ts';
import { maskName, normaliserSays } from '~components/exercises/zh/self-attention-says.ts';
import { defaultProjections, tokenNames } from '~components/state/models/self-attention.svelte.ts';
import type * as en from './exercises.ts';

/** Weights as the sentences list them. */
const weights = (row: readonly number[]) => row.map((a) => formatNumber(a, 3)).join('、');

const zh: Translation<typeof en> = ({ lookAtA, lookAtARow }) => {
  const q1 = lookAtA.map((r) => r[0]).join(', ');
  return {
    'self-attention-first-row': {
      title: '“I”关注谁？',
      question: '在交互组件初始的词元和权重下，第一个输出用 A 第 1 行的权重混合四个值向量。哪个词元得到的权重最大？',
      options: tokenNames.map((t, j) => `${t}（词元 ${j + 1}）`),
      explanation:
        'A 的第 1 行是对各个键取的 softmax(q₁ · kⱼ / √d_k)：最大的权重给了与第一个查询方向最一致的键。两个“saw”的输入向量相同，所以它们得到相同的键，权重也总是相同；单靠自注意力无法区分它们，这正是位置信息的用处。',
    },
    'self-attention-entropy': {
      title: '不除以 √d',
      question: '在缩放交互组件中，d = 64 时，softmax(q·k) 和 softmax(q·k / √d) 哪个更集中，更接近独热的选择？',
      options: ['softmax(q·k)，不做除法', 'softmax(q·k / √d)，做除法', '都不是：两者相同'],
      explanation:
        '对于元素具有单位方差的随机向量，q·k 是 d 个乘积之和，方差为 d：d = 64 时，分数大约分布在 ±8 的范围内，对相距这么远的分数取 softmax，几乎全部权重都落在最大的那个上。除以 √d 把方差拉回 1，于是权重保持柔和，流经它们的梯度也不会消失。',
    },
    'self-attention-look-at-a': {
      title: '让“I”看向“a”',
      task: '在不加掩码的情况下，只修改查询权重 W_q（词元、W_k 和 W_v 保持初始值），使词元 1 “I”把至少一半的注意力给词元 3 “a”。',
      says: {
        mask: (mask: string) => `掩码是“${maskName(mask)}”；请选择“${maskName('none')}”。`,
        normaliser: normaliserSays,
        onlyWq: () => `只有 W_q 可以改动：请按交互组件的“${m.part_widget_reset()}”，然后只编辑 W_q。`,
        toA: (toA: number, row: readonly number[]) =>
          `“I”给“a”的权重是 ${formatNumber(toA, 3)}${toA >= 0.5 ? '。' : '；需要达到 0.5。'}它的一行权重：${weights(row)}。`,
      },
      hints: [
        '权重的第 1 行是对四个键取的 q¹ · kʲ / √d_k 的 softmax。键保持不变：只有 q¹ 能动。',
        'X 是独热的，而“I”是词表中的第一个词，所以 q¹ = W_q x¹ 就是 W_q 的第一列。让它指向“a”的键，即 W_k 的第三列，并背离“saw”的键，因为后者要算两次。',
        `把 W_q 的第一列设为 (${q1})。`,
      ],
      explanation: `q¹ = (${q1}) 时，“I”的分数偏向 k³ = (${defaultProjections.W_k.map((r) => r[2]).join(', ')})，它的权重变为 ${weights(lookAtARow)}。其他词元的行不会变：每个查询只由它自己的词元算出，所以 W_q 的第一列属于“I”。两个“saw”共用一个键，权重也总是相同，所以“a”必须胜过这个键两次：softmax 把每个分数与其他所有分数之和相比较。`,
    },
    'self-attention-order': {
      title: '打乱词元',
      question: '交换 X 的第一个和第三个词元。输出会怎样？这说明自注意力与词序有什么关系？',
      modelAnswer:
        '输出以同样的方式交换，除此之外不变：每个输出取决于它自己的查询，以及键和值构成的集合，而加权和并不在乎各项的顺序。自注意力对排列是等变的，所以单靠它无法区分“狗咬人”和“人咬狗”；这就是 Transformer 要在输入中加入位置信息的原因。',
    },
  };
};

export default zh;
