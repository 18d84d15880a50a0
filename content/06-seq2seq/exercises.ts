import { formatNumber } from '~lib/ui/format.ts';
import { modelAt } from '~components/exercises/model-at.ts';
import { challenge, chapterExercises } from '~components/exercises/schema.ts';
import { BottleneckState, bottleneckFields } from '~components/state/models/encoder-bottleneck.svelte.ts';

/** The length the first-input challenge works at, and the update-gate bias its Show me sets. */
export const longest = 32;
export const keepBias = 4;
/** How much of the last input's effect the first input must keep: Δ₁ ≥ share · Δ₃₂. */
export const share = 0.5;
/** Δ₁ and Δ_n of the widget's encoder at length n with update-gate bias b_z (other settings at their defaults). */
function effects(bz: number): { first: number; last: number } {
  const d = modelAt(() => new BottleneckState(), bottleneckFields, { n: longest, bz }).result.current.delta;
  return { first: d[0] ?? Number.NaN, last: d.at(-1) ?? Number.NaN };
}

/** Δ₁ and Δ₃₂ before (b_z = 0) and after (b_z = keepBias) the solution: the explanation's numbers. */
export const keepEffects = { before: effects(0), after: effects(keepBias) };

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
  challenge({
    id: 'seq2seq-keep-the-first',
    widget: 'encoder-bottleneck',
    title: 'Keep the first input',
    task: `At n = ${longest}, moving x₁ barely moves the context c. Change only the update gate’s bias b_z (keep n = ${longest}, H, δ and the seed) until moving x₁ moves c at least ${formatNumber(share, 1)} times as much as moving x₃₂ does: Δ₁ ≥ ${formatNumber(share, 1)} · Δ₃₂.`,
    start: { n: longest },
    solution: { n: longest, bz: keepBias },
    says: {
      keepSettings: (n: number, H: number, delta: number, seed: number) =>
        `keep n = ${n}, H = ${H}, δ = ${delta} and seed ${seed}: press Set up and change b_z alone.`,
      effects: (bz: number, first: number, last: number) =>
        `b_z = ${formatNumber(bz, 1)}: Δ₁ = ${formatNumber(first, 3)}, Δ₃₂ = ${formatNumber(last, 3)}, ratio ${formatNumber(first / last, 3)}${first >= share * last ? '.' : `; it needs ${formatNumber(share, 1)}.`}`,
    },
    check: (m, say) => {
      const d = bottleneckFields;
      if (m.n !== longest || m.hidden !== d.H.fallback() || m.d !== d.d.fallback() || m.seed !== d.seed.fallback())
        return { solved: false, detail: say.keepSettings(longest, d.H.fallback(), d.d.fallback(), d.seed.fallback()) };
      const delta = m.result.current.delta;
      const first = delta[0] ?? Number.NaN;
      const last = delta.at(-1) ?? Number.NaN;
      return { solved: first >= share * last, detail: say.effects(m.bz, first, last) };
    },
    hints: [
      'The update gate z decides, at every step, how much of the old state is copied forward and how much is overwritten.',
      'Each later step multiplies x₁’s trace in the state by about z. Over 31 steps that is z³¹: how close to 1 must z be for z³¹ to stay near ½?',
      `z = σ(b_z + …), so push b_z up: try b_z = ${keepBias}.`,
    ],
    explanation: (() => {
      const { before, after } = keepEffects;
      return `At b_z = ${keepBias} the gate stays near 1, each step mostly copies the state, and x₁ survives: Δ₁ = ${formatNumber(after.first, 3)} against ${formatNumber(before.first, 3)} at b_z = 0. The price is the other end: every input is now written with weight about 1 − z, so the last one moves c far less, Δ₃₂ = ${formatNumber(after.last, 3)} against ${formatNumber(before.last, 3)}. One vector of fixed size can keep the start or take in the end clearly, not both; attention removes the trade-off by letting the decoder read every encoder state.`;
    })(),
  }),
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
