import { beamSearch, forcedDecode, logSoftmax, type StepModel, seq2seqStepModel } from '~engine/index.ts';
import { beamFixes, beamTooShort } from '~lib/decoding/presets.ts';
import { decodedIds, runDecode } from '~lib/decoding/run.ts';
import { formatNumber } from '~lib/ui/format.ts';
import { challenge, chapterExercises } from '~components/exercises/schema.ts';
import type { DecodingSearchState } from '~components/state/models/decoding-search.svelte.ts';

/**
 * A two-word toy decoder for the greedy-versus-beam prediction, small enough to state in the question: the
 * next-word probabilities after each prefix (any prefix of two words ends the sentence).
 */
const toyWords = ['⟨pad⟩', '⟨sos⟩', '⟨eos⟩', 'le', 'un', 'chat', 'chien'];
export const toyNext: Record<string, Record<string, number>> = {
  '': { le: 0.5, un: 0.4, '⟨eos⟩': 0.1 },
  le: { chat: 0.4, chien: 0.35, '⟨eos⟩': 0.25 },
  un: { chat: 0.9, chien: 0.05, '⟨eos⟩': 0.05 },
};

/** The toy as the engine's StepModel: its state is the prefix so far; words it does not list get p ≈ 0. */
const toyModel: StepModel<readonly number[]> = {
  vocab: toyWords.length,
  initial: () => [],
  step: (states, previous) => {
    const next = states.map((s, r) => {
      const t = previous[r];
      return t === undefined ? s : [...s, t];
    });
    const logProbs = next.map((prefix) => {
      const row = toyNext[prefix.map((t) => toyWords[t]).join(' ')] ?? { '⟨eos⟩': 1 };
      return logSoftmax(toyWords.map((w) => Math.log(row[w] ?? 1e-12)));
    });
    return { logProbs, alphas: undefined, states: next };
  },
};

/** The toy's p(word | prefix). */
export const p = (prefix: string, word: string) => toyNext[prefix]?.[word] ?? 0;
/** A probability as the question writes it (0.2, not 0.200). */
export const plain = (x: number) => String(Number(x.toFixed(3)));
export const toyOptions = ['le chat', 'un chat', 'le chien', 'un chien'] as const;
const toyText = (prefix: string) =>
  Object.entries(toyNext[prefix] ?? {})
    .map(([w, p]) => `${w === '⟨eos⟩' ? 'stop' : w} ${p}`)
    .join(', ');

/** What greedy decoding writes with the toy (the question states it). */
export const toyGreedy = decodedIds(forcedDecode(toyModel, [], 3))
  .ids.map((t) => toyWords[t])
  .join(' ');

/** Words of a decode without ⟨eos⟩. */
const wordsOf = (m: DecodingSearchState, ids: readonly number[]) => m.task?.target.decode([...ids]) ?? [];

/** Greedy's output for the widget's input: the free-running decode with no forced prefix. */
const greedyWords = (m: DecodingSearchState) => (m.view ? wordsOf(m, decodedIds(m.view.free).ids) : []);

/** The sentences both challenges say while the widget is not yet where they can judge it. */
const readiness = {
  loading: () => 'the translator’s weights are still loading.',
  otherInput: () => 'the input is another sentence: press Set up.',
  method: (method: string, wanted: string) => `the method is ${method}; choose ${wanted}.`,
};

/** Why the widget is not yet where a challenge can judge it, or undefined when it is. */
function notReady(
  m: DecodingSearchState,
  input: string,
  method: 'beam' | 'sample',
  say: typeof readiness,
): string | undefined {
  if (m.view === undefined) return say.loading();
  if (m.input !== input) return say.otherInput();
  if (m.settings.method !== method) return say.method(m.settings.method, method);
  return undefined;
}

/** What beam search and greedy decoding wrote at α. */
const written = (alpha: number, beam: number, greedy: number) =>
  `with α = ${formatNumber(alpha, 1)} beam search writes ${beam} words, greedy decoding ${greedy}`;

