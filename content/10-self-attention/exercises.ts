import { formatNumber } from '~lib/ui/format.ts';
import { argmax } from '~components/exercises/answers.ts';
import { modelAt } from '~components/exercises/model-at.ts';
import { challenge, chapterExercises } from '~components/exercises/schema.ts';
import { ScalingState } from '~components/state/models/attention-scaling.svelte.ts';
import {
  defaultProjections,
  oneHotInputs,
  SelfAttentionState,
  selfAttentionFields,
  tokenNames,
} from '~components/state/models/self-attention.svelte.ts';

/** The look-at-“a” challenge's solution: W_q with its first column, the query of “I”, set to (0, 0, 4). */
export const lookAtA = defaultProjections.W_q.map((r, i) => r.map((x, j) => (j === 0 ? ([0, 0, 4][i] ?? 0) : x)));

/** A matrix as the widget's link holds it, compared entry by entry. */
const sameMatrix = (a: readonly (readonly number[])[], b: readonly (readonly number[])[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/** Row 1 of A (the weights of “I”) once W_q is the look-at-“a” solution. */
export const lookAtARow =
  modelAt(() => new SelfAttentionState(), selfAttentionFields, { q: lookAtA }).result.A[0] ?? [];

export default chapterExercises('self-attention', [
  {
    id: 'self-attention-first-row',
    kind: 'predict',
    title: 'Whom does “I” attend to?',
    question:
      'With the widget’s starting tokens and weights, the first output mixes the four value vectors with the weights in row 1 of A. Which token gets the largest weight?',
    answer: {
      type: 'pick',
      options: tokenNames.map((t, j) => `${t} (token ${j + 1})`),
      correct: () => argmax(new SelfAttentionState().result.A[0] ?? []),
    },
    explanation:
      'Row 1 of A is softmax(q₁ · kⱼ / √d_k) over the keys: the largest weight goes to the key most aligned with the first query. Both “saw” tokens have the same input vector, so they get the same key and always the same weight; self-attention alone cannot tell them apart, which is what positions are for.',
  },
  {
    id: 'self-attention-entropy',
    kind: 'predict',
    title: 'Without dividing by √d',
    question:
      'In the scaling widget at d = 64, which is more concentrated, closer to a one-hot choice: softmax(q·k) or softmax(q·k / √d)?',
    answer: {
      type: 'choice',
      options: ['softmax(q·k), without the division', 'softmax(q·k / √d), with it', 'Neither: they are the same'],
      correct: () => {
        const d = new ScalingState().draw;
        return Math.max(...d.raw) > Math.max(...d.scaled) ? 0 : 1;
      },
    },
    explanation:
      'For random vectors with unit-variance entries, q·k is a sum of d products and has variance d: at d = 64 the scores spread over about ±8, and softmax of scores that far apart puts nearly all weight on the largest. Dividing by √d brings the variance back to 1, so the weights stay soft and the gradients through them do not vanish.',
  },
  challenge({
    id: 'self-attention-look-at-a',
    widget: 'self-attention',
    title: 'Make “I” look at “a”',
    task: 'With no mask, change only the query weights W_q (leave the tokens, W_k and W_v as they start) so that token 1, “I”, gives at least half of its attention to token 3, “a”.',
    start: {},
    solution: { q: lookAtA },
    says: {
      mask: (mask: string) => `the mask is “${mask}”; choose no mask.`,
      normaliser: (normaliser: string) => `the weights are made by ${normaliser}; choose softmax under “Weights by”.`,
      onlyWq: () => 'only W_q may change: press the widget’s Reset and edit W_q alone.',
      toA: (toA: number, row: readonly number[]) =>
        `“I” gives “a” ${formatNumber(toA, 3)}${toA >= 0.5 ? '.' : '; it needs 0.5.'} Its row of weights: ${row.map((a) => formatNumber(a, 3)).join(', ')}.`,
    },
    check: (m, say) => {
      if (m.mask !== 'none') return { solved: false, detail: say.mask(m.mask) };
      // The hints and the explanation are about softmax; the widget's other normalisers weigh the scores otherwise.
      if (m.normaliser !== 'softmax') return { solved: false, detail: say.normaliser(m.normaliser) };
      const untouched =
        sameMatrix(m.inputs, oneHotInputs) &&
        sameMatrix(m.weights.get('W_k'), defaultProjections.W_k) &&
        sameMatrix(m.weights.get('W_v'), defaultProjections.W_v);
      if (!untouched) return { solved: false, detail: say.onlyWq() };
      const row = m.result.A[0] ?? [];
      const toA = row[2] ?? Number.NaN;
      return { solved: toA >= 0.5, detail: say.toA(toA, row) };
    },
    hints: [
      'Row 1 of the weights is the softmax of q¹ · kʲ / √d_k over the four keys. The keys stay as they are: only q¹ can move.',
      'X is one-hot and “I” is the first word of the vocabulary, so q¹ = W_q x¹ is the first column of W_q. Point it along the key of “a”, the third column of W_k, and away from the key of “saw”, which counts twice.',
      `Set the first column of W_q to (${lookAtA.map((r) => r[0]).join(', ')}).`,
    ],
    explanation: (() => {
      const row = lookAtARow;
      return `With q¹ = (${lookAtA.map((r) => r[0]).join(', ')}) the scores of “I” favour k³ = (${defaultProjections.W_k.map((r) => r[2]).join(', ')}), and its weights become ${row.map((a) => formatNumber(a, 3)).join(', ')}. The other tokens’ rows do not move: each query is made from its own token alone, so W_q’s first column belongs to “I”. Both “saw” tokens share one key and always get the same weight, so “a” has to beat that key twice: a softmax compares each score with the sum of all the others.`;
    })(),
  }),
  {
    id: 'self-attention-order',
    kind: 'open',
    title: 'Shuffle the tokens',
    question:
      'Swap the first and third tokens of X. What happens to the outputs, and what does that say about self-attention and word order?',
    modelAnswer:
      'The outputs are swapped in the same way and otherwise unchanged: each output depends on its own query and on the set of keys and values, and a weighted sum does not care in which order its terms come. Self-attention is permutation-equivariant, so on its own it cannot tell “dog bites man” from “man bites dog”; that is why Transformers add positional information to the inputs.',
  },
]);
