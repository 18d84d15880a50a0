/**
 * The training lab's worker side, without the worker: one Trainer (and,
 * in compare mode, its twin with the other attention choice, same seed,
 * sizes and batches), a run loop that yields to the event loop between
 * short chunks of steps (so pause, step and decode messages get in), and
 * the replies the page draws. Runs unchanged in Node for the tests.
 */

import {
  countParams,
  type Decoded,
  dispatch,
  evaluate,
  exportSeq2Seq,
  greedyDecode,
  type Seq2Seq,
  type Task,
  Trainer,
} from '~engine/index.ts';
import { type DecodeSettings, widthsBeside } from '~lib/decoding/run.ts';
import { useLocale } from '~lib/i18n/locale.ts';
import { m } from '~lib/i18n/messages.ts';
import { LAB_CLIP, labSizeCap, labSizes, type ModelExtras, trainerConfig, twinAttention } from './config.ts';
import { labChosen } from './decode.ts';
import { findDisagreement } from './disagree.ts';
import { prepareImport } from './import.ts';
import type {
  FromWorker,
  LabAttention,
  LabBackend,
  LabDecoded,
  LabEvaluation,
  LabSettings,
  ToWorker,
} from './protocol.ts';

/** Evaluation examples are drawn from this seed, so the accuracy curves do not jitter with the sample. */
export const EVAL_SEED = 999;
/** About this many evaluation examples in total, split over the input sizes. */
const EVAL_EXAMPLES = 120;
/** Evaluate every this many steps while running. */
export const EVAL_EVERY = 25;
/** A chunk of steps runs at most this long before yielding (ms). */
const CHUNK_MS = 40;
/** The reader's input is decoded again at most this often (ms) while training: the page redraws its map on each. */
const DECODE_MS = 1500;
/** Progress messages at most this often (ms): the page redraws its charts on each. */
const PROGRESS_MS = 500;

/** Greedy accuracy overall, per size and per output position on fresh examples from EVAL_SEED. */
export function evaluateLab(model: Seq2Seq, task: Task, s: LabSettings): LabEvaluation {
  const [lo, hi] = labSizes(s);
  const sizes = Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
  const count = Math.max(8, Math.ceil(EVAL_EXAMPLES / sizes.length));
  const e = evaluate(model, task, { sizes, count, seed: EVAL_SEED });
  return { overall: e.overall, bySize: e.bySize, byPosition: e.byPosition };
}

const plain = (task: Task, d: Decoded): LabDecoded => ({
  tokens: task.target.decode(d.ids),
  alphas: d.alphas,
  logProb: d.logProb,
});

/** How far a decode runs: a few tokens past the answer's length, enough to see a model run on, without a tall map of noise. */
function decodeLength(task: Task, source: readonly string[], ids: readonly number[]): number {
  const expected = expectedFor(task, source);
  return expected.length > 0 ? expected.length + 3 : Math.max(12, 2 * ids.length + 4);
}

/** The answer the task expects for a source, or [] when it has none (a typed date that does not parse). */
function expectedFor(task: Task, source: readonly string[]): string[] {
  try {
    const out = task.solve(source);
    return out.some((t) => !task.target.tokens.includes(t)) ? [] : out;
  } catch {
    return [];
  }
}

export { LAB_CLIP, labSizes, trainerConfig, twinAttention };

/** Where a session sends its replies (the worker's postMessage, or a test's array). */
export type Post = (message: FromWorker) => void;

/**
 * Switches the engine's ops to a backend; returns the renderer, or why it
 * cannot. `lost` says why a working backend cannot run ops right now (its
 * context is lost): the choice holds and the ops use it once it is back.
 */
export type BackendSwitch = (
  backend: LabBackend,
) => { ok: true; renderer: string; lost?: string } | { ok: false; reason: string };

/** Pins every op to the CPU or to WebGL2 (ops without a WebGL2 kernel stay on the CPU). */
export const cpuOnly: BackendSwitch = (backend) =>
  backend === 'cpu'
    ? { ok: true, renderer: m.widget_training_lab_worker_cpu_here() }
    : { ok: false, reason: m.widget_training_lab_worker_no_webgl2() };

