import { m } from '~lib/i18n/messages.ts';
import { formatNumber } from '~lib/ui/format.ts';
import type { Translation } from '~components/exercises/translation.ts';
import { float32Max } from '~components/state/models/softmax.svelte.ts';
import type * as en from './exercises.ts';

/** The widget's words, as its bars name them. */
const cat = m.widget_softmax_word_cat();
const dog = m.widget_softmax_word_dog();
const car = m.widget_softmax_word_car();
const tree = m.widget_softmax_word_tree();

const zh: Translation<typeof en> = ({ list, overflowLogits: [big] }) => ({
  'start-here-cat': {
    title: '领先者能得到多少？',
    question: `交互组件初始的 logit 为 2（${cat}）、1（${dog}）、0.1（${car}）和 −1（${tree}），τ = 1。先别看柱子：softmax 给“${cat}”的概率是多少？`,
    explanation: `e² ≈ 7.39，而总和 e² + e¹ + e^0.1 + e^−1 ≈ 11.58，所以“${cat}”约得 0.64。它的 logit 只是“${dog}”的两倍，份额却是“${dog}”的 e ≈ 2.7 倍：指数函数把分数之差变成了概率之比。`,
  },
  'start-here-shift': {
    title: '每个 logit 都加上十',
    question: `给四个 logit 同时加上 10（${cat} 12、${dog} 11、${car} 10.1、${tree} 9）。概率会怎样变化？`,
    options: [
      '不变：每个概率都保持原样。',
      `“${cat}”的概率变大：最大的 logit 在 e^z 中增长得最多。`,
      '分布变平：相对而言，这些 logit 现在更接近了。',
    ],
    explanation:
      '每个 e^(z+10) 都是 e^z 乘以同一个 e^10，这个因子在分子和总和之间约掉了。softmax 只看 logit 之间的差，这也是为什么实现可以先减去最大的 logit，而不改变结果。',
  },
  'start-here-temperature': {
    title: '只用温度让分布变尖',
    task: `四个 logit 保持不变（2、1、0.1、−1），只改变温度 τ，使“${cat}”至少得到 0.90 的概率。`,
    says: {
      logitChanged: () => `有 logit 被改动了；按“${m.part_widget_reset()}”可以恢复（然后只改 τ）。`,
      cat: (t: number, p: number) =>
        `τ = ${formatNumber(t, 2)} 时“${cat}”得到 ${formatNumber(p, 3)}${p >= 0.9 ? '。' : '；需要达到 0.90。'}`,
    },
    hints: [
      'softmax 先把每个 logit 除以 τ。较小的 τ 会把缩放后的 logit 拉开，还是拉近？',
      `τ 小于 1 时，logit 之间的差距变大：“${cat}”领先“${dog}”的 1 变成了 1/τ。`,
      '试试 τ = 0.4：缩放后的 logit 是 5、2.5、0.25 和 −2.5。',
    ],
    explanation: `除以 τ < 1 会把 logit 之间的每个差距都乘以 1/τ，而指数函数把更大的差距变成更大的比值：“${cat}”与“${dog}”的份额之比是 e^(1/τ)。τ = 0.4 时这个比值是 e^2.5 ≈ 12，足以让“${cat}”得到约 0.92。τ → 0 时，softmax 变成对最大 logit 的硬性选择；τ 增大时，它逐渐变平，趋于均匀。`,
  },
  'start-here-naive-overflow': {
    title: '让朴素 softmax 崩溃',
    task: '在交互组件中勾选“朴素 softmax”。然后修改 logit（愿意的话也可以改 τ），直到朴素公式不再给出一个分布，即出现不是数的概率，或者概率之和不再为 1；而旁边稳定的 softmax 仍然给出分布。',
    says: {
      stableShown: () => '交互组件显示的是稳定的 softmax；请勾选“朴素 softmax”。',
      bothBreak: (stable: readonly number[]) =>
        `两者都崩溃了：连稳定的 softmax 也给出 ${list(stable)}。超出 float32 范围（±${formatNumber(float32Max)}）的 logit 根本放不下；请选小一些的。`,
      naiveBreaks: (naive: readonly number[], stable: readonly number[]) =>
        `朴素公式给出 ${list(naive)}；稳定的给出 ${list(stable)}。`,
      naiveWorks: (naive: readonly number[]) => `朴素公式仍然有效：${list(naive)}，与稳定的相同。`,
    },
    hints: [
      '朴素公式按原样计算每个 e^(z/τ)，和引擎的其余部分一样使用 float32。float32 能容纳多大的数？',
      `float32 最大约为 ${formatNumber(float32Max)}；x 一旦超过它的自然对数，约 ${formatNumber(Math.log(float32Max))}，e^x 就会超过它。数字输入框接受超出滑块范围的值。`,
      `在 z₁ 中输入 ${big}：按精确算术，e^${big} ≈ ${formatNumber(Math.exp(big ?? 0))}。`,
    ],
    explanation: `z₁ = ${big} 时，e^z₁ 超出 float32 的范围，变成 +∞。于是总和也是 +∞，所以 p₁ = ∞/∞ = NaN，其余每个 p 都是有限数除以 ∞，即 0。稳定的 softmax 先减去最大的 logit：它的指数是 z − ${big} ≤ 0，最大的一项恰好是 e⁰ = 1，什么都不会溢出，“${cat}”几乎得到全部概率。非常负的 logit 会从另一个方向让朴素公式崩溃：每个 e^z 都舍入为 0，p = 0/0。`,
  },
  'start-here-overflow': {
    title: '为什么要减去最大的 logit？',
    question:
      '在某个 logit 中输入 1000。朴素的 softmax，即 e^z 除以 e^z 之和，给不出任何有用的结果，交互组件的答案却是精确的。朴素版本哪里出了问题？为什么减去最大的 logit 是安全的？',
    modelAnswer:
      '在 float32 中，z 一旦超过约 88.7（float64 中约为 709.8），e^z 就上溢为无穷大，所以 e^1000 是 ∞，朴素公式给领先者算出 ∞/∞ = NaN，给其余的算出 0。先减去最大的 logit m，每个指数 z − m 都 ≤ 0，于是每个 e^(z−m) 都落在 (0, 1] 中，最大的恰好是 1：什么都不会上溢，而总和至少为 1，也就不会除以零。这在数学上不改变任何东西，因为 e^(z−m) = e^z · e^−m，公共因子 e^−m 在分子和总和之间约掉了。',
  },
});

export default zh;
