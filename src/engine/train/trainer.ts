/**
 * A small stateful trainer for the lab: step once, run, pause, resume,
 * reset, snapshot, restore. Its whole state is params + optimizer moments
 * + the batch RNG's state + the step count (+ the loss history), so a
 * snapshot restored anywhere continues exactly as if never paused. No DOM:
 * it runs in a Web Worker (a snapshot survives structuredClone/postMessage).
 */
import type { Seq2Seq } from '../models/seq2seq.ts';
import { initSeq2Seq, type Seq2SeqConfig, seq2seqShapes } from '../models/seq2seq-params.ts';
import { type StatefulRng, statefulRng } from '../random.ts';
import { sampleBatch } from '../tasks/batch.ts';
import { type TaskName, taskByName } from '../tasks/by-name.ts';
import type { Task } from '../tasks/task.ts';
import { Tensor } from '../tensor.ts';
import { copyOptimizerState, initOptimizer, type OptimizerConfig, type OptimizerState } from './optimizers.ts';
import { type StepReport, trainStep } from './step.ts';

/** Everything that defines a training run (plain data, so it can travel in a URL or a message). */
export interface TrainerConfig {
  readonly task: TaskName;
  /** Input sizes to train on: one size, or a uniform range [lo, hi]. */
  readonly sizes: number | readonly [number, number];
  readonly batchSize: number;
  /** The model's sizes; the vocabularies come from the task. */
  readonly model: Omit<Seq2SeqConfig, 'sourceVocab' | 'targetVocab'>;
  readonly optimizer: OptimizerConfig;
  /** Max global gradient norm (none when omitted). */
  readonly clip?: number;
  /** Seeds the initial weights; the batch stream uses seed + 1. */
  readonly seed: number;
}

/** A trainer's complete state, structured-clone safe. */
export interface TrainerSnapshot {
  readonly config: TrainerConfig;
  readonly step: number;
  readonly rng: number;
  readonly params: Readonly<Record<string, { readonly shape: readonly number[]; readonly values: Float32Array }>>;
  readonly optimizer: OptimizerState;
  readonly history: readonly StepReport[];
}

/**
 * The model config a Trainer with `config` builds: its model's settings and its task's vocabulary sizes. A page
 * that only counts a model's parameters asks this, not a Trainer (whose step code would then join the chunk every
 * widget page loads: issue 14, 3.4 kB gzip).
 */
export function trainerModelConfig(config: TrainerConfig): Seq2SeqConfig {
  const task = taskByName(config.task);
  return { ...config.model, sourceVocab: task.source.size, targetVocab: task.target.size };
}

/** Trains a seq2seq model on a generated task, one batch per step. */
export class Trainer {
  readonly config: TrainerConfig;
  readonly task: Task;
  #model!: Seq2Seq;
  #optimizer!: OptimizerState;
  #rng!: StatefulRng;
  #step = 0;
  #history: StepReport[] = [];
  #running = false;

  constructor(config: TrainerConfig) {
    this.config = config;
    this.task = taskByName(config.task);
    this.reset();
  }

  /** The current model (immutable; a later step makes a new one). */
  get model(): Seq2Seq {
    return this.#model;
  }

  /** Steps taken since the start (or the last reset). */
  get step(): number {
    return this.#step;
  }

  /** One report per step taken, in order. */
  get history(): readonly StepReport[] {
    return this.#history;
  }

  /** True while `run` is looping. */
  get running(): boolean {
    return this.#running;
  }

  /** Back to step 0: fresh weights from the seed, zero moments, the batch stream from its start. */
  reset(): void {
    const c = this.config;
    const modelConfig = trainerModelConfig(c);
    this.#model = { config: modelConfig, params: initSeq2Seq(modelConfig, statefulRng(c.seed).next) };
    this.#optimizer = initOptimizer(c.optimizer, this.#model.params);
    this.#rng = statefulRng(c.seed + 1);
    this.#step = 0;
    this.#history = [];
  }

  /** Takes one step (draws a batch, updates) and returns its report. */
  stepOnce(): StepReport {
    const batch = sampleBatch(this.task, this.#rng.next, this.config.batchSize, this.config.sizes);
    const out = trainStep(this.#model, batch, this.config.optimizer, this.#optimizer, this.config.clip);
    this.#model = out.model;
    this.#optimizer = out.state;
    this.#step++;
    this.#history.push(out.report);
    return out.report;
  }

  /**
   * Steps until `pause()` or `maxSteps` more steps, yielding to the event
   * loop every `yieldEvery` steps so a pause (or a worker message) gets in.
   * `onStep` sees every report; returning false from it pauses too.
   */
  async run(
    options: {
      readonly maxSteps?: number;
      readonly yieldEvery?: number;
      readonly onStep?: (r: StepReport, step: number) => boolean | undefined;
    } = {},
  ): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    const end = this.#step + (options.maxSteps ?? Number.POSITIVE_INFINITY);
    const every = Math.max(1, options.yieldEvery ?? 1);
    try {
      while (this.#running && this.#step < end) {
        const report = this.stepOnce();
        if (options.onStep?.(report, this.#step) === false) break;
        if (this.#step % every === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      this.#running = false;
    }
  }

  /** Stops `run` after the step in progress; the state stays exactly where it is. */
  pause(): void {
    this.#running = false;
  }

  /** A copy of the whole state (no tensors: arrays that survive postMessage and JSON via snapshotToJson). */
  snapshot(): TrainerSnapshot {
    const params: Record<string, { shape: number[]; values: Float32Array }> = {};
    for (const [name, t] of Object.entries(this.#model.params))
      params[name] = { shape: [...t.shape], values: Float32Array.from(t.values()) };
    return {
      config: this.config,
      step: this.#step,
      rng: this.#rng.get(),
      params,
      optimizer: copyOptimizerState(this.#optimizer),
      history: [...this.#history],
    };
  }

  /** Restores a snapshot of a trainer with the same config (checked); continues exactly from there. */
  restore(s: TrainerSnapshot): void {
    if (JSON.stringify(s.config) !== JSON.stringify(this.config))
      throw new Error('snapshot was taken with a different trainer config');
    const params: Record<string, Tensor> = {};
    for (const [name, shape] of Object.entries(seq2seqShapes(this.#model.config))) {
      const p = s.params[name];
      if (p === undefined || p.shape.join() !== shape.join()) throw new Error(`snapshot lacks ${name} [${shape}]`);
      params[name] = new Tensor(shape, Float32Array.from(p.values));
    }
    this.#model = { config: this.#model.config, params };
    this.#optimizer = copyOptimizerState(s.optimizer);
    this.#rng.set(s.rng);
    this.#step = s.step;
    this.#history = [...s.history];
  }

  /** A trainer restored from a snapshot (same config). */
  static fromSnapshot(s: TrainerSnapshot): Trainer {
    const t = new Trainer(s.config);
    t.restore(s);
    return t;
  }
}
