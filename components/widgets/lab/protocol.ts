/**
 * The training lab's messages between the page and its Web Worker. Both
 * directions are valibot schemas: whichever side receives a message parses
 * it first and ignores (with a console warning) anything malformed, so a
 * stray postMessage can never put the trainer or the page in a bad state.
 */
import * as v from 'valibot';
import { decodeSettingsSchema } from '~lib/decoding/run.ts';

/** The tasks the lab trains on (engine `taskByName`). */
export const labTasks = ['reverse', 'copy', 'dates', 'translate'] as const;
/** How the decoder reads the source (engine `AttentionKind`); 'transformer' replaces the recurrent model altogether. */
export const labAttentions = ['bahdanau', 'luong-dot', 'luong-general', 'luong-concat', 'none', 'transformer'] as const;
/** Where the worker runs the ops. */
export const labBackends = ['cpu', 'webgl2'] as const;

/** One lab task name. */
export type LabTask = (typeof labTasks)[number];
/** One attention kind. */
export type LabAttention = (typeof labAttentions)[number];
/** One backend name. */
export type LabBackend = (typeof labBackends)[number];

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const finite = v.pipe(v.number(), v.finite());

/** Everything that defines a run (the reader's controls). */
export const settingsSchema = v.object({
  task: v.picklist(labTasks),
  attention: v.picklist(labAttentions),
  embed: int(2, 64),
  hidden: int(2, 64),
  minLen: int(1, 16),
  maxLen: int(1, 16),
  lr: v.pipe(v.number(), v.finite(), v.minValue(1e-5), v.maxValue(1)),
  batch: int(1, 128),
  seed: int(0, 1_000_000),
  /** Train the twin with the other attention choice (none ↔ the chosen kind) in alternating steps. */
  compare: v.boolean(),
  /** Stop by itself at this step (0: never). */
  stopAt: int(0, 100_000),
});

/** The lab's settings. */
export type LabSettings = v.InferOutput<typeof settingsSchema>;

/** One decoded sequence with its alignment (α rows per output token). */
export const decodedSchema = v.object({
  tokens: v.array(v.string()),
  alphas: v.array(v.array(finite)),
  logProb: v.number(),
});

/** A decoded sequence. */
export type LabDecoded = v.InferOutput<typeof decodedSchema>;

/** The decoding controls the lab shares with the decoding chapter (decoding-run.ts). */
export const labDecodeSettingsSchema = v.object(decodeSettingsSchema);

/** One candidate of the lab's beam tree (engine BeamNode without its α row). */
export const treeNodeSchema = v.object({
  id: v.pipe(v.number(), v.integer(), v.minValue(0)),
  parent: v.pipe(v.number(), v.integer(), v.minValue(-1)),
  step: v.pipe(v.number(), v.integer(), v.minValue(0)),
  token: v.pipe(v.number(), v.integer(), v.minValue(0)),
  stepLogProb: v.number(),
  logProb: v.number(),
  score: v.number(),
  status: v.picklist(['kept', 'finished', 'pruned', 'dropped']),
});

/**
 * The reader's decoding method applied to the input: the chosen output, Σ log p and perplexity, and what the
 * method adds (beam: the search tree, its target words and the chosen node; sampling: every seeded draw).
 */
export const chosenSchema = v.object({
  /** The settings it ran with (the page's may have moved on since). */
  settings: labDecodeSettingsSchema,
  method: v.picklist(['greedy', 'beam', 'sample']),
  tokens: v.array(v.string()),
  alphas: v.array(v.array(finite)),
  logProb: v.number(),
  perplexity: v.number(),
  beam: v.nullable(
    v.object({
      tree: v.array(treeNodeSchema),
      steps: v.pipe(v.number(), v.integer(), v.minValue(0)),
      best: v.pipe(v.number(), v.integer(), v.minValue(0)),
      /** The target vocabulary the tree's token ids index. */
      words: v.array(v.string()),
    }),
  ),
  samples: v.nullable(v.array(v.object({ seed: v.number(), tokens: v.array(v.string()), logProb: v.number() }))),
});

/** The reader's decoding run, as the worker sends it. */
export type LabChosen = v.InferOutput<typeof chosenSchema>;

const accuracySchema = v.object({ token: finite, sequence: finite, count: v.number() });

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const fraction = v.pipe(finite, v.minValue(0), v.maxValue(1));

/** Accuracy of one model overall, by input size and by output position. */
export const evaluationSchema = v.object({
  overall: accuracySchema,
  bySize: v.array(v.object({ size: v.number(), accuracy: accuracySchema })),
  /** Entry k: token accuracy at output position k + 1, over the examples whose answer reaches it. */
  byPosition: v.array(v.object({ right: count, count, accuracy: fraction })),
});

/** One model's evaluation. */
export type LabEvaluation = v.InferOutput<typeof evaluationSchema>;

