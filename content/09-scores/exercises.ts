import { argmax } from '~components/exercises/answers.ts';
import { challenge, chapterExercises } from '~components/exercises/schema.ts';
import {
  defaultConcatV,
  defaultConcatW,
  defaultGeneral,
  defaultSources,
  ScoresState,
  scoreKinds,
} from '~components/state/models/score-functions.svelte.ts';

/** Where each score function puts its largest weight (0-based source position), in the widget's order. */
const favourites = (m: ScoresState) => scoreKinds.map((k) => argmax(m.result.byKind[k].alpha));
const same = (
  a: readonly (readonly number[])[] | readonly number[],
  b: readonly (readonly number[])[] | readonly number[],
) => JSON.stringify(a) === JSON.stringify(b);

export default chapterExercises('scores', [
  {
    id: 'scores-agree',
    kind: 'predict',
    title: 'Do the three scores look at the same place?',
    question:
      'Before you read the widget’s weights: with its default states and weights, do dot, general and concat give their largest weight to the same encoder state h̄ₛ?',
    answer: {
      type: 'pick',
      options: ['all three pick the same state', 'two agree, one picks another', 'each picks a different state'],
      correct: () => {
        const distinct = new Set(favourites(new ScoresState())).size;
        return distinct - 1;
      },
    },
    explanation:
      'They are three different functions of the same two vectors. Dot measures raw alignment; general first moves h̄ₛ through its own W_a, so it compares h_t with a rotated, stretched copy; concat passes both through a small tanh network and can rate pairs a dot product never would. Nothing forces them to agree, and with these weights each prefers a different state. Only training makes a score function useful, by shaping the states and weights together.',
  },
  challenge({
    id: 'scores-make-them-agree',
    widget: 'score-functions',
    title: 'Make all three agree',
    task: 'Change only the decoder state h_t (leave the encoder states and both W_a and v_a as they are) so that dot, general and concat all give their largest weight to the same encoder state.',
    start: {},
    solution: { h: [0.5, -0.5, 1] },
    says: {
      onlyH: () => 'only h_t may change: press Reset and edit the decoder state alone.',
      picks: (picks: readonly string[]) => `dot picks ${picks[0]}, general ${picks[1]}, concat ${picks[2]}.`,
    },
    check: (m, say) => {
      const s = m.snapshot();
      const untouched =
        same(s.H, defaultSources) &&
        same(s.G, defaultGeneral) &&
        same(s.C, defaultConcatW) &&
        same(s.v, defaultConcatV);
      const picks = favourites(m).map((j) => `h̄${'₁₂₃₄₅₆₇₈₉'[j] ?? j + 1}`);
      if (!untouched) return { solved: false, detail: say.onlyH() };
      return { solved: new Set(picks).size === 1, detail: say.picks(picks) };
    },
    hints: [
      'Concat is the stubborn one: find what it likes first, then steer the two others there.',
      'Concat already prefers h̄₁ = (1, 0.2, 0). Which h_t makes the dot product with h̄₁ the largest of the four, and the general score too?',
      'Try h_t = (0.5, −0.5, 1).',
    ],
    explanation:
      'With h_t = (0.5, −0.5, 1) all three put most weight on h̄₁, but by different margins: agreement on the winner is not agreement on the weights. In a trained model the encoder, decoder and score are learned together, so whichever score is used, the states end up arranged for it.',
  }),
  {
    id: 'scores-why-general',
    kind: 'open',
    title: 'Why does general need W_a at all?',
    question:
      'The dot score already compares h_t with h̄ₛ without any weights. What can the general score hᵀ_t W_a h̄ₛ do that the dot score cannot?',
    modelAnswer:
      'The dot score only works when decoder and encoder states live in the same space: same size, and the same direction meaning the same thing. W_a removes both limits. It can map encoder states of one size onto decoder states of another, and it lets the model learn which directions of h̄ₛ should match which directions of h_t, so a match need not mean "pointing the same way". With W_a = I the general score is exactly the dot score (the widget has a button for it), so general can never do worse; it costs one more matrix to learn.',
  },
]);
