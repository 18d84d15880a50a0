import * as v from 'valibot';
import { m } from '~lib/i18n/messages.ts';
import { field } from '~lib/url/state.ts';
import {
  type AlignmentView,
  decodeView,
  inlineCompute,
  type LoadedSnapshot,
  type PretrainedCompute,
  readSnapshot,
  type SizeRow,
  type SnapshotFacts,
  snapshotFacts,
} from './pretrained-compute.ts';
import { startPretrainedWorker } from './pretrained-worker-port.ts';
import { snapshotUrl } from './snapshots.ts';
import { checkInput, defaultInputs } from './tokens.ts';

export {
  type AlignmentView,
  accuracyAt,
  type LoadedSnapshot,
  PRETRAINED_EVAL_SEED,
  readSnapshot,
  type SizeRow,
  type SnapshotFacts,
  snapshotFacts,
} from './pretrained-compute.ts';

/** A pretrained widget's link state: the reader's own input ('' for the widget's default). */
export const pretrainedFields = {
  in: field(v.pipe(v.string(), v.maxLength(120)), ''),
};

/** What the build shows of a pretrained widget before the browser has decoded (build-seed.ts). */
export interface PretrainedSeed {
  readonly facts: SnapshotFacts;
  readonly input: string;
  readonly view: AlignmentView | undefined;
}

/**
 * The build's decode of `input` (or the task's default) with the snapshot, as PretrainedState.load shows it,
 * without its op calls: their times are the build machine's, and the badge says what ran in this browser.
 */
export function pretrainedSeed(
  main: LoadedSnapshot,
  baseline: LoadedSnapshot | undefined,
  input?: string,
): PretrainedSeed {
  const text = input ?? defaultInputs[main.task];
  const r = checkInput(main.task, text, 24);
  const view = r.ok ? { ...decodeView(main, r.tokens), calls: [] } : undefined;
  return { facts: snapshotFacts(main, baseline), input: text, view };
}

/**
 * A committed snapshot, live: loads it (and an optional no-attention
 * baseline), decodes an input with the engine and measures accuracy by
 * input size, one size at a time. In the browser the decoding and the
 * evaluation run in a worker, so typing never waits for them.
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
  /** Counts decode requests: only the latest one's answer is shown. */
  #decodes = 0;
  #pending = $state(false);
  /** An input given while the weights were still loading: load decodes it instead of its own. */
  #early: string | undefined;
  #compute: PretrainedCompute | undefined;
  readonly #makeCompute: () => PretrainedCompute;

  /** `makeCompute` chooses where decoding runs (default: a worker where there is one, else inline). */
  constructor(makeCompute?: () => PretrainedCompute) {
    this.#makeCompute =
      makeCompute ?? (() => (typeof Worker === 'function' ? startPretrainedWorker() : inlineCompute()));
  }

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
  /** True from an input until its decode is shown or has failed (aria-busy: the view is an earlier input's). */
  get pending() {
    return this.#pending;
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
      const get = async (name: string) => ({ name, text: await fetchText(snapshotUrl(name, options.base)) });
      const [mainText, baselineText] = await Promise.all([
        get(options.snapshot),
        options.baseline ? get(options.baseline) : undefined,
      ]);
      if (generation !== this.#generation) return;
      // Read here too: the page shows the snapshots' facts (task, meta, attention kind) at once.
      const main = readSnapshot(mainText.name, mainText.text);
      const baseline = baselineText && readSnapshot(baselineText.name, baselineText.text);
      if (baseline !== undefined && baseline.task !== main.task) throw new Error(m.widget_lab_baseline_other_task());
      this.#compute ??= this.#makeCompute();
      await this.#compute.load(mainText, baselineText);
      if (generation !== this.#generation) return;
      this.#main = main;
      this.#baseline = baseline;
      this.#status = 'ready';
      await this.setInput(this.#early ?? options.input ?? defaultInputs[main.task]);
      await this.#evaluate(generation, options.sizes ?? main.sizes, options.count ?? 20);
    } catch (e) {
      if (generation !== this.#generation) return;
      this.#status = 'error';
      this.#error = e instanceof Error ? e.message : String(e);
    }
  }

  /** Checks the reader's input at once, then decodes it greedily with the snapshot (resolves when shown). */
  async setInput(text: string): Promise<void> {
    this.#input = text;
    const main = this.#main;
    const compute = this.#compute;
    if (main === undefined || compute === undefined) {
      this.#early = text;
      return;
    }
    this.#early = undefined;
    const r = checkInput(main.task, text, 24);
    if (!r.ok) {
      this.#inputError = r.message;
      return;
    }
    this.#inputError = '';
    const request = ++this.#decodes;
    this.#pending = true;
    try {
      const view = await compute.decode(r.tokens);
      if (request === this.#decodes) this.#view = view;
    } catch (e) {
      this.#status = 'error';
      this.#error = e instanceof Error ? e.message : String(e);
    } finally {
      if (request === this.#decodes) this.#pending = false;
    }
  }

  /** Stops the worker (the widget is gone). */
  close(): void {
    this.#generation++;
    this.#compute?.close();
    this.#compute = undefined;
  }

  async #evaluate(generation: number, [lo, hi]: [number, number], count: number): Promise<void> {
    const compute = this.#compute as PretrainedCompute;
    this.#rows = [];
    for (let size = lo; size <= hi; size++) {
      const row = await compute.row(size, count);
      if (generation !== this.#generation) return;
      this.#rows = [...this.#rows, row];
    }
  }
}

async function defaultFetch(url: string): Promise<string> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(m.widget_lab_fetch_failed({ url, status: r.status }));
  return r.text();
}