/** Page → worker. */
export const toWorkerSchema = v.variant('type', [
  /** The page's language (a BCP 47 tag), so the worker's own words (renderer, why WebGL2 is off) match it. */
  v.object({ type: v.literal('language'), tag: v.pipe(v.string(), v.maxLength(35)) }),
  v.object({ type: v.literal('configure'), settings: settingsSchema }),
  v.object({ type: v.literal('start') }),
  v.object({ type: v.literal('pause') }),
  v.object({ type: v.literal('step') }),
  v.object({ type: v.literal('reset') }),
  v.object({ type: v.literal('backend'), backend: v.picklist(labBackends) }),
  v.object({
    type: v.literal('decode'),
    /** The reader's input, already split into tokens. */
    source: v.pipe(v.array(v.string()), v.maxLength(64)),
    /** How to decode it besides greedily (the decoding chapter's controls). */
    settings: labDecodeSettingsSchema,
    /**
     * The page already shows this decode, from an answer decoded ahead at this step: the worker takes the request
     * (and decodes it again as it trains) but does not send the same answer back unless its step has moved on.
     */
    shownAt: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
  /** Search for an input where greedy decoding and beam search (this width and α) differ. */
  v.object({ type: v.literal('find-disagreement'), settings: labDecodeSettingsSchema }),
  v.object({ type: v.literal('export'), id: v.number() }),
  v.object({ type: v.literal('import'), text: v.string(), origin: v.string() }),
]);

/** A message to the worker. */
export type ToWorker = v.InferOutput<typeof toWorkerSchema>;

/** Worker → page. */
export const fromWorkerSchema = v.variant('type', [
  v.object({
    type: v.literal('backend'),
    /** The backend the ops run on now. */
    backend: v.picklist(labBackends),
    /**
     * The reader's choice as the worker keeps it: WebGL2 while its context is
     * lost (ops run on the CPU until it comes back), CPU once WebGL2 cannot work here at all.
     */
    requested: v.picklist(labBackends),
    renderer: v.string(),
    /** Why WebGL2 is not in use when it was asked for ('' otherwise). */
    unavailable: v.string(),
  }),
  v.object({
    type: v.literal('progress'),
    /** Steps the weights have been trained for in all, counting those done before they were loaded. */
    step: v.number(),
    /** Steps done before the weights were loaded (a weights file's `meta.steps`; 0 for fresh weights). */
    trainedBefore: v.pipe(v.number(), v.integer(), v.minValue(0)),
    running: v.boolean(),
    /** Losses of the steps since the last progress message, in order. */
    losses: v.array(v.number()),
    twinLosses: v.array(v.number()),
    stepsPerSecond: finite,
    paramCount: v.number(),
    twinAttention: v.nullable(v.picklist(labAttentions)),
  }),
  v.object({
    type: v.literal('evaluation'),
    step: v.number(),
    model: evaluationSchema,
    twin: v.nullable(evaluationSchema),
    /** Seconds the model has spent in its training steps here (evaluations and the twin's steps excluded). */
    seconds: finite,
    /** The same for the twin, when comparing. */
    twinSeconds: v.nullable(finite),
  }),
  v.object({
    type: v.literal('decoded'),
    step: v.number(),
    source: v.array(v.string()),
    expected: v.array(v.string()),
    greedy: decodedSchema,
    chosen: chosenSchema,
    /** The twin's greedy output, when comparing. */
    twin: v.nullable(decodedSchema),
  }),
  /**
   * The reader's input decoded with other settings (widthsBeside: the beam widths beside the one asked for) at the
   * same step, while the worker was idle: the page shows it at once if the reader goes there.
   */
  v.object({
    type: v.literal('decoded-ahead'),
    step: v.number(),
    source: v.array(v.string()),
    chosen: chosenSchema,
  }),
  v.object({
    type: v.literal('disagreement'),
    /** The first input found where greedy and beam differ, or null when none of the tried ones did. */
    source: v.nullable(v.array(v.string())),
    size: v.number(),
    tried: v.number(),
  }),
  v.object({ type: v.literal('exported'), id: v.number(), text: v.string() }),
  v.object({
    type: v.literal('imported'),
    origin: v.string(),
    settings: settingsSchema,
    meta: v.record(v.string(), v.unknown()),
  }),
  v.object({ type: v.literal('error'), message: v.string() }),
]);

/** A message from the worker. */
export type FromWorker = v.InferOutput<typeof fromWorkerSchema>;

/** Parses `data` with `schema`; on failure warns once on the console and returns undefined. */
export function parseMessage<T>(schema: v.GenericSchema<unknown, T>, data: unknown, side: string): T | undefined {
  const r = v.safeParse(schema, data);
  if (r.success) return r.output;
  const issue = r.issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
  console.warn(
    `training lab ${side}: ignored a malformed message (${path ? `${path}: ` : ''}${issue?.message ?? '?'})`,
  );
  return undefined;
}
