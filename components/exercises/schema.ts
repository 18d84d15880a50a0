import type { AttentionOrderState } from '../state/models/attention-order.svelte.ts';
import type { ScalingState } from '../state/models/attention-scaling.svelte.ts';
import type { BahdanauState } from '../state/models/bahdanau.svelte.ts';
import type { CostState } from '../state/models/cost-plot.svelte.ts';
import type { DecodingSearchState } from '../state/models/decoding-search.svelte.ts';
import type { BottleneckState } from '../state/models/encoder-bottleneck.svelte.ts';
import type { GradientFlowModel } from '../state/models/gradient-flow.svelte.ts';
import type { GruState } from '../state/models/gru-cell.svelte.ts';
import type { HardAttentionState } from '../state/models/hard-attention.svelte.ts';
import type { LocalAttentionState } from '../state/models/local-attention.svelte.ts';
import type { LstmState } from '../state/models/lstm-cell.svelte.ts';
import type { MultiHeadState } from '../state/models/multi-head.svelte.ts';
import type { PositionalEncodingState } from '../state/models/positional-encoding.svelte.ts';
import type { MemoryModel } from '../state/models/rnn-memory.svelte.ts';
import type { ShapesModel } from '../state/models/rnn-shapes.svelte.ts';
import type { ScoresState } from '../state/models/score-functions.svelte.ts';
import type { SelfAttentionState } from '../state/models/self-attention.svelte.ts';
import type { SoftmaxState } from '../state/models/softmax.svelte.ts';
import type { TransformerBlockState } from '../state/models/transformer-block.svelte.ts';
import type { LabState } from '../widgets/lab/training-lab.svelte.ts';

/**
 * Exercises are data: each chapter's `content/NN-slug/exercises.ts` lists them with this schema, and the chapter
 * places each one with `<Exercise id="…" client:visible />`. Text is plain (Unicode for symbols: x₁, κ, √d);
 * every expected value that depends on weights is a function that asks the engine or the widget's own state
 * class, never a typed-in number.
 */

/** The state class behind each widget a challenge can read, by registry id. */
export interface WidgetModels {
  softmax: SoftmaxState;
  'rnn-memory': MemoryModel;
  'gradient-flow': GradientFlowModel;
  'rnn-shapes': ShapesModel;
  'gru-cell': GruState;
  'lstm-cell': LstmState;
  'encoder-bottleneck': BottleneckState;
  bahdanau: BahdanauState;
  'decoding-search': DecodingSearchState;
  'score-functions': ScoresState;
  'local-attention': LocalAttentionState;
  'hard-attention': HardAttentionState;
  'self-attention': SelfAttentionState;
  'attention-scaling': ScalingState;
  'multi-head': MultiHeadState;
  'attention-order': AttentionOrderState;
  'positional-encoding': PositionalEncodingState;
  'transformer-block': TransformerBlockState;
  'cost-plot': CostState;
  'training-lab': LabState;
}

/** A widget a challenge can read. */
export type ChallengeWidget = keyof WidgetModels;

/** The link state of widget W (what its model's snapshot() returns), any subset of its fields. */
export type WidgetState<W extends ChallengeWidget> = WidgetModels[W] extends { snapshot(): infer S }
  ? Partial<S>
  : never;

/**
 * A challenge's sentences that carry numbers from the widget, by name: each takes the values it shows and
 * formats them itself (formatNumber follows the page's language). The English file declares them with the
 * challenge; a translation supplies the same names with the same parameters, so both show the same numbers.
 */
export type Says = Record<string, (...values: never[]) => string>;

/** What a check says about the widget's current state: solved or not, and one sentence on where it stands. */
export interface Verdict {
  readonly solved: boolean;
  /** Shown under the challenge as the reader works, e.g. "c₆ = 0.12; it needs to stay above 0.86." */
  readonly detail: string;
}

interface ExerciseBase {
  /** Unique on the site; starts with the chapter's slug (`lstm-keep-x1`). Also the `data-exercise` value. */
  readonly id: string;
  /** A short name for the progress page. */
  readonly title: string;
}

/** A number, right within ± tolerance (absolute). */
export interface NumberAnswer {
  readonly type: 'number';
  /** The expected value, computed when asked (by the engine or a state class). */
  readonly value: () => number;
  readonly tolerance: number;
}

