import type { Translation } from '~components/exercises/translation.ts';
import type * as en from './exercises.ts';

const zh: Translation<typeof en> = {
  'costs-crossover': {
    title: '曲线在哪里相交',
    question: '宽度 d = 512 时，从哪个序列长度 n 开始，自注意力层（n²·d）的开销至少与循环层（n·d²）一样大？',
    explanation:
      '当且仅当 n ≥ d 时，n²·d ≥ n·d²。低于模型宽度时，自注意力是更便宜的层；高于它时，平方项占上风：几十个词元的句子远低于 512，整本书则远高于它。',
  },
  'costs-cheaper-attention': {
    title: '让注意力成为更便宜的层',
    task: '保持 d = 512，按表 1 的方式计数（不计投影），改变序列长度 n，使自注意力的开销小于循环层。',
    says: {
      width: (d: number) => `d = ${d}；请把它改回 512。`,
      projections: () => '计入投影时，自注意力在每个 n 上都更贵；取消勾选投影，按表 1 的方式计数。',
      costs: (n: number, sa: number, rnn: number) =>
        `n = ${n} 时，自注意力的开销是 ${sa.toExponential(2)}，循环层是 ${rnn.toExponential(2)}。`,
    },
    hints: [
      '比较 n²·d 和 n·d²：两者都除以 n·d。',
      '当且仅当 n < d 时，自注意力更便宜。',
      '任何小于 512 的 n 都可以，比如 256。',
    ],
    explanation:
      '把两种开销都除以 n·d，剩下的就是 n 与 d 的比较。自注意力为每一对位置付出代价，循环层为每一步的一个 d × d 矩阵付出代价；n < d 时，位置对这笔账更便宜。它的另一个优势，即所有位置一次算完，而不是一个接一个地算，在任何长度下都成立。',
  },
  'costs-sequential': {
    title: '运算量不是全部开销',
    question:
      'n = 100、d = 512 时，循环层需要的运算比 n = 1000 时少，然而在 GPU 上，处理 100 个词元的自注意力层通常比循环层更早完成。为什么？',
    modelAnswer:
      '循环层必须一步接一步地计算它的 n 步：第 t 步需要 h_{t−1}。每一步都是一个小的矩阵-向量乘积，让 GPU 的大部分闲着，而且这 n 步不能重叠，所以无论有多少个核心，时间都随 n 增长。自注意力没有这样的链条：全部 n² 个分数是一次矩阵乘积，全部输出是另一次，GPU 可以并行执行。它在任意两个位置之间的路径也只有一步长，而不是最多 n 步，这既有助于速度，也有助于学习。',
  },
};

export default zh;
