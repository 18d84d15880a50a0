import * as v from 'valibot';
import {
  evaluate,
  greedyDecode,
  importSeq2Seq,
  type OpCall,
  type Seq2Seq,
  type Task,
  taskByName,
  traceCalls,
} from '../../src/engine/index.ts';
import { type LabTask, labTasks } from '../../src/lib/lab-protocol.ts';
import { snapshotUrl } from '../../src/lib/lab-snapshots.ts';
import { checkInput, defaultInputs } from '../../src/lib/lab-tokens.ts';
import { field } from '../../src/lib/url-state.ts';

/** A pretrained widget's link state: the reader's own input ('' for the widget's default). */
export const pretrainedFields = {
  in: field(v.pipe(v.string(), v.maxLength(120)), ''),
};

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

/**
 * A committed snapshot, live: loads it (and an optional no-attention
 * baseline), decodes an input with the engine and measures accuracy by
 * input size, one size at a time so the page never blocks for long.
 */
export class PretrainedState {
  #status = $state<'loading' | 'ready' | 'error'>('loading');
  #error = $state('');
  #main = $state.raw<LoadedSnapshot | undefined>(undefined);
  #baseline = $state.raw<LoadedSnapshot | undefined>(undefined);
  #input = $state('');
  #inputError = $state('');
  #view = $state.raw<AlignmentView | undefined>(undefined);
  #rows = $state.raw<SizeRow[]>([]);
  #generation = 0;

  get status() {
    return this.#status;
  }
  get error() {
    return this.#error;
  }
  get main() {
    return this.#main;
  }
  get baseline() {
    return this.#baseline;
  }
  get input() {
    return this.#input;
  }
  get inputError() {
    return this.#inputError;
  }
  get view() {
    return this.#view;
  }
  /** Accuracy by size measured so far (grows while the evaluation runs). */
  get rows(): readonly SizeRow[] {
    return this.#rows;
  }

  /** Fetches and loads the snapshot(s), decodes `input` (or the task's default) and starts the evaluation. */
  async load(
    options: {
      snapshot: string;
      baseline?: string;
      input?: string;
      sizes?: [number, number];
      count?: number;
      base?: string;
    },
    fetchText: (url: string) => Promise<string> = defaultFetch,
  ): Promise<void> {
    const generation = ++this.#generation;
    this.#status = 'loading';
    try {
      const get = (name: string) => fetchText(snapshotUrl(name, options.base)).then((t) => readSnapshot(name, t));
      const [main, baseline] = await Promise.all([
        get(options.snapshot),
        options.baseline ? get(options.baseline) : undefined,
      ]);
      if (generation !== this.#generation) return;
      if (baseline !== undefined && baseline.task !== main.task)
        throw new Error('the baseline was trained on another task');
      this.#main = main;
      this.#baseline = baseline;
      this.#status = 'ready';
      this.setInput(options.input ?? defaultInputs[main.task]);
      await this.#evaluate(generation, options.sizes ?? main.sizes, options.count ?? 20);
    } catch (e) {
      if (generation !== this.#generation) return;
      this.#status = 'error';
      this.#error = e instanceof Error ? e.message : String(e);
    }
  }

  /** Decodes the reader's input greedily with the snapshot. */
  setInput(text: string): void {
    this.#input = text;
    const main = this.#main;
    if (main === undefined) return;
    const r = checkInput(main.task, text, 24);
    if (!r.ok) {
      this.#inputError = r.message;
      return;
    }
    this.#inputError = '';
    const task = taskByName(main.task);
    const ids = task.source.encode(r.tokens);
    let expected: string[] = [];
    try {
      expected = task.solve(r.tokens);
    } catch {
      expected = [];
    }
    const maxLength = expected.length > 0 ? expected.length + 3 : Math.max(12, 2 * ids.length + 4);
    const { result, calls } = traceCalls(() => greedyDecode(main.model, [ids], maxLength)[0]);
    this.#view = {
      source: r.tokens,
      output: task.target.decode(result?.ids ?? []),
      expected,
      alphas: result?.alphas ?? [],
      calls,
    };
  }

  async #evaluate(generation: number, [lo, hi]: [number, number], count: number): Promise<void> {
    const main = this.#main as LoadedSnapshot;
    const task = taskByName(main.task);
    this.#rows = [];
    for (let size = lo; size <= hi; size++) {
      await new Promise((r) => setTimeout(r, 0));
      if (generation !== this.#generation) return;
      const row: SizeRow = {
        size,
        model: accuracyAt(main.model, task, size, count),
        baseline: this.#baseline === undefined ? undefined : accuracyAt(this.#baseline.model, task, size, count),
      };
      this.#rows = [...this.#rows, row];
    }
  }
}

async function defaultFetch(url: string): Promise<string> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`could not fetch ${url} (HTTP ${r.status})`);
  return r.text();
}
