import { ScalingState } from '../../components/state/scaling.svelte.ts';
import { SelfAttentionState, tokenNames } from '../../components/state/self-attention.svelte.ts';
import { argmax } from '../../src/lib/exercises/answers.ts';
import { chapterExercises } from '../../src/lib/exercises/schema.ts';

export default chapterExercises('self-attention', [
  {
    id: 'self-attention-first-row',
    kind: 'predict',
    title: 'Whom does “I” attend to?',
    question:
      'With the widget’s starting tokens and weights, the first output mixes the four value vectors with the weights in row 1 of A′. Which token gets the largest weight?',
    answer: {
      type: 'pick',
      options: tokenNames.map((t, j) => `${t} (token ${j + 1})`),
      correct: () => argmax(new SelfAttentionState().result.A[0] ?? []),
    },
    explanation:
      'Row 1 of A′ is softmax(q₁ · kⱼ / √d_k) over the keys: the largest weight goes to the key most aligned with the first query. Both “saw” tokens have the same input vector, so they get the same key and always the same weight; self-attention alone cannot tell them apart, which is what positions are for.',
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
