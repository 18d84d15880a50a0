import { formatNumber } from '~lib/ui/format.ts';
import { modelAt } from '~components/exercises/model-at.ts';
import { challenge, chapterExercises } from '~components/exercises/schema.ts';
import { workedExample } from '~components/state/models/rnn-memory.compute.ts';
import { MemoryModel, memoryFields } from '~components/state/models/rnn-memory.svelte.ts';

/** The worked example the widget starts from (inputs [1, 1], [1, 1], [2, 2]; every weight 1). */
const example = workedExample();
/** The blind-spot challenge's solution: memory weights whose rows sum to 0, so W_hh [2, 2] = 0. */
export const blindSpot = [
  [1, -1],
  [-1, 1],
];

/** A vector as the page writes it: [4, 4]. */
export const vec = (x: readonly number[]) => `[${x.map((v) => formatNumber(v, 2).replace(/\.00$/, '')).join(', ')}]`;
/** The outputs y₁, y₂, y₃ of the worked example with the blind-spot solution's W_hh. */
export const blindSpotOutputs = modelAt(() => new MemoryModel(), memoryFields, { Wh: blindSpot }).result.steps.map(
  (st) => st.y.toArray(),
);

/** The same matrix, entry by entry. */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

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
  challenge({
    id: 'memory-blind-spot',
    widget: 'rnn-memory',
    title: 'A memory with a blind spot',
    task: 'Keep the worked example (Elman, identity activation, its inputs, W_ih, W_y and biases) and change only W_hh, without setting it all to zero, so that the repeated input [1, 1] gives the same output at step 2 as at step 1.',
    start: {},
    solution: { Wh: blindSpot },
    says: {
      onlyWhh: () => 'only W_hh may change: press the widget’s Reset and edit W_hh alone.',
      allZero: () => 'W_hh is all zeros: that forgets everything. Find a W_hh that is not zero.',
      notComputed: () => 'the network has not computed yet.',
      outputs: (y1: readonly number[], y2: readonly number[], solved: boolean) =>
        `y₁ = ${vec(y1)}, y₂ = ${vec(y2)}${solved ? '.' : '; they must be equal.'}`,
    },
    check: (m, say) => {
      const s = m.settings;
      const kept =
        s.variant === example.variant &&
        s.activation === example.activation &&
        same(s.inputs, example.inputs) &&
        same(s.W_ih, example.W_ih) &&
        same(s.W_y, example.W_y) &&
        same(s.b_h, example.b_h) &&
        same(s.b_y, example.b_y);
      if (!kept) return { solved: false, detail: say.onlyWhh() };
      if (s.W_hh.every((row) => row.every((w) => w === 0))) return { solved: false, detail: say.allZero() };
      const [y1, y2] = m.result.steps.map((st) => st.y.toArray());
      if (y1 === undefined || y2 === undefined) return { solved: false, detail: say.notComputed() };
      const gap = Math.max(...y1.map((v, i) => Math.abs(v - (y2[i] ?? Number.NaN))));
      const solved = gap <= 1e-6;
      return { solved, detail: say.outputs(y1, y2, solved) };
    },
    hints: [
      'y₂ differs from y₁ only by what the memory adds at step 2: W_hh h₁, passed through W_y.',
      'h₁ = [2, 2]. You need W_hh [2, 2] = [0, 0] with W_hh not zero: what must each row of W_hh add up to?',
      `Make each row sum to 0, for instance W_hh = ${vec(blindSpot[0] ?? [])}, ${vec(blindSpot[1] ?? [])} as rows.`,
    ],
    explanation: `With rows that sum to 0, W_hh sends [2, 2] to [0, 0]: the network still has a memory, but the state it is in after step 1 lies in the memory’s blind spot (its null space), so step 2 sees nothing of it and the outputs are ${blindSpotOutputs.map(vec).join(', ')}. A state with unequal units, [1, −1] say, would come back doubled instead. A memory matrix does not remember or forget as a whole; it keeps some directions of the state and drops others, and training chooses which.`,
  }),
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
