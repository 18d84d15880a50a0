import * as v from 'valibot';
import { mulberry32, taskByName } from '~engine/index.ts';
import {
  beamWidths,
  type DecodeSettings,
  decodeSettingsSchema,
  defaultDecodeSettings,
  settingsKey,
} from '~lib/decoding/run.ts';
import { pageLocale } from '~lib/i18n/locale.ts';
import { choiceField, field, flagField, intField, type StateOf } from '~lib/url/state.ts';
import { labSizes } from './config.ts';
import { disagreementNote, loadedNote } from './notes.ts';
import {
  type FromWorker,
  fromWorkerSchema,
  type LabBackend,
  type LabEvaluation,
  type LabSettings,
  labAttentions,
  labBackends,
  labTasks,
  parseMessage,
  settingsSchema,
  type ToWorker,
} from './protocol.ts';
import { firstReach, type Reach } from './reach.ts';
import { labSnapshots } from './snapshots.ts';
import { checkInput, defaultInputs, joinTokens } from './tokens.ts';

/** What the lab's parts need of the engine, so they import the lab's state and never the engine itself. */
export { EOS_ID } from '~engine/index.ts';
export { MAX_MODEL_BYTES } from '~engine/models/seq2seq-io.ts';

/** The lab's defaults: Bahdanau attention reversing 4–10 digits, compared with its no-attention twin. */
export const defaultSettings: LabSettings = {
  task: 'reverse',
  attention: 'bahdanau',
  embed: 16,
  hidden: 16,
  minLen: 4,
  maxLen: 10,
  lr: 0.01,
  batch: 32,
  seed: 1,
  compare: true,
  stopAt: 0,
};

const entries = settingsSchema.entries;

const dd = defaultDecodeSettings;

/** The lab's link state: every setting, the typed input, the decoding controls and the backend. */
export const labFields = {
  task: choiceField(labTasks, defaultSettings.task),
  att: choiceField(labAttentions, defaultSettings.attention),
  E: field(entries.embed, defaultSettings.embed),
  H: field(entries.hidden, defaultSettings.hidden),
  lo: field(entries.minLen, defaultSettings.minLen),
  hi: field(entries.maxLen, defaultSettings.maxLen),
  lr: field(entries.lr, defaultSettings.lr),
  B: field(entries.batch, defaultSettings.batch),
  seed: field(entries.seed, defaultSettings.seed),
  cmp: flagField(defaultSettings.compare),
  stop: field(entries.stopAt, defaultSettings.stopAt),
  in: field(v.pipe(v.string(), v.maxLength(120)), ''),
  /** Beam width (the name older links used for the lab's only decoding control). */
  beam: intField(dd.width, beamWidths.min, beamWidths.max),
  dm: field(decodeSettingsSchema.method, dd.method),
  da: field(decodeSettingsSchema.alpha, dd.alpha),
  dT: field(decodeSettingsSchema.temperature, dd.temperature),
  dk: field(decodeSettingsSchema.topK, dd.topK),
  dp: field(decodeSettingsSchema.topP, dd.topP),
  ds: field(decodeSettingsSchema.seed, dd.seed),
  be: choiceField(labBackends, 'cpu'),
};

/** The worker's replies a page was given with its HTML (build-seed.ts), checked as the worker's are; [] for none. */
export function seededReplies(seeded: unknown): FromWorker[] {
  if (!Array.isArray(seeded)) return [];
  const replies = seeded.map((r) => parseMessage(fromWorkerSchema, r, 'page'));
  return replies.every((r) => r !== undefined) ? replies : [];
}

/** The lab's state as it travels in the URL. */
export type LabLinkState = StateOf<typeof labFields>;

/** The page's end of the worker: send, and hear replies (raw, validated here). */
export interface LabPort {
  post(message: ToWorker): void;
  listen(handler: (data: unknown) => void): void;
  close(): void;
}

/** One evaluation on the accuracy curve. */
export interface EvalPoint {
  readonly step: number;
  readonly model: LabEvaluation;
  readonly twin: LabEvaluation | null;
  /** Seconds the model had spent in its training steps here by this evaluation. */
  readonly seconds: number;
  readonly twinSeconds: number | null;
}

/** The decoded reader's input, as the worker last sent it. */
export type DecodedView = Extract<FromWorker, { type: 'decoded' }>;