/** One lab run: trainers, the loop, decoding, export and import. */
export class LabSession {
  readonly #post: Post;
  readonly #switchBackend: BackendSwitch;
  #settings: LabSettings | undefined;
  #extras: ModelExtras = { encoder: 'gru' };
  #main: Trainer | undefined;
  #twin: Trainer | undefined;
  #running = false;
  /** Steps the loaded weights had already been trained for (from the file's meta), so an export counts them. */
  #stepOffset = 0;
  #losses: number[] = [];
  #twinLosses: number[] = [];
  #lastProgress = 0;
  #lastDecode = 0;
  #rate = { steps: 0, ms: 0 };
  /** Milliseconds each model has spent in its own training steps since its weights were drawn or loaded. */
  #trainMs = { main: 0, twin: 0 };
  #request: { source: string[]; settings: DecodeSettings } | undefined;
  /** Messages handled so far: a decode ahead still to run is dropped once another message has come in. */
  #handled = 0;
  /** The backend the reader asked for and got, with its renderer (kept while a WebGL2 context is lost). */
  #requested: { backend: LabBackend; renderer: string } = { backend: 'cpu', renderer: '' };

  constructor(post: Post, switchBackend: BackendSwitch = cpuOnly) {
    this.#post = post;
    this.#switchBackend = switchBackend;
  }

  /** True while the loop runs. */
  get running(): boolean {
    return this.#running;
  }

  /** The main trainer (tests read its history). */
  get trainer(): Trainer | undefined {
    return this.#main;
  }

  /** Handles one (already validated) message. */
  handle(message: ToWorker): void {
    this.#handled++;
    try {
      this.#handle(message);
    } catch (e) {
      this.#post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  #handle(message: ToWorker): void {
    switch (message.type) {
      case 'language':
        useLocale(message.tag);
        return;
      case 'configure':
        this.#configure(message.settings);
        return;
      case 'backend':
        this.#backend(message.backend);
        return;
      case 'export':
        this.#export(message.id);
        return;
      case 'import':
        this.#import(message.text, message.origin);
        return;
      case 'decode': {
        this.#request = { source: message.source, settings: message.settings };
        const main = this.#main;
        const shown = main !== undefined && message.shownAt === this.#totalSteps(main);
        if (shown) this.#lastDecode = performance.now();
        else this.#decode();
        this.#decodeAhead();
        return;
      }
      case 'find-disagreement': {
        const main = this.#main;
        const s = this.#settings;
        if (main === undefined || s === undefined) throw new Error('the lab has no model yet');
        const found = findDisagreement(main.model, main.task, labSizes(s), labSizeCap(s.task), message.settings);
        this.#post({ type: 'disagreement', ...found });
        return;
      }
    }
    const main = this.#main;
    if (main === undefined) throw new Error('the lab has no settings yet');
    if (message.type === 'start') {
      this.#start();
      return;
    }
    this.#running = false;
    if (message.type === 'pause') {
      this.#progress();
      return;
    }
    if (message.type === 'step') this.#stepBoth();
    else {
      main.reset();
      this.#twin?.reset();
      this.#stepOffset = 0;
      this.#losses = [];
      this.#twinLosses = [];
      this.#trainMs = { main: 0, twin: 0 };
    }
    this.#afterSteps(true);
  }

  #configure(s: LabSettings): void {
    this.#running = false;
    this.#settings = s;
    this.#extras = { encoder: 'gru' };
    this.#stepOffset = 0;
    this.#build();
  }