/** One of several options; `pick` is the "which weight is largest" form (options are names of weights). */
export interface ChoiceAnswer {
  readonly type: 'choice' | 'pick';
  readonly options: readonly string[];
  /** Index of the right option, computed when asked. */
  readonly correct: () => number;
}

/** Predict, then reveal: the reader commits to an answer, then sees the computed one and the explanation. */
export interface PredictExercise extends ExerciseBase {
  readonly kind: 'predict';
  readonly question: string;
  readonly answer: NumberAnswer | ChoiceAnswer;
  /** Shown after answering, right or wrong. */
  readonly explanation: string;
}

/** A task checked against a widget's live state, with hints and a solution the reader can apply. */
export interface ChallengeExercise<W extends ChallengeWidget = ChallengeWidget, S extends Says = Says>
  extends ExerciseBase {
  readonly kind: 'challenge';
  /** The widget's registry id (and link id) on the chapter page. */
  readonly widget: W;
  readonly task: string;
  /** Applied by "Set up" (and by an embed with `?challenge=`); fields left out take the widget's defaults. */
  readonly start: WidgetState<W>;
  /** Applied by "Show me", over the defaults. */
  readonly solution: WidgetState<W>;
  /** The sentences `check` words its detail with, in the exercise's language. */
  readonly says: S;
  /**
   * Reads the widget's state class (never writes it) and words the detail with `say` (the English `says` when
   * left out). A method, so a challenge with its own sentences still fits the union of all challenges.
   */
  check(model: WidgetModels[W], say?: S): Verdict;
  /** From a nudge to nearly the answer, revealed one at a time. */
  readonly hints: readonly string[];
  /** Shown once solved: why it works. */
  readonly explanation: string;
}

/** An open question: the reader thinks (or writes), then reveals a model answer. */
export interface OpenExercise extends ExerciseBase {
  readonly kind: 'open';
  readonly question: string;
  readonly modelAnswer: string;
}

/** Any challenge, with its widget type kept (so `check` stays typed). */
export type AnyChallenge = { [W in ChallengeWidget]: ChallengeExercise<W> }[ChallengeWidget];

/** Any exercise. */
export type Exercise = PredictExercise | AnyChallenge | OpenExercise;

/** What a chapter's exercises.ts exports by default; `E` keeps each exercise's id and option count (a translation's type). */
export interface ChapterExercises<E extends readonly Exercise[] = readonly Exercise[]> {
  /** The chapter's slug (its URL, `/lstm/`). */
  readonly chapter: string;
  readonly exercises: E;
}

/** What `challenge` takes: a challenge whose `check` always gets its sentences, and may leave `says` out. */
type ChallengeInput<W extends ChallengeWidget, S extends Says, Id extends string, H extends readonly string[]> = Omit<
  ChallengeExercise<W, S>,
  'kind' | 'id' | 'hints' | 'says' | 'check'
> & {
  readonly id: Id;
  readonly hints: H;
  readonly says?: S;
  readonly check: (model: WidgetModels[W], say: S) => Verdict;
};

/**
 * Declares a challenge; the generics keep check, start and solution typed by the widget's state class, and
 * keep the id, the number of hints and the sentences' names for a translation's type.
 */
export function challenge<
  W extends ChallengeWidget,
  const Id extends string,
  const H extends readonly string[],
  S extends Says = Record<never, never>,
>(c: ChallengeInput<W, S, Id, H>): ChallengeExercise<W, S> & { readonly id: Id; readonly hints: H } {
  const says = (c.says ?? {}) as S;
  return { ...c, kind: 'challenge', says, check: (model, say = says) => c.check(model, say) };
}

/** Declares a chapter's exercises; ids must start with the slug and be unique. */
export function chapterExercises<const E extends readonly Exercise[]>(
  chapter: string,
  exercises: E,
): ChapterExercises<E> {
  const seen = new Set<string>();
  for (const e of exercises) {
    if (!e.id.startsWith(`${chapter}-`)) throw new Error(`exercise ${e.id} must start with "${chapter}-"`);
    if (seen.has(e.id)) throw new Error(`exercise ${e.id} is declared twice`);
    seen.add(e.id);
  }
  return { chapter, exercises };
}