export default chapterExercises('decoding', [
  {
    id: 'decoding-greedy-or-beam',
    kind: 'predict',
    title: 'What does a beam of two find?',
    question: `A toy decoder writes at most two words. First word: ${toyText('')}. After “le”: ${toyText('le')}. After “un”: ${toyText('un')}. After two words it always stops. Greedy decoding writes “${toyGreedy}”. Which sentence does beam search with width k = 2 (α = 0) return?`,
    answer: {
      type: 'choice',
      options: toyOptions,
      correct: () => {
        const best = beamSearch(toyModel, { width: 2, maxLength: 3 }).hypotheses[0];
        return (toyOptions as readonly string[]).indexOf((best?.ids ?? []).map((t) => toyWords[t]).join(' '));
      },
    },
    explanation: `Greedy takes “le” because ${p('', 'le')} beats ${p('', 'un')}, and is then stuck with a weak second step: le chat has p = ${p('', 'le')} · ${p('le', 'chat')} = ${plain(p('', 'le') * p('le', 'chat'))}. Beam search keeps “un” as the runner-up, and un chat has p = ${p('', 'un')} · ${p('un', 'chat')} = ${plain(p('', 'un') * p('un', 'chat'))}, the likeliest sentence of all. A first word that looks worse can lead to a much surer continuation; keeping a few prefixes alive is what lets the search see that.`,
  },
  challenge({
    id: 'decoding-smallest-alpha',
    widget: 'decoding-search',
    title: 'Just enough length penalty',
    task: 'On the preset “beam cuts it short”, keep beam search at width 3 and find the smallest α (in the slider’s steps of 0.1) at which beam search writes as many words as greedy decoding does.',
    start: { in: beamTooShort.input, m: 'beam', k: 3, a: 0 },
    solution: { in: beamTooShort.input, m: 'beam', k: 3, a: 0.7 },
    says: {
      ...readiness,
      width: (width: number) => `the width is ${width}; set it back to 3.`,
      lengths: (alpha: number, beam: number, greedy: number) => `${written(alpha, beam, greedy)}.`,
      justEnough: (alpha: number, beam: number, greedy: number, lower: number, below: number) =>
        `${written(alpha, beam, greedy)}; at α = ${formatNumber(lower, 1)} it would write only ${below}.`,
      lowerWorks: (alpha: number, beam: number, greedy: number, lower: number) =>
        `${written(alpha, beam, greedy)}, but α = ${formatNumber(lower, 1)} is enough too: go lower.`,
    },
    check: (m, say) => {
      const why = notReady(m, beamTooShort.input, 'beam', say);
      if (why !== undefined || m.view === undefined || m.weights === undefined)
        return { solved: false, detail: why ?? '' };
      if (m.settings.width !== 3) return { solved: false, detail: say.width(m.settings.width) };
      const greedy = greedyWords(m).length;
      const alpha = Math.round(m.settings.alpha * 10) / 10;
      const beam = m.view.run.ids.length;
      if (beam < greedy) return { solved: false, detail: say.lengths(alpha, beam, greedy) };
      if (alpha === 0) return { solved: true, detail: say.lengths(alpha, beam, greedy) };
      const lower = Math.round((alpha - 0.1) * 10) / 10;
      const model = seq2seqStepModel(m.weights.model, m.task?.source.encode(m.view.source) ?? []);
      const below = runDecode(model, { ...m.settings, alpha: lower }, m.view.maxLength).ids.length;
      const solved = below < greedy;
      return {
        solved,
        detail: solved ? say.justEnough(alpha, beam, greedy, lower, below) : say.lowerWorks(alpha, beam, greedy, lower),
      };
    },
    hints: [
      'α = 0 ranks finished sentences by raw log p, which every extra word lowers; α = 1 ranks them by log p per word.',
      'Somewhere between 0 and 1 the long sentence’s score overtakes the short one’s. Step α up by 0.1 from 0 and watch the output.',
      'The switch happens between 0.6 and 0.7.',
    ],
    explanation:
      'Dividing log p by |y|^α lets a longer sentence pay less for each of its extra words. The short output has the higher raw log p only because it has fewer terms; once α is large enough, the per-word quality of the long one wins. Where that point lies depends on the sentence, which is why systems tune α on held-out data rather than deriving it.',
  }),
  challenge({
    id: 'decoding-sample-greedily',
    widget: 'decoding-search',
    title: 'Sampling that never strays',
    task: 'On the preset “beam repairs a colour”, with sampling at temperature T = 1, change one other knob so that all five samples are exactly greedy decoding’s sentence.',
    start: { in: beamFixes.input, m: 'sample', T: 1 },
    solution: { in: beamFixes.input, m: 'sample', T: 1, tk: 1 },
    says: {
      ...readiness,
      temperature: (t: number) => `T = ${formatNumber(t, 2)}; keep it at 1.`,
      samples: (same: number, all: number) => `${same} of ${all} samples are greedy’s sentence.`,
    },
    check: (m, say) => {
      const why = notReady(m, beamFixes.input, 'sample', say);
      if (why !== undefined || m.view === undefined) return { solved: false, detail: why ?? '' };
      if (m.settings.temperature !== 1) return { solved: false, detail: say.temperature(m.settings.temperature) };
      const greedy = greedyWords(m).join(' ');
      const samples = m.view.run.samples ?? [];
      const same = samples.filter((s) => wordsOf(m, decodedIds(s).ids).join(' ') === greedy).length;
      return {
        solved: samples.length > 0 && same === samples.length,
        detail: say.samples(same, samples.length),
      };
    },
    hints: [
      'Temperature is not the only way to reshape the distribution before drawing from it.',
      'Top-k keeps only the k likeliest words at each step. How many does greedy keep?',
      'Set top-k to 1 (a top-p small enough to keep a single word works too).',
    ],
    explanation:
      'With top-k = 1 only the likeliest word survives the cut, the renormalised distribution puts all its mass on it, and every draw is the argmax: greedy decoding, whatever the seed. Lowering T alone gets there only slowly on this sentence: at “the blue flower” the model gives verte and bleue almost the same probability, and a ratio close to 1 stays close to 1 even when raised to the power 1/T, so a few seeds keep choosing bleue until T is tiny.',
  }),
  {
    id: 'decoding-exposure-bias',
    kind: 'open',
    title: 'Would more teacher forcing help?',
    question:
      'Forcing “le” as the first word sends the translator off into an invented masculine noun. Would training the same model longer, still with teacher forcing, make it return to “voiture” after a forced “le”? Why or why not?',
    modelAnswer:
      'Probably not. Teacher forcing only ever shows the decoder correct prefixes, so longer training makes it better at exactly those. A prefix that starts with “le” for a feminine noun never appears in training; what the model does there is whatever its learned language model generalises to, and a fluent language model continues “le” with a masculine noun, which is what it does. To recover from its own mistakes a model has to see prefixes that contain them during training: scheduled sampling feeds it its own predictions some of the time, and sequence-level training scores whole decoded outputs. Better decoding (beam search) reduces how often a bad prefix is chosen, but does not teach the model what to do after one.',
  },
]);
