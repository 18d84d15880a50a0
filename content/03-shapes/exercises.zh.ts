import type { Translation } from '~components/exercises/translation.ts';
import type * as en from './exercises.ts';

const zh: Translation<typeof en> = {
  'shapes-sentiment': {
    title: '情感分析用哪种连接方式？',
    question: '一个模型读入一条商品评论，回答“正面”或“负面”。它是四种连接方式中的哪一种？',
    options: ['N 对 N', 'N 对 1', '1 对 N', 'N 对 M'],
    explanation:
      '整条评论被读入，每个词一步，只读出最后一个词之后的状态：N 对 1。给每个词加标注是 N 对 N，为一张图片写说明是 1 对 N，翻译这条评论是 N 对 M。',
  },
  'shapes-same-weights': {
    title: '一个单元，任意长度',
    question:
      '同一个循环单元既能处理 3 步的序列，也能处理 300 步的序列，而不需要任何新的权重。是什么让这成为可能？代价又是什么？',
    modelAnswer:
      '单元在每一步都使用同样的 W_xh、W_hh 和 b，所以参数的数量与长度无关：序列由一个循环来处理，而不是由一个更宽的网络。代价是，网络对过去所知的一切都必须一步一步地穿过大小固定的状态 h，而且各步不能并行计算。',
  },
  'shapes-teacher-forcing': {
    title: '训练时解码器读入什么？',
    question:
      '在 N 对 M 的连接方式中，解码器把自己上一步的输出再作为输入。在训练中，当它早期的输出还是错的时候，通常改为给它输入什么？这以后可能带来什么问题？',
    modelAnswer:
      '通常给它输入正确的上一个目标词（教师强制），这样一个早期的错误不会让训练序列的其余部分跑偏，每一步都能得到有用的梯度。问题在于，测试时它必须读入自己的输出，而这在训练中从未发生过：一个错误就会把它带进它没有学过如何恢复的状态（暴露偏差）。计划采样（scheduled sampling）在训练中混入模型自己的输出，是一种补救办法。',
  },
};

export default zh;