  #build(): void {
    const s = this.#settings as LabSettings;
    this.#main = new Trainer(trainerConfig(s, s.attention, this.#extras));
    this.#twin = s.compare ? new Trainer(trainerConfig(s, twinAttention(s.attention), this.#extras)) : undefined;
    this.#losses = [];
    this.#twinLosses = [];
    this.#rate = { steps: 0, ms: 0 };
    this.#trainMs = { main: 0, twin: 0 };
    this.#afterSteps(true);
  }

  #backend(backend: LabBackend): void {
    const r = this.#switchBackend(backend);
    this.#rate = { steps: 0, ms: 0 };
    if (r.ok) {
      dispatch.force = backend;
      this.#requested = { backend, renderer: r.renderer };
      if (r.lost !== undefined) this.deviceChanged(r.lost);
      else this.#post({ type: 'backend', backend, requested: backend, renderer: r.renderer, unavailable: '' });
    } else {
      dispatch.force = 'cpu';
      this.#requested = { backend: 'cpu', renderer: this.#cpuRenderer() };
      const renderer = this.#requested.renderer;
      this.#post({ type: 'backend', backend: 'cpu', requested: 'cpu', renderer, unavailable: r.reason });
    }
  }

  #cpuRenderer(): string {
    const cpu = this.#switchBackend('cpu');
    return cpu.ok ? cpu.renderer : 'CPU';
  }

  /**
   * The WebGL2 device went away (`problem`, e.g. a lost context) or came back
   * (undefined). The engine already sends every op to the CPU while the device
   * is unusable and recomputes lost device values there, so the run goes on;
   * this only tells the page which backend the ops run on now. The reader's
   * choice stays WebGL2, so the ops return to it when the context is restored.
   */
  deviceChanged(problem: string | undefined): void {
    const want = this.#requested;
    if (want.backend !== 'webgl2') return;
    this.#rate = { steps: 0, ms: 0 };
    if (problem === undefined)
      this.#post({ type: 'backend', backend: 'webgl2', requested: 'webgl2', renderer: want.renderer, unavailable: '' });
    else {
      const renderer = this.#cpuRenderer();
      this.#post({ type: 'backend', backend: 'cpu', requested: 'webgl2', renderer, unavailable: problem });
    }
  }

  /** One step of each model, each timed on its own so the page can say how long each took to learn. */
  #stepBoth(): void {
    const main = this.#main as Trainer;
    const t0 = performance.now();
    this.#losses.push(main.stepOnce().loss);
    const t1 = performance.now();
    if (this.#twin !== undefined) this.#twinLosses.push(this.#twin.stepOnce().loss);
    const t2 = performance.now();
    this.#trainMs.main += t1 - t0;
    this.#trainMs.twin += t2 - t1;
    this.#rate.ms += t2 - t0;
    this.#rate.steps++;
  }

  #start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#progress();
    const loop = () => {
      if (!this.#running) return;
      try {
        const end = performance.now() + CHUNK_MS;
        const stopAt = this.#settings?.stopAt ?? 0;
        do {
          if (stopAt > 0 && this.#totalSteps(this.#main as Trainer) >= stopAt) {
            this.#running = false;
            break;
          }
          this.#stepBoth();
          if (this.#totalSteps(this.#main as Trainer) % EVAL_EVERY === 0) this.#evaluate();
        } while (performance.now() < end);
        this.#afterSteps(!this.#running);
      } catch (e) {
        this.#running = false;
        this.#post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
        this.#progress();
        return;
      }
      if (this.#running) setTimeout(loop, 0);
    };
    setTimeout(loop, 0);
  }

  /** Progress (throttled unless `now`), a fresh decode of the reader's input, and on `now` an evaluation. */
  #afterSteps(now: boolean): void {
    const t = performance.now();
    if (now || t - this.#lastProgress >= PROGRESS_MS) this.#progress();
    if (now) {
      // The loop has just evaluated at a multiple of EVAL_EVERY; weights fresh or just loaded have no evaluation yet.
      const main = this.#main as Trainer;
      if (this.#totalSteps(main) % EVAL_EVERY !== 0 || main.step === 0) this.#evaluate();
    }
    if (now || t - this.#lastDecode >= DECODE_MS) this.#decode();
  }

  /** Steps the current weights have been trained for in all: before they were loaded, and here. */
  #totalSteps(main: Trainer): number {
    return this.#stepOffset + main.step;
  }

  #progress(): void {
    const main = this.#main;
    if (main === undefined) return;
    this.#lastProgress = performance.now();
    const r = this.#rate;
    this.#post({
      type: 'progress',
      step: this.#totalSteps(main),
      trainedBefore: this.#stepOffset,
      running: this.#running,
      losses: this.#losses,
      twinLosses: this.#twinLosses,
      stepsPerSecond: r.ms > 0 ? (1000 * r.steps) / r.ms : 0,
      paramCount: countParams(main.model.config),
      twinAttention: this.#twin === undefined ? null : (this.#twin.model.config.attention as LabAttention),
    });
    this.#losses = [];
    this.#twinLosses = [];
    if (r.steps >= 200) this.#rate = { steps: 0, ms: 0 };
  }

  #evaluate(): void {
    const main = this.#main;
    const s = this.#settings;
    if (main === undefined || s === undefined) return;
    this.#post({
      type: 'evaluation',
      step: this.#totalSteps(main),
      model: evaluateLab(main.model, main.task, s),
      twin: this.#twin === undefined ? null : evaluateLab(this.#twin.model, this.#twin.task, s),
      seconds: this.#trainMs.main / 1000,
      twinSeconds: this.#twin === undefined ? null : this.#trainMs.twin / 1000,
    });
  }

  #decode(): void {
    const main = this.#main;
    const req = this.#request;
    if (main === undefined || req === undefined || req.source.length === 0) return;
    this.#lastDecode = performance.now();
    const task = main.task;
    const unknown = req.source.filter((t) => !task.source.tokens.includes(t) || t.startsWith('<'));
    if (unknown.length > 0) {
      this.#request = undefined;
      throw new Error(`not in the ${task.name} vocabulary: ${[...new Set(unknown)].join(' ')}`);
    }
    const ids = task.source.encode(req.source);
    const expected = expectedFor(task, req.source);
    const maxLength = decodeLength(task, req.source, ids);
    const [greedy] = greedyDecode(main.model, [ids], maxLength);
    const chosen = labChosen(main.model, task, ids, req.settings, maxLength);
    const twin = this.#twin === undefined ? undefined : greedyDecode(this.#twin.model, [ids], maxLength)[0];
    this.#post({
      type: 'decoded',
      step: this.#totalSteps(main),
      source: req.source,
      expected,
      greedy: plain(task, greedy as Decoded),
      chosen,
      twin: twin === undefined ? null : plain(task, twin),
    });
  }

  /**
   * While the model is not training: the reader's input with the settings a reader goes to next (widthsBeside),
   * each in its own task after the answer, so a message that comes in meanwhile is not held up by more than one,
   * and dropped once one has (it may have changed the model or the request).
   */
  #decodeAhead(): void {
    const main = this.#main;
    const req = this.#request;
    if (main === undefined || req === undefined || this.#running) return;
    const handled = this.#handled;
    for (const settings of widthsBeside(req.settings)) {
      setTimeout(() => {
        if (this.#handled !== handled || this.#running) return;
        const task = main.task;
        const ids = task.source.encode(req.source);
        const chosen = labChosen(main.model, task, ids, settings, decodeLength(task, req.source, ids));
        this.#post({ type: 'decoded-ahead', step: this.#totalSteps(main), source: req.source, chosen });
      }, 0);
    }
  }

  #export(id: number): void {
    const main = this.#main;
    if (main === undefined) throw new Error('nothing to export yet');
    const meta = { source: 'Stepwise training lab', trainer: main.config, steps: this.#totalSteps(main) };
    this.#post({ type: 'exported', id, text: exportSeq2Seq(main.model, meta) });
  }

  /** Checks the whole file before touching anything: on any error the current model keeps training as it was. */
  #import(text: string, origin: string): void {
    const current = this.#settings;
    if (current === undefined) throw new Error('the lab has no settings yet');
    let next: { settings: LabSettings; extras: ModelExtras; trainer: Trainer; meta: Record<string, unknown> };
    try {
      next = prepareImport(text, current);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new Error(m.widget_training_lab_import_failed({ origin, why }));
    }
    const { settings, extras, trainer, meta } = next;
    this.#running = false;
    this.#settings = settings;
    this.#extras = extras;
    this.#stepOffset = Number.isSafeInteger(meta.steps) && (meta.steps as number) >= 0 ? (meta.steps as number) : 0;
    this.#main = trainer;
    this.#twin = undefined;
    this.#post({ type: 'imported', origin, settings, meta });
    this.#losses = [];
    this.#twinLosses = [];
    this.#trainMs = { main: 0, twin: 0 };
    this.#afterSteps(true);
  }
}
