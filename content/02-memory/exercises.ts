import { chapterExercises } from '../../src/lib/exercises/schema.ts';

export default chapterExercises('memory', [
  {
    id: 'memory-same-input',
    kind: 'predict',
    title: 'Same word, same output?',
    question:
      'A recurrent network reads “I saw a saw”. The two “saw” tokens are the same input vector. Are the hidden states after them equal?',
    answer: {
      type: 'choice',
      options: [
        'Yes: the same input gives the same state',
        'No: the state also depends on what came before',
        'Only if the weights are all equal to one',
      ],
      // Whatever the weights, h₂ and h₄ differ in general: h₄ folds in h₃, which saw “a”; a fact of the wiring.
      correct: () => 1,
    },
    explanation:
      'h_t = tanh(W_xh x_t + W_hh h_{t−1} + b): the input is the same at steps 2 and 4, but h_{t−1} is not, because by step 4 the state has also read “a”. That dependence on the past is the memory, and it is what lets the network tell the verb from the noun.',
  },
  {
    id: 'memory-powers',
    kind: 'open',
    title: 'Where does the gradient go?',
    question:
      'In a plain recurrent network with a scalar state, the gradient of h_T with respect to h_1 is a product of T − 1 factors w · tanh′(…). What happens to it for T = 50 when |w| = 0.9, and when |w| = 1.5?',
    modelAnswer:
      'Each factor has magnitude at most |w|, since tanh′ ≤ 1. With |w| = 0.9 the product is at most 0.9⁴⁹ ≈ 0.006 and usually far smaller, because tanh′ is below 1 wherever the unit is not at 0: the gradient vanishes, and step 1 barely influences learning at step 50. With |w| = 1.5 the bound is 1.5⁴⁹ ≈ 4 × 10⁸: if the units stay in tanh’s linear range the gradient explodes (clipping is the usual remedy); if they saturate, tanh′ drags it back towards 0.',
  },
  {
    id: 'memory-bidirectional',
    kind: 'open',
    title: 'When can you not read backwards?',
    question:
      'A bidirectional network reads the sequence both ways and joins the two states at each position. Name a task where that helps and one where it is not allowed.',
    modelAnswer:
      'It helps wherever the whole input is available before any output is needed: tagging each word of a sentence (a word’s role often depends on what follows), or encoding a source sentence for translation. It is not allowed when the model must predict the next element as the sequence arrives, as in language modelling or live speech recognition: the backward pass would read the future it is asked to predict.',
  },
]);
