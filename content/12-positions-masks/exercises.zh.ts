import { m } from '~lib/i18n/messages.ts';
import { formatNumber } from '~lib/ui/format.ts';
import type { Translation } from '~components/exercises/translation.ts';
import { maskName, normaliserSays } from '~components/exercises/zh/self-attention-says.ts';
import type * as en from './exercises.ts';

/** The order widget's words, as its chips show them. */
const man = m.widget_attention_order_word_man();
const bites = m.widget_attention_order_word_bites();
const dog = m.widget_attention_order_word_dog();

const zh: Translation<typeof en> = ({ repeatK, repeatTurns }) => ({
  'positions-masks-middle-word': {
    title: '位置不变的词',
    question: `勾选“加上位置编码”，并选择“${man} ${bites} ${dog}”。“${bites}”在两个句子中都位于中间，所以它携带的词向量和位置向量都与在“${dog} ${bites} ${man}”中相同。它的输出会变吗？`,
    options: ['不会：同一个词在同一个位置，输出相同', '会：它的输出改变了'],
    explanation: `它的查询不变，但它读取的词元变了：“${dog}”和“${man}”互换了位置，所以各自带上了对方原来的位置向量，它们的键和值也随之改变。“${bites}”对它们的分数变了，它输出的值的混合也变了。一旦加上位置，每个输出都取决于整个句子的排列，而不仅仅取决于它自己的词元站在哪里。`,
  },
  'positions-masks-almost-repeat': {
    title: '几乎回到原处的偏移',
    task: '编码的第一对列（第 0 列和第 1 列，圆上首先画出的那一对）每个位置转过一弧度。找一个 1 到 50 之间的偏移 k，使 PE(p + k) 的这一对回到与 PE(p) 的相差不超过 0.05 的地方，然后比较整个向量。',
    says: {
      distances: (k: number, pair: number, whole: number) =>
        `k = ${k}：PE(p + k) 的第一对与 PE(p) 的相差 ${formatNumber(pair, 3)}，整个向量相差 ${formatNumber(whole, 3)}${k >= 1 ? '。' : '；k 至少要为 1。'}`,
    },
    hints: [
      '第一对是 (sin p, cos p)：只要 k 是整数圈，即 k ≈ 2π · n，它就会回来。',
      '2π ≈ 6.283。在 50 以内，它的哪个倍数最接近整数？',
      `${repeatTurns} · 2π ≈ ${formatNumber(repeatTurns * 2 * Math.PI, 2)}：试试 k = ${repeatK}。`,
    ],
    explanation: `k = ${repeatK} 时，第一对转了 ${repeatTurns} 整圈又多 ${formatNumber(repeatK - repeatTurns * 2 * Math.PI, 3)} rad，所以几乎重复，只读这一对的模型很难区分 p 和 p + ${repeatK}。较慢的各对只转过了 k·ωᵢ，仅是它们圆周的一小部分，所以整个向量仍然明显不同。这就是编码要用多种频率的原因：快的列对把相邻位置分开，慢的列对让相距很远的位置不至于看起来相像。`,
  },
  'positions-masks-rotary': {
    title: '加上位置，还是旋转查询',
    question:
      '使用正弦位置编码时，词元 i 和 j 的分数是 (xᵢ + PEᵢ)ᵀ W_qᵀ W_k (xⱼ + PEⱼ)。旋转位置编码则把查询旋转 R(i)，把键旋转 R(j)。为什么只有后者让分数只取决于偏移 j − i？',
    modelAnswer:
      '把和式展开得到四项：词与词、词与位置（两项）、位置与位置。交叉项通过 W_qᵀ W_k 把一个词向量与一个绝对位置配在一起，所以同样两个词一起移动时，它们会改变；即使是位置与位置那一项，也只有在 W_qᵀ W_k 恰好与旋转可交换时，才是偏移的函数。使用旋转位置编码时，分数是 (R(i) q)ᵀ (R(j) k) = qᵀ R(i)ᵀ R(j) k = qᵀ R(j − i) k，因为旋转可以复合，而 R(i)ᵀ 抵消 R(i)。无论权重是什么，剩下的都只有偏移。',
  },
  'positions-masks-causal-average': {
    title: '因果的累积平均',
    task: '选择因果掩码。然后只修改查询权重 W_q（词元、W_k 和 W_v 保持初始值），使 A 的每一行都把权重平均分给它能看到的词元。',
    says: {
      mask: (mask: string) => `掩码是“${maskName(mask)}”；请选择“${maskName('causal')}”。`,
      normaliser: normaliserSays,
      onlyWq: () => `只有 W_q 可以改动：请按交互组件的“${m.part_widget_reset()}”，重新选择因果掩码，然后只编辑 W_q。`,
      uniform: () => '每一行都在它能看到的词元上均匀分布。',
      furthest: (row: number, worst: number) =>
        `第 ${row} 行离均匀最远：它有一个权重与 1/${row} 相差 ${formatNumber(worst, 3)}。`,
    },
    hints: [
      '当且仅当一行能看到的分数全都相等时，这一行的 softmax 权重才是均匀的。',
      '每个分数都是 qᵢ · kⱼ。你不能改动键：哪个查询与每个键的点积都相同？',
      '把 W_q 的每个元素都设为 0。',
    ],
    explanation:
      'W_q = 0 时，每个查询都是零向量，每个分数都是 0。掩码把对角线以上的分数变成 −∞，softmax 再把每一行平均分给剩下的位置：词元 1 只读它自己，词元 2 给两个词元各 ½，词元 3 各给三分之一，词元 4 各给四分之一。于是每个输出 bⁱ 就是 v¹ … vⁱ 的平均，即累积平均；每一行的和仍然是 1，因为 softmax 在允许的键上重新归一化。',
  },
});

export default zh;
