import { formatNumber } from '~lib/ui/format.ts';
import { argmax } from '~components/exercises/answers.ts';
import { challenge, chapterExercises } from '~components/exercises/schema.ts';
import { BahdanauState } from '~components/state/models/bahdanau.svelte.ts';

/** Every decoder step's attention weights α (one row per output word). */
const alphas = (m: BahdanauState) => m.result.walk?.steps.map((s) => s.alpha) ?? [];

export default chapterExercises('bahdanau', [
  {
    id: 'bahdanau-first-focus',
    kind: 'predict',
    title: 'Where does the first step look?',
    question:
      'Before you step through the widget: at the first decoder step, which source position j gets the largest weight α₁ⱼ?',
    answer: {
      type: 'pick',
      options: ['j = 1', 'j = 2', 'j = 3', 'j = 4'],
      correct: () => argmax(alphas(new BahdanauState())[0] ?? []),
    },
    explanation:
      'The weight comes from a score e₁ⱼ = κ·v_aᵀ tanh(W_a s₀ + U_a h_j): the same small network rates every annotation h_j against the decoder’s state, and softmax turns the ratings into weights. The winner is the annotation whose U_a h_j lines up best with v_a given s₀, which is why the answer changes when you edit U_a or the embeddings.',
  },
  challenge({
    id: 'bahdanau-uniform',
    widget: 'bahdanau',
    title: 'Make attention uniform',
    task: 'Change one number so that every decoder step spreads its attention evenly: every α equal to 1/n, within 0.001, at every step.',
    start: { k: 1 },
    solution: { k: 0 },
    says: {
      noResult: () => 'the widget has no result yet.',
      spread: (kappa: number, n: number, worst: number) =>
        `κ = ${formatNumber(kappa, 2)}; the furthest any α is from 1/${n} is ${formatNumber(worst, 4)}${worst <= 0.001 ? '.' : ' (0.001 allowed).'}`,
    },
    check: (m, say) => {
      const rows = alphas(m);
      if (rows.length === 0) return { solved: false, detail: say.noResult() };
      const n = rows[0]?.length ?? 1;
      const worst = Math.max(...rows.flatMap((r) => r.map((a) => Math.abs(a - 1 / n))));
      return { solved: worst <= 0.001, detail: say.spread(m.kappa, n, worst) };
    },
    hints: [
      'Softmax gives equal weights exactly when all its inputs are equal.',
      'Every score is κ times v_aᵀ tanh(…). What can make all scores equal, whatever the tanh gives?',
      'Set κ to 0.',
    ],
    explanation:
      'With κ = 0 every score is 0, and softmax of equal scores is uniform: the context becomes the plain average of the annotations, the same at every step. Attention then carries no more information about position than a fixed summary would; growing κ sharpens the weights towards the best-scoring annotation.',
  }),
  {
    id: 'bahdanau-why-previous-state',
    kind: 'open',
    title: 'Why s_{i−1} and not s_i?',
    question:
      'The scores use the decoder’s previous state s_{i−1}, not the state s_i it is about to produce. Why must it be that way round?',
    modelAnswer:
      'The context cᵢ is an input to the step that computes sᵢ: sᵢ = f(s_{i−1}, y_{i−1}, cᵢ). To compute cᵢ the model needs the weights αᵢⱼ, so the scores can only use what exists before the step, which is s_{i−1} (what the decoder has said so far). Using sᵢ would make the computation circular. Luong’s later variant reverses the order: it computes hᵢ first and attends with it, then combines the context afterwards.',
  },
]);
