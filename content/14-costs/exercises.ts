import { challenge, chapterExercises } from '~components/exercises/schema.ts';
import { layerCost } from '~components/state/models/cost-plot.svelte.ts';

/** The smallest length n at which self-attention costs at least as much as the recurrent layer, for width d. */
function crossover(d: number): number {
  let n = 1;
  while (layerCost('sa', n, d, 3) < layerCost('rnn', n, d, 3)) n++;
  return n;
}

export default chapterExercises('costs', [
  {
    id: 'costs-crossover',
    kind: 'predict',
    title: 'Where the curves cross',
    question:
      'With width d = 512, from which sequence length n on does a self-attention layer (n²·d) cost at least as much as a recurrent layer (n·d²)?',
    answer: { type: 'number', value: () => crossover(512), tolerance: 0 },
    explanation:
      'n²·d ≥ n·d² exactly when n ≥ d. Below the model width self-attention is the cheaper layer, above it the quadratic term wins: sentences of a few dozen tokens are far below 512, whole books far above.',
  },
  challenge({
    id: 'costs-cheaper-attention',
    widget: 'cost-plot',
    title: 'Make attention the cheaper layer',
    task: 'Keep d = 512, count as table 1 does (projections left out), and change the sequence length n so that self-attention costs less than the recurrent layer.',
    start: { d: 512, n: 1024, p: false },
    solution: { d: 512, n: 256, p: false },
    says: {
      width: (d: number) => `d = ${d}; set it back to 512.`,
      projections: () =>
        'with the projections counted, self-attention costs more at every n; untick them to count as table 1.',
      costs: (n: number, sa: number, rnn: number) =>
        `at n = ${n}, self-attention costs ${sa.toExponential(2)} and the recurrent layer ${rnn.toExponential(2)}.`,
    },
    check: (m, say) => {
      const { d, n, k, p } = m.snapshot();
      if (d !== 512) return { solved: false, detail: say.width(d) };
      if (p) return { solved: false, detail: say.projections() };
      const sa = layerCost('sa', n, d, k);
      const rnn = layerCost('rnn', n, d, k);
      return { solved: sa < rnn, detail: say.costs(n, sa, rnn) };
    },
    hints: [
      'Compare n²·d with n·d²: divide both by n·d.',
      'Self-attention is cheaper exactly when n < d.',
      'Any n below 512 will do, for example 256.',
    ],
    explanation:
      'Dividing both costs by n·d leaves n against d. Self-attention pays for every pair of positions, the recurrent layer for a d × d matrix at every step; with n < d the pairs are the cheaper bill. Its other advantage, that all positions are computed at once instead of one after another, holds at every length.',
  }),
  {
    id: 'costs-sequential',
    kind: 'open',
    title: 'Operations are not the whole cost',
    question:
      'At n = 100 and d = 512 a recurrent layer needs fewer operations than at n = 1000, yet on a GPU a self-attention layer over 100 tokens usually finishes sooner than the recurrent one. Why?',
    modelAnswer:
      'A recurrent layer must compute its n steps one after another: step t needs h_{t−1}. Each step is a small matrix-vector product that leaves most of a GPU idle, and the n steps cannot overlap, so the time grows with n however many cores there are. Self-attention has no such chain: all n² scores are one matrix product and all outputs another, which a GPU runs in parallel. Its path between any two positions is also one step long instead of up to n, which helps learning as well as speed.',
  },
]);
