import { m } from '~lib/i18n/messages.ts';
import { formatCount } from '~lib/ui/format.ts';
import type { Translation } from '~components/exercises/translation.ts';
import type * as en from './exercises.ts';

/** A share as a whole percentage, set as Chinese text sets it (no space before %). */
const percent = (x: number) => `${Math.round(100 * x)}%`;
const start = m.widget_training_lab_start();

const zh: Translation<typeof en> = ({ targetAccuracy, attentionCounts: { model, twin } }, ui) => ({
  'lab-reach-95': {
    title: '训练到 95%',
    task: `实验室已设置为反转 4 到 10 位数字，学习率为 0.5。保持任务和长度不变，修改你需要修改的，然后训练，直到最近一次评估中至少有 ${percent(targetAccuracy)} 的序列完全正确。`,
    says: {
      taskChanged: (minLen: number, maxLen: number) =>
        `任务必须保持为反转 ${minLen} 到 ${maxLen} 位数字：请按“${ui.setUp()}”。`,
      notTrained: () => `还没有对训练过的权重做过评估：请按“${start}”。`,
      accuracy: (step: number, sequence: number, lr: number) =>
        `第 ${step} 步时，评估序列中有 ${percent(sequence)} 完全正确（学习率 ${lr}${sequence >= targetAccuracy ? '' : `；需要 ${percent(targetAccuracy)}`}）。`,
    },
    hints: [
      `按“${start}”，观察损失和准确率一分钟。它们的变化和本章对默认设置的描述一致吗？`,
      'Adam 对每个权重的步长大约就是学习率本身，所以 0.5 会让每个权重每步移动多达半个单位，远远超出这种大小的权重所能承受的。',
      '把学习率改回 0.01 再训练；取消勾选对照模型，每步的时间大约减半。',
    ],
    explanation:
      '学习率为 0.5 时，Adam 的每一步都和权重本身一样大，模型始终无法稳定到一个解上，准确率停在 0。学习率为 0.01 时，注意力模型在几百步之内就学会了反转：损失先下降，等大多数词元都对了，整序列准确率才跟上来，因为只有每一位数字都对，一个序列才算对。曲线在途中可能下探，因为每次评估都是对当前权重的一次全新判断。',
  },
  'lab-attention-cost': {
    title: '注意力的代价',
    question:
      '默认模型（Bahdanau 注意力）与没有注意力的对照模型，嵌入、编码器和解码器的大小都相同。注意力模型多出多少参数？',
    options: ['比对照模型少', '比对照模型多不到 10%', '多 10% 到 50%', '多 50% 以上'],
    explanation: `${formatCount(model)} 对 ${formatCount(twin)}：打分网络增加了 ${formatCount(model - twin)} 个参数，多出 ${percent(model / twin - 1)}。注意力在比较中胜出，靠的是它让解码器在每一步都能读到的内容，而不是更多可供拟合的权重。`,
  },
  'lab-length': {
    title: '为什么长度只伤害对照模型',
    question: `在“${m.widget_training_lab_charts_by_length_label()}”中，注意力模型在每个长度上都在上升，而对照模型能答对短输入，在长输入上却一直接近零。为什么长度对对照模型的影响大得多？`,
    modelAnswer:
      '对照模型的解码器只能通过编码器的最终状态看到输入，那是一个大小固定的向量。每一位数字都必须被装进这个向量，再按相反的顺序取出来；数字越多，它们就越要争夺同样那几个数，所以长输入最先失败。注意力模型在每个输出步都重新读取编码器在每个输入位置的状态：要写出第 k 个输出，它就去查它需要的那一位数字，而对 10 位数字和对 4 位数字，这次查找一样短。它的梯度也以同样的方式直接到达每个输入位置，而不必穿过一长串循环步。',
  },
});

export default zh;
