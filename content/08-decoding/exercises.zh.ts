import { m } from '~lib/i18n/messages.ts';
import { formatNumber } from '~lib/ui/format.ts';
import type { exerciseUi } from '~components/exercises/catalog.ts';
import type { Translation } from '~components/exercises/translation.ts';
import type * as en from './exercises.ts';

/** The widget's names for its decoding methods. */
const methods: Record<string, () => string> = {
  greedy: m.widget_decoding_method_greedy,
  beam: m.widget_decoding_method_beam,
  sample: m.widget_decoding_method_sample,
};
const method = (id: string) => methods[id]?.() ?? id;

/** The sentences both challenges say while the widget is not yet where they can judge it (`ui`: see Translation). */
const readiness = (ui: typeof exerciseUi) => ({
  loading: () => '翻译器的权重还在加载。',
  otherInput: () => `输入是另一个句子：请按“${ui.setUp()}”。`,
  method: (current: string, wanted: string) => `方法是“${method(current)}”；请选择“${method(wanted)}”。`,
});

/** What beam search and greedy decoding wrote at α. */
const written = (alpha: number, beam: number, greedy: number) =>
  `α = ${formatNumber(alpha, 1)} 时束搜索写出 ${beam} 个词，贪心解码写出 ${greedy} 个`;

const zh: Translation<typeof en> = ({ toyNext, toyGreedy, toyOptions, p, plain }, ui) => {
  /** The toy's next-word probabilities after `prefix`, as the question lists them. */
  const toyText = (prefix: string) =>
    Object.entries(toyNext[prefix] ?? {})
      .map(([w, q]) => `${w === '⟨eos⟩' ? '停止' : w} ${q}`)
      .join('、');
  return {
    'decoding-greedy-or-beam': {
      title: '宽度为二的束搜索找到什么？',
      question: `一个玩具解码器最多写两个词。第一个词：${toyText('')}。在“le”之后：${toyText('le')}。在“un”之后：${toyText('un')}。写满两个词后总是停止。贪心解码写出“${toyGreedy}”。宽度 k = 2（α = 0）的束搜索返回哪个句子？`,
      options: [...toyOptions],
      explanation: `贪心解码选了“le”，因为 ${p('', 'le')} 大于 ${p('', 'un')}，接着就被困在一个很弱的第二步上：le chat 的 p = ${p('', 'le')} · ${p('le', 'chat')} = ${plain(p('', 'le') * p('le', 'chat'))}。束搜索把“un”作为第二名保留下来，而 un chat 的 p = ${p('', 'un')} · ${p('un', 'chat')} = ${plain(p('', 'un') * p('un', 'chat'))}，是所有句子中可能性最大的。一个看起来较差的首词，可能引出把握大得多的后续；同时保留几个前缀，搜索才能看到这一点。`,
    },
    'decoding-smallest-alpha': {
      title: '恰到好处的长度惩罚',
      task: `在预设“${m.widget_decoding_search_preset_beam_too_short()}”上，保持束搜索的宽度为 3，找出使束搜索写出的词数与贪心解码一样多的最小 α（按滑块的步长 0.1）。`,
      says: {
        ...readiness(ui),
        width: (width: number) => `宽度是 ${width}；请把它改回 3。`,
        lengths: (alpha: number, beam: number, greedy: number) => `${written(alpha, beam, greedy)}。`,
        justEnough: (alpha: number, beam: number, greedy: number, lower: number, below: number) =>
          `${written(alpha, beam, greedy)}；α = ${formatNumber(lower, 1)} 时它只会写出 ${below} 个。`,
        lowerWorks: (alpha: number, beam: number, greedy: number, lower: number) =>
          `${written(alpha, beam, greedy)}，但 α = ${formatNumber(lower, 1)} 也已足够：再往低调。`,
      },
      hints: [
        'α = 0 时按原始的 log p 给已完成的句子排序，而每多一个词，log p 都会降低；α = 1 时按每个词的平均 log p 排序。',
        '在 0 和 1 之间的某处，长句子的得分会超过短句子的。从 0 开始每次把 α 增加 0.1，观察输出。',
        '转变发生在 0.6 和 0.7 之间。',
      ],
      explanation:
        '把 log p 除以 |y|^α，能让较长的句子为它多出的每个词付出更少的代价。短的输出之所以原始 log p 更高，只是因为它的项更少；一旦 α 足够大，长句子按词计算的质量就会胜出。这个转折点在哪里取决于句子，所以实际系统在留出数据上调节 α，而不是推导出它。',
    },
    'decoding-sample-greedily': {
      title: '从不走偏的采样',
      task: `在预设“${m.widget_decoding_search_preset_beam_fixes()}”上，用温度 T = 1 采样，再调另一个旋钮，使五个样本都恰好是贪心解码的句子。`,
      says: {
        ...readiness(ui),
        temperature: (t: number) => `T = ${formatNumber(t, 2)}；请保持为 1。`,
        samples: (same: number, all: number) => `${all} 个样本中有 ${same} 个是贪心解码的句子。`,
      },
      hints: [
        '在抽样之前重塑分布的办法，不只有温度。',
        'top-k 在每一步只保留可能性最大的 k 个词。贪心解码保留几个？',
        '把 top-k 设为 1（小到只保留一个词的 top-p 也可以）。',
      ],
      explanation:
        'top-k = 1 时，只有可能性最大的词能留下来，重新归一化后的分布把全部概率都放在它上面，每次抽样都是 argmax：无论种子是什么，结果都是贪心解码。单靠降低 T，在这个句子上只能慢慢接近：在“the blue flower”处，模型给 verte 和 bleue 的概率几乎相同，而一个接近 1 的比值即使取 1/T 次幂，仍然接近 1，所以在 T 变得极小之前，总有几个种子还会选 bleue。',
    },
    'decoding-exposure-bias': {
      title: '更多的教师强制有用吗？',
      question:
        '强制把“le”作为第一个词，会让翻译器接着编出一个阳性名词。继续用教师强制把同一个模型训练得更久，能让它在被强制的“le”之后回到“voiture”吗？为什么？',
      modelAnswer:
        '多半不能。教师强制只给解码器看正确的前缀，所以训练得更久，只会让它在这些前缀上做得更好。阴性名词前面配上“le”的前缀在训练中从未出现过；模型在那里做什么，取决于它学到的语言模型泛化成什么样，而一个流利的语言模型会在“le”后面接一个阳性名词，它正是这样做的。要学会从自己的错误中恢复，模型必须在训练中见过含有这些错误的前缀：计划采样在部分时间里把模型自己的预测喂给它，序列级训练则给整个解码输出打分。更好的解码方法（束搜索）能减少选中坏前缀的次数，但不能教会模型在坏前缀之后该怎么做。',
    },
  };
};

export default zh;