/** Where the weights in training came from, when they were loaded rather than drawn from the seed. */
export interface LoadedWeights {
  /** How the page names the source, e.g. `pretrained “reverse8-attention”` or `“my-run.json”`. */
  readonly origin: string;
  /** What the file says it was trained on (its `meta.about`), or ''. */
  readonly about: string;
  /** Steps it had been trained for before it was loaded (its `meta.steps`; 0 when the file does not say). */
  readonly steps: number;
  /** Its batch size (`meta.trainer.batchSize`), or 0 when the file does not say. */
  readonly batch: number;
  /** The committed snapshot it is (its `meta.name` is one of public/snapshots/), whose README says how it was made. */
  readonly snapshot: string | undefined;
}

/** How many runs decoded ahead are kept. */
const AHEAD_KEPT = 8;

/** A decode's identity: its source tokens and its settings. */
const decodeKey = (source: readonly string[], settings: DecodeSettings) =>
  JSON.stringify([source, settingsKey(settings)]);

const sameTokens = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

/** Which setting a control edits. */
export type SettingKey = keyof LabSettings;

/**
 * The training lab's page state: the settings (validated, in the URL), what
 * the worker reports (losses, evaluations, the decoded input, the backend)
 * and the commands the controls send. No training happens here.
 */
export class LabState {
  #settings = $state<LabSettings>({ ...defaultSettings });
  #input = $state(defaultInputs.reverse);
  #decoding = $state.raw<DecodeSettings>(dd);
  #backend = $state<LabBackend>('cpu');
  #inUse = $state<LabBackend>('cpu');
  #renderer = $state('');
  #backendNote = $state('');
  #running = $state(false);
  #step = $state(0);
  #trainedBefore = $state(0);
  #loaded = $state.raw<LoadedWeights | undefined>(undefined);
  #rate = $state(0);
  /** Undefined until the worker has built the model and counted them (the page is built without a worker). */
  #params = $state<number | undefined>(undefined);
  #twinAttention = $state<LabSettings['attention'] | null>(null);
  #loss = $state.raw<number[]>([]);
  #twinLoss = $state.raw<number[]>([]);
  #evals = $state.raw<EvalPoint[]>([]);
  #decoded = $state.raw<DecodedView | undefined>(undefined);
  /** What the last decode asked for (tokens and settings, decodeKey), until an error ends the wait for it. */
  #asked = $state<string | undefined>(undefined);
  /**
   * Runs the worker decoded ahead (decoded-ahead: the beam widths beside the one shown), by settingsKey, at the step
   * and source of the decode shown; any command other than a decode forgets them (it may change the model).
   */
  #ahead = new Map<string, Extract<FromWorker, { type: 'decoded-ahead' }>>();
  #inputError = $state('');
  /** What the last search for a greedy/beam disagreement found, in words ('' before any). */
  #disagreeNote = $state('');
  #searching = $state(false);
  #errors = $state<string[]>([]);
  #notice = $state('');
  #port: LabPort | undefined;
  /** Starts the worker on the first command (connectLater), until then nothing runs. */
  #later: (() => LabPort) | undefined;
  #exportId = 0;
  #examples = 0;
  #exports = new Map<number, (text: string) => void>();

