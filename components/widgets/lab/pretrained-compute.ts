/**
 * The computing half of a pretrained widget (no Svelte, so a worker can import it): reading snapshot
 * files, greedy decoding with alignments, accuracy by size.
 */
import {
  evaluate,
  greedyDecode,
  importSeq2Seq,
  type OpCall,
  type Seq2Seq,
  type Task,
  taskByName,
  traceCalls,
} from '~engine/index.ts';
import { type LabTask, labTasks } from './protocol.ts';

/** A loaded weights file: the model, its task and its meta. */
export interface LoadedSnapshot {
  readonly name: string;
  readonly model: Seq2Seq;
  readonly task: LabTask;
  readonly meta: Record<string, unknown>;
  /** The sizes it was trained on, [lo, hi]. */
  readonly sizes: [number, number];
}

/** Reads a snapshot's text into a model and its training facts (throws a StateDictError on a bad file). */
export function readSnapshot(name: string, text: string): LoadedSnapshot {
  const { model, meta } = importSeq2Seq(text);
  const trainer = (meta.trainer ?? {}) as { task?: unknown; sizes?: unknown };
  const task = labTasks.find((t) => t === trainer.task);
  if (task === undefined) throw new Error(`${name} does not say which task it was trained on`);
  const s = trainer.sizes;
  const sizes: [number, number] =
    typeof s === 'number' ? [s, s] : Array.isArray(s) ? [Number(s[0]), Number(s[1])] : [1, 1];
  return { name, model, task, meta, sizes };
}

/** What a pretrained widget says about its snapshots (their names, task, training and attention kinds). */
export interface SnapshotFacts {
  readonly name: string;
  readonly task: LabTask;
  /** Its `meta.steps`, or '?' when the file does not say. */
  readonly steps: string;
  /** Its `meta.about`, or the task's name. */
  readonly about: string;
  readonly attention: Seq2Seq['config']['attention'];
  /** The baseline's attention kind, when there is a baseline. */
  readonly baselineAttention: Seq2Seq['config']['attention'] | undefined;
}

/** The facts a pretrained widget shows of `main` and its optional baseline. */
export function snapshotFacts(main: LoadedSnapshot, baseline: LoadedSnapshot | undefined): SnapshotFacts {
  return {
    name: main.name,
    task: main.task,
    steps: String(main.meta.steps ?? '?'),
    about: String(main.meta.about ?? main.task),
    attention: main.model.config.attention,
    baselineAttention: baseline?.model.config.attention,
  };
}

/** One row of accuracy by input size: the snapshot's and (optionally) the baseline's exact-sequence accuracy. */
export interface SizeRow {
  readonly size: number;
  readonly model: number;
  readonly baseline: number | undefined;
}

/** Evaluation examples for the by-size curve come from this seed (independent of training). */
export const PRETRAINED_EVAL_SEED = 4242;

/** Exact-sequence accuracy of `model` on `count` fresh examples of one size. */
export function accuracyAt(model: Seq2Seq, task: Task, size: number, count: number): number {
  return evaluate(model, task, { sizes: [size], count, seed: PRETRAINED_EVAL_SEED + size }).overall.sequence;
}

/** The decoded reader's input with its alignment. */
export interface AlignmentView {
  readonly source: string[];
  readonly output: string[];
  readonly expected: string[];
  readonly alphas: number[][];
  readonly calls: OpCall[];
}

/** Greedy decoding of the reader's (checked) tokens with a snapshot, with its alignment and the ops it ran. */
export function decodeView(main: LoadedSnapshot, tokens: string[]): AlignmentView {
  const task = taskByName(main.task);
  const ids = task.source.encode(tokens);
  let expected: string[] = [];
  try {
    expected = task.solve(tokens);
  } catch {
    expected = [];
  }
  const maxLength = expected.length > 0 ? expected.length + 3 : Math.max(12, 2 * ids.length + 4);
  const { result, calls } = traceCalls(() => greedyDecode(main.model, [ids], maxLength)[0]);
  return {
    source: tokens,
    output: task.target.decode(result?.ids ?? []),
    expected,
    alphas: result?.alphas ?? [],
    calls,
  };
}

/** A snapshot file as fetched: its name and text. */
export interface SnapshotText {
  readonly name: string;
  readonly text: string;
}

/**
 * Where a pretrained widget's decoding and evaluation run: in a worker in the
 * browser (a decode takes tens of milliseconds, the evaluation seconds; the
 * page must not wait for them), or inline where there is no Worker (Node tests).
 */
export interface PretrainedCompute {
  /** Reads the snapshot (and baseline) on the computing side; later calls use them. */
  load(main: SnapshotText, baseline: SnapshotText | undefined): Promise<void>;
  /** decodeView with the loaded snapshot. */
  decode(tokens: string[]): Promise<AlignmentView>;
  /** One row of accuracy by size with the loaded snapshot(s). */
  row(size: number, count: number): Promise<SizeRow>;
  /** Stops the worker, if any. */
  close(): void;
}

/** The snapshots a compute side has read. */
export interface LoadedPair {
  main: LoadedSnapshot;
  baseline: LoadedSnapshot | undefined;
}

/** The work behind each request, shared by the inline compute and the worker. */
export const pretrainedWork = {
  load: (main: SnapshotText, baseline: SnapshotText | undefined): LoadedPair => ({
    main: readSnapshot(main.name, main.text),
    baseline: baseline === undefined ? undefined : readSnapshot(baseline.name, baseline.text),
  }),
  row: (pair: LoadedPair, size: number, count: number): SizeRow => {
    const task = taskByName(pair.main.task);
    return {
      size,
      model: accuracyAt(pair.main.model, task, size, count),
      baseline: pair.baseline === undefined ? undefined : accuracyAt(pair.baseline.model, task, size, count),
    };
  },
};

/** Computes on the calling thread (where no Worker exists). */
export function inlineCompute(): PretrainedCompute {
  let pair: LoadedPair | undefined;
  const loaded = (): LoadedPair => {
    if (pair === undefined) throw new Error('no snapshot loaded');
    return pair;
  };
  return {
    load: async (main, baseline) => {
      pair = pretrainedWork.load(main, baseline);
    },
    decode: async (tokens) => decodeView(loaded().main, tokens),
    // One size per task, as the evaluation always ran: the page stays responsive between sizes.
    row: async (size, count) => {
      await new Promise((r) => setTimeout(r, 0));
      return pretrainedWork.row(loaded(), size, count);
    },
    close: () => {},
  };
}
