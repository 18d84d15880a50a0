import { m } from '~lib/i18n/messages.ts';
import type { Translation } from '~components/exercises/translation.ts';
import type * as en from './exercises.ts';

/** The widget's names for the three score functions. */
const dot = m.widget_score_functions_kind_dot();
const general = m.widget_score_functions_kind_general();
const concat = m.widget_score_functions_kind_concat();

const zh: Translation<typeof en> = {
  'scores-agree': {
    title: '三种分数看向同一处吗？',
    question: `在读交互组件的权重之前：使用默认的状态和权重时，“${dot}”“${general}”和“${concat}”会把最大的权重给同一个编码器状态 h̄ₛ 吗？`,
    options: ['三者选同一个状态', '两个一致，另一个选了别的状态', '各自选了不同的状态'],
    explanation: `它们是同样两个向量的三个不同函数。“${dot}”衡量原始的一致程度；“${general}”先让 h̄ₛ 经过它自己的 W_a，所以它拿 h_t 与一个旋转、拉伸过的副本相比；“${concat}”让两者都经过一个小的 tanh 网络，能给点积永远不会看好的向量对打高分。没有什么迫使它们一致，而在这组权重下，三者各自偏爱不同的状态。只有训练才能让分数函数变得有用：它同时塑造状态和权重。`,
  },
  'scores-make-them-agree': {
    title: '让三者一致',
    task: `只修改解码器状态 h_t（编码器状态、两个 W_a 和 v_a 保持不变），使“${dot}”“${general}”和“${concat}”都把最大的权重给同一个编码器状态。`,
    says: {
      onlyH: () => `只有 h_t 可以改动：请按“${m.part_widget_reset()}”，然后只编辑解码器状态。`,
      picks: (picks: readonly string[]) =>
        `“${dot}”选 ${picks[0]}，“${general}”选 ${picks[1]}，“${concat}”选 ${picks[2]}。`,
    },
    hints: [
      `“${concat}”最固执：先找出它偏爱什么，再把另外两个引到那里。`,
      `“${concat}”已经偏爱 h̄₁ = (1, 0.2, 0)。哪个 h_t 能让它与 h̄₁ 的点积在四个中最大，同时让“${general}”分数也最大？`,
      '试试 h_t = (0.5, −0.5, 1)。',
    ],
    explanation:
      'h_t = (0.5, −0.5, 1) 时，三者都把最大的权重放在 h̄₁ 上，但领先的幅度不同：在胜者上一致，并不等于权重一致。在训练好的模型中，编码器、解码器和分数是一起学出来的，所以无论用哪种分数，状态最终都会为它排布好。',
  },
  'scores-why-general': {
    title: `“${general}”分数为什么需要 W_a？`,
    question: `“${dot}”分数无需任何权重就能比较 h_t 与 h̄ₛ。“${general}”分数 hᵀ_t W_a h̄ₛ 能做什么点积分数做不到的事？`,
    modelAnswer: `点积分数只有在解码器状态和编码器状态处于同一个空间时才管用：大小相同，而且同一个方向表示同一件事。W_a 去掉了这两个限制。它能把一种大小的编码器状态映射到另一种大小的解码器状态上，还能让模型学会 h̄ₛ 的哪些方向应当与 h_t 的哪些方向匹配，这样匹配就不必意味着“指向同一方向”。令 W_a = I 时，“${general}”分数恰好就是点积分数（交互组件有一个按钮来做这件事），所以它绝不会更差；代价是多学一个矩阵。`,
  },
};

export default zh;
