import { EOS_ID, type ForcedDecode, forcedDecode, seq2seqStepModel, type Task, taskByName } from '~engine/index.ts';
import { type DecodeRun, type DecodeSettings, defaultDecodeSettings, runDecode } from '~lib/decoding/run.ts';
import { m } from '~lib/i18n/messages.ts';
import { type LoadedSnapshot, readSnapshot } from '~components/widgets/lab/pretrained-alignment.svelte.ts';
import { snapshotUrl } from '~components/widgets/lab/snapshots.ts';
import { checkInput, defaultInputs } from '~components/widgets/lab/tokens.ts';

/** What the decoding widgets need of the engine, so they import their state and never the engine itself. */
export { type BeamNode, EOS_ID } from '~engine/index.ts';

const loads = new Map<string, Promise<LoadedSnapshot>>();

/** Fetches and reads a committed snapshot once per page, however many widgets ask. */
export function loadSnapshot(name: string, base = '/'): Promise<LoadedSnapshot> {
  const url = snapshotUrl(name, base);
  let p = loads.get(url);
  if (p === undefined) {
    p = fetch(url).then(async (r) => {
      if (!r.ok) throw new Error(m.widget_lab_fetch_failed({ url, status: r.status }));
      return readSnapshot(name, await r.text());
    });
    p.catch(() => loads.delete(url));
    loads.set(url, p);
  }
  return p;
}

/** What one decoding of the reader's input shows: source words, the run, and teacher/free decodes. */
export interface DecodingView {
  readonly source: string[];
  /** The grammar's answer (empty when the input is outside the grammar). */
  readonly expected: string[];
  readonly run: DecodeRun;
  readonly output: string[];
  /** The expected output scored with teacher forcing (undefined without an expected output). */
  readonly teacher: ForcedDecode | undefined;
  /** The reader's forced prefix, then free running. */
  readonly free: ForcedDecode;
  readonly prefix: readonly number[];
  readonly maxLength: number;
}

/**
 * A pretrained model decoding the reader's input with the reader's
 * settings. Work runs in a timer after an edit, never inside the input
 * event, so typing stays responsive (a decode of the translator takes
 * 2–30 ms here); a newer edit cancels an older pending one.
 */
export class DecodingState {
  #status = $state<'loading' | 'ready' | 'error'>('loading');
  #error = $state('');
  #snapshot = $state.raw<LoadedSnapshot | undefined>(undefined);
  #input = $state('');
  #inputError = $state('');
  #settings = $state.raw<DecodeSettings>(defaultDecodeSettings);
  #prefix = $state.raw<readonly number[]>([]);
  #view = $state.raw<DecodingView | undefined>(undefined);
  #timer: ReturnType<typeof setTimeout> | undefined;

  get status() {
    return this.#status;
  }
  get error() {
    return this.#error;
  }
  /** The pretrained weights in use (undefined while they load). */
  get weights() {
    return this.#snapshot;
  }
  get input() {
    return this.#input;
  }
  get inputError() {
    return this.#inputError;
  }
  get settings() {
    return this.#settings;
  }
  get prefix() {
    return this.#prefix;
  }
  get view() {
    return this.#view;
  }
  /** The model's task (for vocabulary and display). */
  get task(): Task | undefined {
    return this.#snapshot && taskByName(this.#snapshot.task);
  }

  /** Loads `snapshot` and decodes `input` (or the task's default). */
  async load(options: { snapshot: string; input?: string; settings?: DecodeSettings; base?: string }): Promise<void> {
    try {
      this.use(await loadSnapshot(options.snapshot, options.base), options);
    } catch (e) {
      this.#status = 'error';
      this.#error = e instanceof Error ? e.message : String(e);
    }
  }

  /**
   * Decodes with a snapshot already read (load's second half; tests read the file themselves). An input set while
   * the weights were on their way (the reader typed, a link or a challenge set one) wins over `options.input`.
   */
  use(s: LoadedSnapshot, options: { input?: string; settings?: DecodeSettings } = {}): void {
    this.#snapshot = s;
    this.#status = 'ready';
    this.#settings = options.settings ?? this.#settings;
    this.#input = this.#input || options.input || defaultInputs[s.task];
    this.#run();
  }

  /** Runs a pending decode now instead of in its timer (a link restored at once, a test reading the view). */
  flush(): void {
    clearTimeout(this.#timer);
    this.#run();
  }

  /** A new input: the forced prefix is cleared (it belonged to the old output). */
  setInput(text: string): void {
    this.#input = text;
    this.#prefix = [];
    this.#schedule();
  }

  /** New decoding settings. */
  setSettings(patch: Partial<DecodeSettings>): void {
    this.#settings = { ...this.#settings, ...patch };
    this.#schedule();
  }

  /** Forces the output's first tokens (teacher forcing on the reader's choice); the rest runs free. */
  setPrefix(prefix: readonly number[]): void {
    this.#prefix = prefix;
    this.#schedule();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(), 0);
  }

  #run(): void {
    const snap = this.#snapshot;
    if (snap === undefined) return;
    const r = checkInput(snap.task, this.#input, 24);
    if (!r.ok) {
      this.#inputError = r.message;
      return;
    }
    this.#inputError = '';
    const task = taskByName(snap.task);
    let expected: string[] = [];
    try {
      expected = task.solve(r.tokens);
    } catch {
      expected = [];
    }
    const maxLength = expected.length > 0 ? expected.length + 4 : 2 * r.tokens.length + 4;
    const model = seq2seqStepModel(snap.model, task.source.encode(r.tokens));
    const run = runDecode(model, this.#settings, maxLength);
    const teacher = expected.length > 0 ? forcedDecode(model, [...task.target.encode(expected), EOS_ID], 0) : undefined;
    const free = forcedDecode(model, this.#prefix, maxLength);
    this.#view = {
      source: r.tokens,
      expected,
      run,
      output: task.target.decode(run.ids),
      teacher,
      free,
      prefix: this.#prefix,
      maxLength,
    };
  }
}
