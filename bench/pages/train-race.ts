/**
 * The training race of the performance issue: the lab's 8-digit reversal
 * model (LAB_TRAINER) trained to 95% exact-sequence accuracy by Stepwise's
 * Trainer on its CPU backend, and by the TensorFlow.js twin
 * (tests/reference/tfjs-seq2seq) on a tfjs backend: same sizes, starting
 * weights, batches, seed and optimiser. Both are probed the same way every
 * 25 steps (greedy decoding of 100 fresh examples by the engine on the CPU;
 * the twin's weights are copied into an engine model for it), and the probes
 * are not counted in the training time.
 */
import {
  dispatch,
  evaluate,
  type Seq2Seq,
  type Task,
  Tensor,
  Trainer,
  type TrainerConfig,
} from '../../src/engine/index.ts';
import { TfjsTwin } from '../../tests/reference/tfjs-seq2seq/twin.ts';
import { LAB_TRAINER } from './stepwise-impl.ts';

/** What one contender took to reach 95%. */
export interface RaceResult {
  contender: string;
  reached: boolean;
  /** The probe step at which 95% was first seen (or the step it stopped at). */
  step: number;
  /** Milliseconds spent in training steps only. */
  trainMs: number;
  /** Milliseconds including the probes. */
  wallMs: number;
  accuracy: number | null;
  firstLoss: number;
  lastLoss: number;
}

/** The same probe for every contender: exact sequences on 100 8-digit reversals from seed 999, on the CPU. */
function probe(model: Seq2Seq, task: Task): number {
  const before = dispatch.force;
  dispatch.force = 'cpu';
  try {
    return evaluate(model, task, { sizes: [8], count: 100, seed: 999 }).overall.sequence;
  } finally {
    dispatch.force = before;
  }
}

/** A stepper for each contender: one training step, returning its loss, and the model to probe. */
function contenderSteps(contender: string, config: TrainerConfig, shell: Trainer) {
  if (contender === 'stepwise-cpu') {
    dispatch.force = 'cpu';
    const done = () => {
      dispatch.force = undefined;
    };
    return { step: () => shell.stepOnce().loss, model: () => shell.model, done };
  }
  const twin = new TfjsTwin(config);
  const model = (): Seq2Seq => ({
    config: shell.model.config,
    params: Object.fromEntries(Object.entries(twin.weights()).map(([n, w]) => [n, new Tensor(w.shape, w.values)])),
  });
  return { step: () => twin.stepOnce(), model, done: () => twin.dispose() };
}

/**
 * Trains one contender ('stepwise-cpu', or 'tfjs-<backend>' with that tf
 * backend already active) until the probe reads ≥ 95% or `maxSteps`.
 */
export function raceTo95(contender: string, maxSteps = 600): RaceResult {
  const config = LAB_TRAINER as TrainerConfig;
  const shell = new Trainer(config);
  const c = contenderSteps(contender, config, shell);
  const losses: number[] = [];
  let trainMs = 0;
  const t0 = performance.now();
  try {
    for (let step = 1; step <= maxSteps; step++) {
      const s0 = performance.now();
      losses.push(c.step());
      trainMs += performance.now() - s0;
      if (step % 25 !== 0 && step !== maxSteps) continue;
      const accuracy = probe(c.model(), shell.task);
      if (accuracy >= 0.95 || step === maxSteps) {
        const wallMs = performance.now() - t0;
        const ends = { firstLoss: losses[0] as number, lastLoss: losses.at(-1) as number };
        return { contender, reached: accuracy >= 0.95, step, trainMs, wallMs, accuracy, ...ends };
      }
    }
    throw new Error('maxSteps must be at least 1');
  } finally {
    c.done();
  }
}
