import { chapterExercises } from '../../src/lib/exercises/schema.ts';

export default chapterExercises('seq2seq', [
  {
    id: 'seq2seq-fixed-size',
    kind: 'predict',
    title: 'How big is the summary?',
    question:
      'An encoder with hidden size 256 reads a sentence of 5 words, then one of 50 words. How many numbers does the vector handed to the decoder hold in each case?',
    answer: {
      type: 'choice',
      options: ['256 both times', '5 × 256, then 50 × 256', 'It grows with the length, up to a limit'],
      // The size is the encoder's hidden size by construction, whatever the weights: a fact of the wiring.
      correct: () => 0,
    },
    explanation:
      'The decoder receives the encoder’s last hidden state, whose size is fixed by the architecture: 256 numbers for five words and for fifty. A longer input must be squeezed into the same space, which is the bottleneck the widget below measures.',
  },
  {
    id: 'seq2seq-reverse-input',
    kind: 'open',
    title: 'Why did reversing the source help?',
    question:
      'Sutskever, Vinyals and Le fed the source sentence backwards and reported a clear gain in translation quality. Why would reading the input in reverse help an encoder–decoder without attention?',
    modelAnswer:
      'Reversed, the first source words are read last, so they sit closest to the vector the decoder starts from, and the first target words, which usually correspond to them, are only a few steps away through the network. Those short paths make the early alignment easy to learn, and a good start helps the rest of the output. The average distance between corresponding words is unchanged, so it is a workaround for the bottleneck, not a cure; attention removes the need for it.',
  },
  {
    id: 'seq2seq-what-attention-adds',
    kind: 'open',
    title: 'What would fix it?',
    question:
      'Suppose the decoder could look at every encoder state h₁ … h_T, not only the last. What would it need, at each output step, to use them well, and what would that cost?',
    modelAnswer:
      'It needs a way to choose, at every output step, which encoder states matter now: a score for each h_j given the decoder’s state, turned into weights that sum to one, and a weighted sum of the h_j as this step’s context. That is attention. The memory the decoder reads then grows with the input instead of being fixed, and each output step costs work proportional to T, so a whole translation costs about T × (output length) scores.',
  },
]);
