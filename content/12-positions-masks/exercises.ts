import { formatNumber } from '~lib/ui/format.ts';
import { challenge, chapterExercises } from '~components/exercises/schema.ts';
import { AttentionOrderState, orderWords } from '~components/state/models/attention-order.svelte.ts';
import {
  defaultProjections,
  oneHotInputs,
  type SelfAttentionState,
} from '~components/state/models/self-attention.svelte.ts';

/** The order id of "man bites dog" ('210'): word indices in sentence order. */
const manBitesDog = ['man', 'bites', 'dog'].map((w) => orderWords.indexOf(w as (typeof orderWords)[number])).join('');

/** A matrix as the widget's link holds it, compared entry by entry. */
const sameMatrix = (a: readonly (readonly number[])[], b: readonly (readonly number[])[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/** Euclidean distance between two vectors. */
const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((x, i) => x - (b[i] ?? 0)));

/** The offset the almost-repeat challenge's solution uses, and the whole turns of the first pair it comes closest to. */
export const repeatK = 44;
export const repeatTurns = Math.round(repeatK / (2 * Math.PI));

/** Under the causal mask, how far the weights a row may use are from uniform: the worst entry and its row. */
function causalSpread(m: SelfAttentionState): { worst: number; row: number } {
  let worst = 0;
  let row = 0;
  m.result.A.forEach((r, i) => {
    for (let j = 0; j <= i; j++) {
      const gap = Math.abs((r[j] ?? 0) - 1 / (i + 1));
      if (gap > worst) [worst, row] = [gap, i];
    }
  });
  return { worst, row };
}

export default chapterExercises('positions-masks', [
  {
    id: 'positions-masks-middle-word',
    kind: 'predict',
    title: 'The word that stays put',
    question:
      'Tick “add positional encodings” and choose “man bites dog”. “bites” stands in the middle of both sentences, so it carries the same word vector and the same positional vector as in “dog bites man”. Does its output change?',
    answer: {
      type: 'choice',
      options: ['No: same word at the same place, same output', 'Yes: its output changes'],
      correct: () => {
        const m = new AttentionOrderState();
        m.restore({ o: manBitesDog, p: true });
        const at = m.order.indexOf(orderWords.indexOf('bites'));
        return (m.result.change[at] ?? 0) > 1e-4 ? 1 : 0;
      },
    },
    explanation:
      'Its query is the same, but the tokens it reads are not: “dog” and “man” traded places, so each now carries the other’s positional vector, and their keys and values change with it. The scores of “bites” against them change, and so does the mix of values it outputs. Once positions are added, every output depends on the arrangement of the whole sentence, not only on where its own token stands.',
  },
  challenge({
    id: 'positions-masks-almost-repeat',
    widget: 'positional-encoding',
    title: 'An offset that almost comes back',
    task: 'The first pair of the encoding (columns 0 and 1, the pair the circle draws first) turns by one radian per position. Find an offset k from 1 to 50 at which that pair of PE(p + k) is back within 0.05 of PE(p)’s, then compare the whole vectors.',
    start: {},
    solution: { k: repeatK },
    says: {
      distances: (k: number, pair: number, whole: number) =>
        `k = ${k}: the first pair of PE(p + k) is ${formatNumber(pair, 3)} from PE(p)’s, the whole vector ${formatNumber(whole, 3)}${k >= 1 ? '.' : '; k must be at least 1.'}`,
    },
    check: (m, say) => {
      const { atP, atPk } = m.result;
      const pair = distance(atP.slice(0, 2), atPk.slice(0, 2));
      const whole = distance(atP, atPk);
      return { solved: m.k >= 1 && pair < 0.05, detail: say.distances(m.k, pair, whole) };
    },
    hints: [
      'The first pair is (sin p, cos p): it comes back whenever k is a whole number of turns, k ≈ 2π · n.',
      '2π ≈ 6.283. Which multiple of it up to 50 lies closest to a whole number?',
      `${repeatTurns} · 2π ≈ ${formatNumber(repeatTurns * 2 * Math.PI, 2)}: try k = ${repeatK}.`,
    ],
    explanation: `At k = ${repeatK} the first pair has turned ${repeatTurns} full circles and ${formatNumber(repeatK - repeatTurns * 2 * Math.PI, 3)} rad more, so it nearly repeats, and a model reading only that pair could hardly tell p from p + ${repeatK}. The slower pairs have turned by k·ωᵢ, only a small part of their circles, so the whole vector is still clearly different. That is why the encoding uses many frequencies: fast pairs separate neighbours, slow pairs keep positions that are far apart from looking alike.`,
  }),
  {
    id: 'positions-masks-rotary',
    kind: 'open',
    title: 'Adding positions or rotating queries',
    question:
      'With sinusoidal encodings the score of tokens i and j is (xᵢ + PEᵢ)ᵀ W_qᵀ W_k (xⱼ + PEⱼ). Rotary encodings instead rotate the query by R(i) and the key by R(j). Why does only the second make the score depend on the offset j − i alone?',
    modelAnswer:
      'Expanding the sum gives four terms: word with word, word with position (twice) and position with position. The cross terms pair a word vector with an absolute position through W_qᵀ W_k, so they change when the same two words move together; even the position-with-position term is a function of the offset only if W_qᵀ W_k happens to commute with the rotations. With rotary encodings the score is (R(i) q)ᵀ (R(j) k) = qᵀ R(i)ᵀ R(j) k = qᵀ R(j − i) k, because rotations compose and R(i)ᵀ undoes R(i). Only the offset is left, whatever the weights are.',
  },
  challenge({
    id: 'positions-masks-causal-average',
    widget: 'self-attention',
    title: 'A causal running average',
    task: 'Choose the causal mask. Then change only the query weights W_q (leave the tokens, W_k and W_v as they start) so that every row of A spreads its weight evenly over the tokens it may see.',
    start: { m: 'causal' },
    solution: { m: 'causal', q: defaultProjections.W_q.map((r) => r.map(() => 0)) },
    says: {
      mask: (mask: string) => `the mask is “${mask}”; choose causal.`,
      normaliser: (normaliser: string) => `the weights are made by ${normaliser}; choose softmax under “Weights by”.`,
      onlyWq: () => 'only W_q may change: press the widget’s Reset, choose causal again and edit W_q alone.',
      uniform: () => 'every row is uniform over the tokens it may see.',
      furthest: (row: number, worst: number) =>
        `row ${row} is furthest from uniform: one of its weights is ${formatNumber(worst, 3)} away from 1/${row}.`,
    },
    check: (m, say) => {
      if (m.mask !== 'causal') return { solved: false, detail: say.mask(m.mask) };
      // The hints and the explanation are about softmax; the widget's other normalisers weigh the scores otherwise.
      if (m.normaliser !== 'softmax') return { solved: false, detail: say.normaliser(m.normaliser) };
      const untouched =
        sameMatrix(m.inputs, oneHotInputs) &&
        sameMatrix(m.weights.get('W_k'), defaultProjections.W_k) &&
        sameMatrix(m.weights.get('W_v'), defaultProjections.W_v);
      if (!untouched) return { solved: false, detail: say.onlyWq() };
      const { worst, row } = causalSpread(m);
      const solved = worst <= 0.001;
      return { solved, detail: solved ? say.uniform() : say.furthest(row + 1, worst) };
    },
    hints: [
      'A row of softmax weights is uniform exactly when the scores it can see are all equal.',
      'Each score is qᵢ · kⱼ. You may not change the keys: which query gives the same dot product with every key?',
      'Set every entry of W_q to 0.',
    ],
    explanation:
      'With W_q = 0 every query is the zero vector and every score is 0. The mask turns the scores above the diagonal into −∞, and the softmax spreads each row evenly over what is left: token 1 reads only itself, token 2 gives ½ to each of two, token 3 thirds, token 4 quarters. Each output bⁱ is then the average of v¹ … vⁱ, a running mean, and each row still sums to 1 because the softmax renormalises over the allowed keys.',
  }),
]);
