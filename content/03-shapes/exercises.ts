import { chapterExercises } from '~components/exercises/schema.ts';

export default chapterExercises('shapes', [
  {
    id: 'shapes-sentiment',
    kind: 'predict',
    title: 'Which wiring for sentiment?',
    question: 'A model reads a product review and answers “positive” or “negative”. Which of the four wirings is it?',
    answer: {
      type: 'choice',
      options: ['N to N', 'N to 1', '1 to N', 'N to M'],
      // A property of the task, not of any weights: many inputs, one output.
      correct: () => 1,
    },
    explanation:
      'The whole review goes in, one step per word, and only the state after the last word is read out: N to 1. Tagging every word would be N to N, writing a caption for one image 1 to N, and translating the review N to M.',
  },
  {
    id: 'shapes-same-weights',
    kind: 'open',
    title: 'One cell, every length',
    question:
      'The same recurrent cell handles a sequence of 3 steps and one of 300 without any new weights. What makes that possible, and what is the price?',
    modelAnswer:
      'The cell applies the same W_xh, W_hh and b at every step, so the number of parameters does not depend on the length: the sequence is processed by a loop, not by a wider network. The price is that everything the network knows about the past must pass through the fixed-size state h, one step at a time, and that the steps cannot run in parallel.',
  },
  {
    id: 'shapes-teacher-forcing',
    kind: 'open',
    title: 'What does the decoder read during training?',
    question:
      'In the N to M wiring the decoder feeds its own previous output back in. During training, when its early outputs are still wrong, what is it usually fed instead, and what problem can that cause later?',
    modelAnswer:
      'It is usually fed the correct previous target word (teacher forcing), so that one early mistake does not derail the rest of the training sequence and every step gets a useful gradient. The catch is that at test time it must read its own outputs, which it never did in training: a mistake puts it in states it has not learned to recover from (exposure bias). Scheduled sampling, which mixes in the model’s own outputs during training, is one remedy.',
  },
]);