  get settings(): LabSettings {
    return this.#settings;
  }
  get input(): string {
    return this.#input;
  }
  /** How the reader's input is decoded besides greedily (the decoding chapter's controls). */
  get decoding(): DecodeSettings {
    return this.#decoding;
  }
  /** The reader's choice of backend (the select and the link state). */
  get backend(): LabBackend {
    return this.#backend;
  }
  /** The backend the worker's ops run on now (CPU while a WebGL2 context is lost). */
  get inUse(): LabBackend {
    return this.#inUse;
  }
  /** The device the worker's ops ran on, as it names itself. */
  get renderer(): string {
    return this.#renderer;
  }
  /** Why the requested backend is not in use ('' when it is). */
  get backendNote(): string {
    return this.#backendNote;
  }
  get running(): boolean {
    return this.#running;
  }
  /** Steps the weights have been trained for in all, counting those done before a weights file was loaded. */
  get step(): number {
    return this.#step;
  }
  /** Steps done before the weights were loaded (0 for weights fresh from the seed); the loss curve starts after them. */
  get trainedBefore(): number {
    return this.#trainedBefore;
  }
  /** Steps trained in this page since the weights were drawn or loaded. */
  get stepsHere(): number {
    return this.#step - this.#trainedBefore;
  }
  /** The weights file in training, or undefined for weights drawn from the seed. */
  get loaded(): LoadedWeights | undefined {
    return this.#loaded;
  }
  /** Training steps per second (both models of a comparison count as one step). */
  get stepsPerSecond(): number {
    return this.#rate;
  }
  get paramCount(): number | undefined {
    return this.#params;
  }
  /** The twin's attention kind, or null when not comparing. */
  get twinAttention(): LabSettings['attention'] | null {
    return this.#twinAttention;
  }
  /** Loss of every step trained here (index k is step trainedBefore + k + 1). */
  get loss(): readonly number[] {
    return this.#loss;
  }
  get twinLoss(): readonly number[] {
    return this.#twinLoss;
  }
  get evaluations(): readonly EvalPoint[] {
    return this.#evals;
  }
  /** The first evaluations at which the model and its twin reached 95% of exact sequences (undefined: not yet). */
  get reach(): { model: Reach | undefined; twin: Reach | undefined } {
    const model = this.#evals.map((e) => ({ step: e.step, sequence: e.model.overall.sequence, seconds: e.seconds }));
    const twin = this.#evals.flatMap((e) =>
      e.twin === null ? [] : [{ step: e.step, sequence: e.twin.overall.sequence, seconds: e.twinSeconds ?? 0 }],
    );
    return { model: firstReach(model), twin: firstReach(twin) };
  }
  /** The latest evaluation, if any. */
  get latest(): EvalPoint | undefined {
    return this.#evals[this.#evals.length - 1];
  }
  get decoded(): DecodedView | undefined {
    return this.#decoded;
  }
  /** A decode has been asked for and is not shown yet (the widget is aria-busy until it is). */
  get decodePending(): boolean {
    const d = this.#decoded;
    return this.#asked !== undefined && (d === undefined || decodeKey(d.source, d.chosen.settings) !== this.#asked);
  }
  get inputError(): string {
    return this.#inputError;
  }
  /** What the last search for an input where greedy and beam differ found ('' before any). */
  get disagreeNote(): string {
    return this.#disagreeNote;
  }
  /** True while the worker searches. */
  get searching(): boolean {
    return this.#searching;
  }
  /** Errors from the worker (bad weights file, non-finite loss, …), newest last. */
  get errors(): readonly string[] {
    return this.#errors;
  }
  /** A short note on the last import (what was loaded). */
  get notice(): string {
    return this.#notice;
  }

  /**
   * Connects to a worker (or a test double) and sends it the whole state. With `keep`, what the page shows stays
   * until the worker's replies replace it (it shows the build's run of the same settings: build-seed.ts).
   */
  connect(port: LabPort, keep = false): void {
    this.#later = undefined;
    this.#port = port;
    port.listen((data) => {
      const m = parseMessage(fromWorkerSchema, data, 'page');
      if (m !== undefined) this.receive(m);
    });
    this.#send({ type: 'language', tag: pageLocale() });
    this.#send({ type: 'backend', backend: this.#backend });
    this.#configure(keep);
  }

  /**
   * Connects on the first command, or when `wake` is called: for a page showing the build's run of these
   * settings, whose worker (~40 KB, and its model) is not needed until the reader trains or decodes.
   */
  connectLater(start: () => LabPort): void {
    this.#later = start;
  }

  /** Connects now if connectLater is waiting (the page is idle); the worker recomputes what the page shows. */
  wake(): void {
    const start = this.#later;
    if (start !== undefined) this.connect(start(), true);
  }

  /** Stops the worker. */
  disconnect(): void {
    this.#later = undefined;
    this.#port?.close();
    this.#port = undefined;
  }

  #send(m: ToWorker): void {
    // A command before the worker started: it starts with the state the page shows, then gets the command.
    if (this.#port === undefined) this.wake();
    if (m.type !== 'decode') this.#ahead.clear();
    this.#port?.post(m);
  }

  #configure(keep = false): void {
    if (!keep) {
      this.#loss = [];
      this.#twinLoss = [];
      this.#evals = [];
      this.#decoded = undefined;
    }
    this.#send({ type: 'configure', settings: { ...this.#settings } });
    this.#sendInput();
  }

  #sendInput(): void {
    const r = checkInput(this.#settings.task, this.#input);
    this.#inputError = r.ok ? '' : r.message;
    if (!r.ok) return;
    const settings = { ...this.#decoding };
    this.#asked = decodeKey(r.tokens, settings);
    // Decoded ahead at the step shown: shown now, in this edit's frame; the worker takes the request without answering.
    const ahead = this.#ahead.get(settingsKey(settings));
    const shown = this.#decoded;
    if (ahead !== undefined && shown !== undefined && ahead.step === shown.step && sameTokens(ahead.source, r.tokens)) {
      this.#decoded = { ...shown, chosen: ahead.chosen };
      this.#send({ type: 'decode', source: r.tokens, settings, shownAt: ahead.step });
      return;
    }
    this.#send({ type: 'decode', source: r.tokens, settings });
  }

  /** Applies one worker message. */
  receive(m: FromWorker): void {
    if (m.type === 'progress') {
      this.#running = m.running;
      const here = m.step - m.trainedBefore;
      if (here < this.#loss.length) this.#loss = [];
      if (here < this.#twinLoss.length) this.#twinLoss = [];
      if (m.losses.length > 0) this.#loss = [...this.#loss, ...m.losses];
      if (m.twinLosses.length > 0) this.#twinLoss = [...this.#twinLoss, ...m.twinLosses];
      this.#step = m.step;
      this.#trainedBefore = m.trainedBefore;
      this.#rate = m.stepsPerSecond;
      this.#params = m.paramCount;
      this.#twinAttention = m.twinAttention;
    } else if (m.type === 'evaluation') {
      const kept = this.#evals.filter((e) => e.step < m.step);
      const point = { step: m.step, model: m.model, twin: m.twin, seconds: m.seconds, twinSeconds: m.twinSeconds };
      this.#evals = [...kept, point];
    } else if (m.type === 'decoded') {
      this.#decoded = m;
    } else if (m.type === 'decoded-ahead') {
      const shown = this.#decoded;
      if (shown === undefined || m.step !== shown.step || !sameTokens(m.source, shown.source)) return;
      const key = settingsKey(m.chosen.settings);
      this.#ahead.delete(key);
      this.#ahead.set(key, m);
      for (const old of this.#ahead.keys()) {
        if (this.#ahead.size <= AHEAD_KEPT) break;
        this.#ahead.delete(old);
      }
    } else if (m.type === 'backend') {
      this.#backend = m.requested;
      this.#inUse = m.backend;
      this.#renderer = m.renderer;
      this.#backendNote = m.unavailable;
    } else if (m.type === 'disagreement') {
      this.#searching = false;
      const task = this.#settings.task;
      this.#disagreeNote = disagreementNote(task, m.source !== null, m.tried, m.size);
      if (m.source !== null) this.setInput(joinTokens(task, m.source));
    } else if (m.type === 'exported') {
      this.#exports.get(m.id)?.(m.text);
      this.#exports.delete(m.id);
    } else if (m.type === 'imported') {
      this.#settings = m.settings;
      this.#loss = [];
      this.#twinLoss = [];
      this.#evals = [];
      const about = typeof m.meta.about === 'string' ? m.meta.about : '';
      const steps = Number.isSafeInteger(m.meta.steps) && (m.meta.steps as number) >= 0 ? (m.meta.steps as number) : 0;
      const batch = (m.meta.trainer as { batchSize?: unknown } | undefined)?.batchSize;
      const snapshot = labSnapshots.find((s) => s.name === m.meta.name)?.name;
      this.#loaded = {
        origin: m.origin,
        about,
        steps,
        batch: Number.isSafeInteger(batch) ? (batch as number) : 0,
        snapshot,
      };
      this.#notice = loadedNote(m.origin, about, steps);
      if (checkInput(m.settings.task, this.#input).ok === false) this.#input = defaultInputs[m.settings.task];
      this.#sendInput();
    } else {
      // The worker stops on an error: a decode asked for will not come.
      this.#asked = undefined;
      this.#errors = [...this.#errors.slice(-3), m.message];
    }
  }

  /** Changes one setting; the worker starts over with fresh weights (an invalid value is refused with a message). */
  set<K extends SettingKey>(key: K, value: LabSettings[K]): void {
    const next = { ...this.#settings, [key]: value };
    const r = v.safeParse(settingsSchema, next);
    if (!r.success) {
      this.#errors = [...this.#errors.slice(-3), `${key}: ${r.issues[0]?.message ?? 'invalid value'}`];
      return;
    }
    const taskChanged = key === 'task' && value !== this.#settings.task;
    this.#settings = r.output;
    this.#notice = '';
    this.#loaded = undefined;
    if (taskChanged) this.#input = defaultInputs[r.output.task];
    this.#configure();
  }

  /** Starts (or resumes) training. */
  start(): void {
    this.#running = true;
    this.#send({ type: 'start' });
  }

  /** Pauses after the chunk of steps in progress; nothing is lost. */
  pause(): void {
    this.#send({ type: 'pause' });
  }

  /** One step (of both models when comparing). */
  stepOnce(): void {
    this.#send({ type: 'step' });
  }

  /** Back to step 0 with fresh weights from the seed. */
  reset(): void {
    this.#notice = '';
    this.#loaded = undefined;
    this.#loss = [];
    this.#twinLoss = [];
    this.#evals = [];
    this.#send({ type: 'reset' });
  }

  /** Asks for another backend; the worker answers with the one it uses. */
  setBackend(b: LabBackend): void {
    this.#backend = b;
    this.#send({ type: 'backend', backend: b });
  }

  /** The reader's input to decode (checked against the task's vocabulary). */
  setInput(text: string): void {
    this.#input = text;
    this.#sendInput();
  }

  /** Draws another example of the task (seeded, so the sequence of examples repeats) and decodes it. */
  newExample(): void {
    const s = this.#settings;
    const rng = mulberry32(1000 + ++this.#examples);
    const [lo, hi] = labSizes(s);
    const example = taskByName(s.task).sample(rng, lo + Math.floor(rng() * (hi - lo + 1)));
    this.setInput(joinTokens(s.task, example.source));
  }

  /** Asks the worker for an input where greedy and beam search (this width and α) differ; shows it with beam. */
  findDisagreement(): void {
    if (this.#decoding.method !== 'beam') this.#decoding = { ...this.#decoding, method: 'beam' };
    this.#searching = true;
    this.#disagreeNote = '';
    this.#send({ type: 'find-disagreement', settings: { ...this.#decoding } });
  }

  /** Changes decoding settings (method, beam width and α, temperature, top-k, top-p, seed); an invalid one is refused. */
  setDecoding(patch: Partial<DecodeSettings>): void {
    const r = v.safeParse(v.object(decodeSettingsSchema), { ...this.#decoding, ...patch });
    if (!r.success) return;
    this.#decoding = r.output;
    this.#sendInput();
  }

  /** The current weights as a weights-file text. */
  exportWeights(): Promise<string> {
    const id = ++this.#exportId;
    return new Promise((resolve) => {
      this.#exports.set(id, resolve);
      this.#send({ type: 'export', id });
    });
  }

  /** Loads a weights file; a bad one is refused by the worker with a message and the model kept. */
  importWeights(text: string, origin: string): void {
    this.#send({ type: 'import', text, origin });
  }

  /** Reports a problem found on the page (e.g. a file that could not be read). */
  fail(message: string): void {
    this.#errors = [...this.#errors.slice(-3), message];
  }

  /** Hides the errors and the import note. */
  dismiss(): void {
    this.#errors = [];
  }

  /** The link state. */
  snapshot(): LabLinkState {
    const s = this.#settings;
    return {
      task: s.task,
      att: s.attention,
      E: s.embed,
      H: s.hidden,
      lo: s.minLen,
      hi: s.maxLen,
      lr: s.lr,
      B: s.batch,
      seed: s.seed,
      cmp: s.compare,
      stop: s.stopAt,
      in: this.#input === defaultInputs[s.task] ? '' : this.#input,
      beam: this.#decoding.width,
      dm: this.#decoding.method,
      da: this.#decoding.alpha,
      dT: this.#decoding.temperature,
      dk: this.#decoding.topK,
      dp: this.#decoding.topP,
      ds: this.#decoding.seed,
      be: this.#backend,
    };
  }

  /**
   * Applies a link state. Before connecting, the worker then starts from it; once connected (a challenge's
   * "Set up" or "Show me"), the worker is told and starts over with fresh weights, as after any setting.
   */
  restore(l: LabLinkState): void {
    const backend = this.#backend;
    this.#settings = {
      task: l.task,
      attention: l.att,
      embed: l.E,
      hidden: l.H,
      minLen: l.lo,
      maxLen: l.hi,
      lr: l.lr,
      batch: l.B,
      seed: l.seed,
      compare: l.cmp,
      stopAt: l.stop,
    };
    this.#input = l.in === '' ? defaultInputs[l.task] : l.in;
    this.#decoding = {
      method: l.dm,
      width: l.beam,
      alpha: l.da,
      temperature: l.dT,
      topK: l.dk,
      topP: l.dp,
      seed: l.ds,
    };
    this.#backend = l.be;
    // Before connecting, the worker starts from it; a worker waiting to start (connectLater) is a command away.
    if (this.#port === undefined && this.#later === undefined) return;
    this.#notice = '';
    this.#loaded = undefined;
    if (l.be !== backend) this.#send({ type: 'backend', backend: l.be });
    this.#configure();
  }
}
