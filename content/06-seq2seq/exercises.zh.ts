import { formatNumber } from '~lib/ui/format.ts';
import type { Translation } from '~components/exercises/translation.ts';
import type * as en from './exercises.ts';

const zh: Translation<typeof en> = ({ longest, keepBias, share, keepEffects: { before, after } }, ui) => {
  const half = formatNumber(share, 1);
  return {
    'seq2seq-fixed-size': {
      title: '摘要有多大？',
      question:
        '一个隐藏大小为 256 的编码器先读入一个 5 个词的句子，再读入一个 50 个词的句子。两种情况下，交给解码器的向量各包含多少个数？',
      options: ['两次都是 256', '先是 5 × 256，然后是 50 × 256', '随长度增长，直到某个上限'],
      explanation:
        '解码器接收编码器最后的隐状态，它的大小由架构固定：五个词是 256 个数，五十个词也是。更长的输入必须被压进同样大小的空间，这就是下方交互组件所测量的瓶颈。',
    },
    'seq2seq-keep-the-first': {
      title: '留住第一个输入',
      task: `n = ${longest} 时，移动 x₁ 几乎不会移动上下文 c。只修改更新门的偏置 b_z（保持 n = ${longest}、H、δ 和种子不变），直到移动 x₁ 对 c 的影响至少是移动 x₃₂ 的 ${half} 倍：Δ₁ ≥ ${half} · Δ₃₂。`,
      says: {
        keepSettings: (n: number, H: number, delta: number, seed: number) =>
          `请保持 n = ${n}、H = ${H}、δ = ${delta}，种子为 ${seed}：按“${ui.setUp()}”，然后只改 b_z。`,
        effects: (bz: number, first: number, last: number) =>
          `b_z = ${formatNumber(bz, 1)}：Δ₁ = ${formatNumber(first, 3)}，Δ₃₂ = ${formatNumber(last, 3)}，比值为 ${formatNumber(first / last, 3)}${first >= share * last ? '。' : `；需要达到 ${half}。`}`,
      },
      hints: [
        '更新门 z 在每一步决定旧状态有多少被照搬到下一步，有多少被改写。',
        '之后的每一步都把 x₁ 在状态中留下的痕迹乘以大约 z。31 步下来就是 z³¹：z 必须多接近 1，z³¹ 才能保持在 ½ 附近？',
        `z = σ(b_z + …)，所以要把 b_z 调高：试试 b_z = ${keepBias}。`,
      ],
      explanation: `b_z = ${keepBias} 时，门保持在 1 附近，每一步大体上照搬状态，x₁ 得以保留：Δ₁ = ${formatNumber(after.first, 3)}，而 b_z = 0 时是 ${formatNumber(before.first, 3)}。代价在另一端：现在每个输入都以约 1 − z 的权重写入，所以最后一个输入对 c 的影响小得多，Δ₃₂ = ${formatNumber(after.last, 3)}，原来是 ${formatNumber(before.last, 3)}。一个大小固定的向量只能清楚地保留开头，或者清楚地接收结尾，不能两者兼得；注意力让解码器读取编码器的每个状态，从而消除了这种取舍。`,
    },
    'seq2seq-reverse-input': {
      title: '为什么把源句子倒过来有帮助？',
      question:
        'Sutskever、Vinyals 和 Le 把源句子倒过来输入，报告了翻译质量的明显提升。对于没有注意力的编码器–解码器，为什么倒着读输入会有帮助？',
      modelAnswer:
        '倒过来之后，源句子开头的词最后被读入，所以它们离解码器的起始向量最近；而通常与它们对应的目标句子开头的词，在网络中只隔着几步。这些短路径让早期的对齐容易学会，而一个好的开头有助于其余的输出。对应词之间的平均距离并没有变，所以这是绕开瓶颈的权宜之计，而不是根治；有了注意力，就不再需要它。',
    },
    'seq2seq-what-attention-adds': {
      title: '怎样才能解决？',
      question:
        '假设解码器能查看编码器的每个状态 h₁ … h_T，而不仅仅是最后一个。在每个输出步，它需要什么才能用好它们？代价又是什么？',
      modelAnswer:
        '它需要一种方法，在每个输出步选出此刻要紧的编码器状态：根据解码器的状态给每个 h_j 打一个分数，把分数变成总和为一的权重，再把各个 h_j 的加权和作为这一步的上下文。这就是注意力。这样，解码器读取的记忆随输入增长，而不是固定不变；每个输出步的计算量与 T 成正比，所以整个翻译大约要计算 T × (输出长度) 个分数。',
    },
  };
};

export default zh;
