import { countParams, trainerModelConfig } from '~engine/index.ts';
import { challenge, chapterExercises } from '~components/exercises/schema.ts';
import { trainerConfig, twinAttention } from '~components/widgets/lab/config.ts';
import { defaultSettings } from '~components/widgets/lab/training-lab.svelte.ts';

/** The share of evaluation sequences the trained model must get exactly right. */
export const targetAccuracy = 0.95;

/** Parameters of the lab's default model and of its twin, counted from the shapes the engine builds. */
function defaultCounts(): { model: number; twin: number } {
  const count = (attention: typeof defaultSettings.attention) =>
    countParams(trainerModelConfig(trainerConfig(defaultSettings, attention)));
  return { model: count(defaultSettings.attention), twin: count(twinAttention(defaultSettings.attention)) };
}

/** The default model's and its twin's parameter counts (the attention-cost prediction's numbers). */
export const attentionCounts = defaultCounts();

const sizeOptions = [
  'fewer than its twin',
  'less than 10 % more than its twin',
  'between 10 % and 50 % more',
  'more than 50 % more',
] as const;

const percent = (x: number) => `${Math.round(100 * x)} %`;

export default chapterExercises('lab', [
  challenge({
    id: 'lab-reach-95',
    widget: 'training-lab',
    title: 'Train it to 95 %',
    task: `The lab is set up to reverse 4 to 10 digits with a learning rate of 0.5. Keep the task and the lengths, change what you need, and train until the latest evaluation gets at least ${percent(targetAccuracy)} of its sequences exactly right.`,
    start: { lr: 0.5 },
    solution: { lr: 0.01, cmp: false },
    says: {
      taskChanged: (minLen: number, maxLen: number) =>
        `the task must stay reversal of ${minLen} to ${maxLen} digits: press Set up.`,
      notTrained: () => 'no evaluation of trained weights yet: press Start training.',
      accuracy: (step: number, sequence: number, lr: number) =>
        `at step ${step}, ${percent(sequence)} of the evaluation sequences are exactly right (learning rate ${lr}${sequence >= targetAccuracy ? '' : `; ${percent(targetAccuracy)} needed`}).`,
    },
    check: (m, say) => {
      const s = m.settings;
      if (s.task !== defaultSettings.task || s.minLen !== defaultSettings.minLen || s.maxLen !== defaultSettings.maxLen)
        return { solved: false, detail: say.taskChanged(defaultSettings.minLen, defaultSettings.maxLen) };
      const latest = m.latest;
      if (latest === undefined || latest.step === 0) return { solved: false, detail: say.notTrained() };
      const sequence = latest.model.overall.sequence;
      return { solved: sequence >= targetAccuracy, detail: say.accuracy(latest.step, sequence, s.lr) };
    },
    hints: [
      'Press Start and watch the loss and the accuracy for a minute. Do they move the way the chapter describes for the defaults?',
      'Adam’s step per weight is about the learning rate itself, so 0.5 moves every weight by up to half a unit each step, far more than weights of this size can take.',
      'Set the learning rate back to 0.01 and train; unticking the twin about halves the time per step.',
    ],
    explanation:
      'At 0.5 every Adam step is as large as the weights themselves, the model never settles into a solution, and the accuracy stays at 0. At 0.01 the attention model learns the reversal within a few hundred steps: the loss falls first, and the exact-sequence accuracy follows once most tokens are right, because a sequence counts only when every digit is. The curve can dip on the way, since each evaluation is a fresh judgement of the current weights.',
  }),
  {
    id: 'lab-attention-cost',
    kind: 'predict',
    title: 'What attention costs',
    question:
      'The default model (Bahdanau attention) and its twin without attention share embeddings, encoder and decoder sizes. How many more parameters does the attention model have?',
    answer: {
      type: 'choice',
      options: sizeOptions,
      correct: () => {
        const { model, twin } = attentionCounts;
        const extra = model / twin - 1;
        if (extra < 0) return 0;
        return extra < 0.1 ? 1 : extra < 0.5 ? 2 : 3;
      },
    },
    explanation: (() => {
      const { model, twin } = attentionCounts;
      return `${model.toLocaleString('en')} against ${twin.toLocaleString('en')}: the scoring network adds ${(model - twin).toLocaleString('en')} parameters, ${percent(model / twin - 1)} more. Attention wins the comparison by what it lets the decoder read at each step, not by having more weights to fit with.`;
    })(),
  },
  {
    id: 'lab-length',
    kind: 'open',
    title: 'Why length hurts only the twin',
    question:
      'In “accuracy by input length”, the attention model climbs at every length while the twin gets short inputs right and stays near zero on long ones. Why does the length matter so much more to the twin?',
    modelAnswer:
      'The twin’s decoder sees the input only through the encoder’s final states, one fixed-size vector. Every digit has to be packed into it and unpacked in reverse order, and the more digits there are, the more they compete for the same few numbers, so long inputs fail first. The attention model reads the encoder’s state at every input position again at each output step: to write the k-th output it looks up the one digit it needs, and that look-up is as short for 10 digits as for 4. Its gradients reach each input position the same way, directly, instead of through a long chain of recurrent steps.',
  },
]);
