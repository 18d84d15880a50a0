import { formatNumber } from '~lib/ui/format.ts';
import type { Translation } from '~components/exercises/translation.ts';
import type * as en from './exercises.ts';

const zh: Translation<typeof en> = {
  'bahdanau-first-focus': {
    title: '第一步看向哪里？',
    question: '在单步运行交互组件之前：解码器的第一步中，哪个源位置 j 得到最大的权重 α₁ⱼ？',
    options: ['j = 1', 'j = 2', 'j = 3', 'j = 4'],
    explanation:
      '权重来自分数 e₁ⱼ = κ·v_aᵀ tanh(W_a s₀ + U_a h_j)：同一个小网络对照解码器的状态给每个注释 h_j 打分，softmax 再把这些分数变成权重。胜出的是在给定 s₀ 时 U_a h_j 与 v_a 最一致的那个注释，所以修改 U_a 或嵌入时，答案也会改变。',
  },
  'bahdanau-uniform': {
    title: '让注意力变得均匀',
    task: '只改一个数，使解码器的每一步都把注意力平均分配：在每一步，每个 α 都等于 1/n，误差不超过 0.001。',
    says: {
      noResult: () => '交互组件还没有结果。',
      spread: (kappa: number, n: number, worst: number) =>
        `κ = ${formatNumber(kappa, 2)}；α 与 1/${n} 的最大偏差为 ${formatNumber(worst, 4)}${worst <= 0.001 ? '。' : '（允许 0.001）。'}`,
    },
    hints: [
      '当且仅当 softmax 的所有输入都相等时，它给出相等的权重。',
      '每个分数都是 κ 乘以 v_aᵀ tanh(…)。无论 tanh 给出什么，怎样才能让所有分数都相等？',
      '把 κ 设为 0。',
    ],
    explanation:
      'κ = 0 时每个分数都是 0，而相等分数的 softmax 是均匀分布：上下文变成各个注释的简单平均，每一步都一样。这时注意力携带的位置信息并不比一个固定的摘要多；增大 κ 会让权重向得分最高的注释集中，变得更尖锐。',
  },
  'bahdanau-why-previous-state': {
    title: '为什么是 s_{i−1} 而不是 s_i？',
    question: '分数使用的是解码器的前一个状态 s_{i−1}，而不是它即将产生的状态 s_i。为什么必须这样？',
    modelAnswer:
      '上下文 cᵢ 是计算 sᵢ 那一步的输入：sᵢ = f(s_{i−1}, y_{i−1}, cᵢ)。要算出 cᵢ，模型需要权重 αᵢⱼ，所以分数只能使用这一步之前已经存在的东西，也就是 s_{i−1}（解码器到目前为止说过的内容）。使用 sᵢ 会让计算依赖它自己的结果。Luong 后来的变体把顺序反过来：先算出 hᵢ，用它来计算注意力，之后再合并上下文。',
  },
};

export default zh;
