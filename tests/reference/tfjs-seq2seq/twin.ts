/**
 * A TensorFlow.js twin of a lab Trainer: the same starting weights (the
 * engine model's state_dict, PyTorch names), the same batches (the engine's
 * sampler with the trainer's batch seed), then its own loss, gradients
 * (tf.variableGrads), clipping by global norm and tf.train.adam.
 *
 * It lives in tests/reference/ because it is an expected value first: the
 * unit test and the lab's browser test compare the engine against it, and
 * the bench page (which already imports from tests/) races it against the
 * engine. Loading a state dict and drawing batches are not what it checks,
 * so it borrows those from the engine; every number it trains with is tf's.
 */
import * as tf from '@tensorflow/tfjs';
import {
  type Batch,
  exportSeq2Seq,
  sampleBatch,
  statefulRng,
  Trainer,
  type TrainerConfig,
  taskByName,
} from '../../../src/engine/index.ts';
import { type TwinAttention, teacherForcedLoss } from './forward.ts';

type Nested = number | Nested[];

/** Adam's ε: PyTorch's and the engine's default (tf's own default is its backend's epsilon, 1e-7). */
const ADAM_EPS = 1e-8;

/** The lab's model trained by TensorFlow.js on whichever tf backend is active. */
export class TfjsTwin {
  readonly attention: TwinAttention;
  readonly #variables: Record<string, tf.Variable>;
  readonly #optimizer: tf.AdamOptimizer;
  readonly #clip: number;
  readonly #nextBatch: () => Batch;

  /** A twin of `new Trainer(config)`: its initial weights and its stream of batches. */
  constructor(config: TrainerConfig) {
    const m = config.model;
    if (m.encoder !== 'gru' || (m.gruVariant ?? 'pytorch') !== 'pytorch')
      throw new Error('the twin has a PyTorch-style GRU encoder only');
    if (m.attention !== 'bahdanau' && m.attention !== 'none') throw new Error(`no twin for ${m.attention} attention`);
    if (config.optimizer.kind !== 'adam') throw new Error('the twin trains with Adam only');
    const o = config.optimizer;
    this.attention = m.attention;
    const file = JSON.parse(exportSeq2Seq(new Trainer(config).model)) as { state_dict: Record<string, Nested> };
    this.#variables = Object.fromEntries(
      Object.entries(file.state_dict).map(([name, values]) => [
        name,
        tf.tidy(() => tf.variable(tf.tensor(values, undefined, 'float32'))),
      ]),
    );
    this.#optimizer = tf.train.adam(o.lr, o.beta1 ?? 0.9, o.beta2 ?? 0.999, o.eps ?? ADAM_EPS);
    this.#clip = config.clip ?? Number.POSITIVE_INFINITY;
    // The trainer's batch stream: seed + 1 (TrainerConfig.seed), one batch per step.
    const task = taskByName(config.task);
    const rng = statefulRng(config.seed + 1);
    this.#nextBatch = () => sampleBatch(task, rng.next, config.batchSize, config.sizes);
  }

  /** One step on the next batch; returns the loss before the update (read back, as the lab reads its own). */
  stepOnce(): number {
    const batch = this.#nextBatch();
    const params = this.#variables;
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => teacherForcedLoss(params, batch, this.attention));
      // Clip by global norm: scale by clip / ‖g‖ when that is below 1, on the device (no readback for the decision).
      const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
      const scale = tf.minimum(1, tf.div(this.#clip, norm));
      this.#optimizer.applyGradients(Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, scale)])));
      return tf.keep(value);
    });
    const out = loss.dataSync()[0] as number;
    loss.dispose();
    return out;
  }

  /** The current weights by state_dict name (shape and float32 values), e.g. to decode with them. */
  weights(): Record<string, { shape: number[]; values: Float32Array }> {
    return Object.fromEntries(
      Object.entries(this.#variables).map(([name, v]) => [
        name,
        { shape: v.shape, values: Float32Array.from(v.dataSync()) },
      ]),
    );
  }

  /** Frees the weights and Adam's moments. */
  dispose(): void {
    for (const v of Object.values(this.#variables)) v.dispose();
    this.#optimizer.dispose();
  }
}
