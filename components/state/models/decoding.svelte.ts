import { type Task, taskByName } from '~engine/index.ts';
import { type DecodeSettings, defaultDecodeSettings, widthsBeside } from '~lib/decoding/run.ts';
import { m } from '~lib/i18n/messages.ts';
import { type LoadedSnapshot, readSnapshot } from '~components/widgets/lab/pretrained-alignment.svelte.ts';
import { snapshotUrl } from '~components/widgets/lab/snapshots.ts';
import { defaultInputs } from '~components/widgets/lab/tokens.ts';
import {
  type DecodeCompute,
  type DecodeOutcome,
  type DecodeRequest,
  type DecodingView,
  decodeView,
} from './decoding.compute.ts';
import { decodingWorker } from './decoding-worker-port.ts';

/** What the decoding widgets need of the engine, so they import their state and never the engine itself. */
export { type BeamNode, EOS_ID } from '~engine/index.ts';
export type { DecodingView } from './decoding.compute.ts';

/** The page's decoding worker, for a widget's DecodingState (none where the browser has no workers: decodes run here). */
export const pageWorker = (): DecodeCompute | undefined =>
  typeof Worker === 'function' ? decodingWorker() : undefined;

const loads = new Map<string, Promise<{ text: string; snapshot: LoadedSnapshot }>>();

/** Fetches and reads a committed snapshot once per page, however many widgets ask; its text goes to the worker. */
function loadSnapshot(name: string, base = '/'): Promise<{ text: string; snapshot: LoadedSnapshot }> {
  const url = snapshotUrl(name, base);
  let p = loads.get(url);
  if (p === undefined) {
    p = fetch(url).then(async (r) => {
      if (!r.ok) throw new Error(m.widget_lab_fetch_failed({ url, status: r.status }));
      const text = await r.text();
      return { text, snapshot: readSnapshot(name, text) };
    });
    p.catch(() => loads.delete(url));
    loads.set(url, p);
  }
  return p;
}

/** How many answers decoded ahead are kept. */
const AHEAD_KEPT = 8;
/** A decode request as a key: equal requests decode alike (the worker's decode is a pure function of them). */
const requestKey = (r: DecodeRequest) => JSON.stringify([r.input, r.settings, r.prefix]);

/**
 * A pretrained model decoding the reader's input with the reader's settings. Work runs after an edit, never
 * inside the input event: in the browser in the page's decoding worker (a beam search over the translator takes
 * tens of milliseconds), asked as soon as the event's handlers are done, so typing and dragging never wait for
 * it; without a worker (the build's seeds, unit tests) in a timer, or at once in `use` and `flush`. A newer edit
 * supersedes an older pending one.
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
  /** A request to the worker is queued for this task's microtasks. */
  #asking = false;
  #makeCompute: (() => DecodeCompute | undefined) | undefined;
  #compute: DecodeCompute | undefined;
  /**
   * The beam widths beside the one shown, decoded ahead by the worker once an answer is in, by request (the last
   * AHEAD_KEPT): a step of the width slider shows at once instead of waiting a frame or two for the worker. Only
   * these: an input typed again is decoded again.
   */
  #ahead = new Map<string, DecodeOutcome>();
  /** The latest decode asked of the worker: an older answer arriving later is dropped. */
  #ticket = 0;
  /** An edit's decode is asked for or on its way: what is shown is not yet the latest edit's. */
  #pending = $state(false);

  /** `compute`: where decodes run once the weights are in (the widgets pass the page's worker). */
  constructor(compute?: () => DecodeCompute | undefined) {
    this.#makeCompute = compute;
  }

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
  /**
   * True from an edit until its decode is shown (or has failed): the numbers on screen belong to an earlier edit.
   * The widgets set aria-busy from it, so screen readers wait for the new numbers and so do the bench and tests.
   */
  get pending() {
    return this.#pending;
  }
  /** The model's task (for vocabulary and display). */
  get task(): Task | undefined {
    return this.#snapshot && taskByName(this.#snapshot.task);
  }

  /** Loads `snapshot` and decodes `input` (or the task's default). */
  async load(options: { snapshot: string; input?: string; settings?: DecodeSettings; base?: string }): Promise<void> {
    try {
      const { text, snapshot } = await loadSnapshot(options.snapshot, options.base);
      this.#compute = this.#makeCompute?.();
      await this.#compute?.load(snapshot.name, text);
      this.use(snapshot, options);
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
    if (this.#snapshot?.name !== s.name) this.#ahead.clear();
    this.#snapshot = s;
    this.#status = 'ready';
    this.#settings = options.settings ?? this.#settings;
    this.#input = this.#input || options.input || defaultInputs[s.task];
    this.#run();
  }

  /** Runs a pending decode now instead of in its timer (a link restored at once, a test reading the view). */
  flush(): void {
    clearTimeout(this.#timer);
    this.#asking = false;
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
    if (this.#snapshot !== undefined) this.#pending = true;
    if (this.#compute !== undefined) {
      // The worker decodes, so asking costs the page nothing: ask in a microtask (edits made in one task still
      // make one request). A timer's task can wait behind a frame's rendering, and then the answer misses the
      // frame after it too.
      if (this.#asking) return;
      this.#asking = true;
      queueMicrotask(() => {
        if (!this.#asking) return; // flushed meanwhile
        this.#asking = false;
        this.#run();
      });
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(), 0);
  }

  #run(): void {
    const snap = this.#snapshot;
    if (snap === undefined) return;
    const request = { input: this.#input, settings: this.#settings, prefix: this.#prefix };
    const compute = this.#compute;
    if (compute === undefined) {
      this.#show(decodeView(snap, request));
      return;
    }
    const ticket = ++this.#ticket;
    const ahead = this.#ahead.get(requestKey(request));
    if (ahead !== undefined) {
      this.#show(ahead);
      this.#decodeAhead(compute, snap.name, request);
      return;
    }
    this.#pending = true;
    compute.decode(snap.name, request).then(
      (outcome) => {
        if (ticket !== this.#ticket) return;
        this.#show(outcome);
        this.#decodeAhead(compute, snap.name, request);
      },
      (e: unknown) => {
        if (ticket !== this.#ticket) return;
        this.#pending = false;
        this.#status = 'error';
        this.#error = e instanceof Error ? e.message : String(e);
      },
    );
  }

  /** Asks the worker for the beam widths beside `request`'s (a reader on the width slider goes there next). */
  #decodeAhead(compute: DecodeCompute, name: string, request: DecodeRequest): void {
    for (const settings of widthsBeside(request.settings)) {
      const next = { ...request, settings };
      const key = requestKey(next);
      if (this.#ahead.has(key)) continue;
      compute.decode(name, next).then(
        (outcome) => {
          if (this.#snapshot?.name === name) this.#keep(key, outcome);
        },
        () => {}, // decoded ahead only: the reader's own request reports a failure
      );
    }
  }

  /** Keeps an answer for its request, the oldest dropped beyond AHEAD_KEPT. */
  #keep(key: string, outcome: DecodeOutcome): void {
    this.#ahead.delete(key);
    this.#ahead.set(key, outcome);
    for (const old of this.#ahead.keys()) {
      if (this.#ahead.size <= AHEAD_KEPT) break;
      this.#ahead.delete(old);
    }
  }

  #show(outcome: DecodeOutcome): void {
    this.#pending = false;
    if ('inputError' in outcome) {
      this.#inputError = outcome.inputError;
      return;
    }
    this.#inputError = '';
    this.#view = outcome.view;
  }
}
