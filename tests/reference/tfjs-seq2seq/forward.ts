/**
 * The training lab's seq2seq model written again in TensorFlow.js ops, from
 * the equations, not from the engine's code: an independent reference for the
 * engine's losses (tests) and the other side of the training race (bench).
 *
 *   encoder:  h→_j = GRU(x_j, h→_{j−1}),  h←_j = GRU(x_j, h←_{j+1}),  h_j = [h→_j; h←_j]
 *             a padded position keeps the state it was given
 *   start:    s₀ = tanh(W_init [h→_n; h←_1] + b_init)
 *   bahdanau: e_ij = vᵀ tanh(W_q s_{i−1} + W_k h_j),  α_i = softmax_j(e_i),  c_i = Σ_j α_ij h_j
 *   none:     c_i = [h→_n; h←_1] for every i
 *   decoder:  s_i = GRU([E y_{i−1}; c_i], s_{i−1}),  logits_i = W_out [s_i; c_i] + b_out
 *   GRU (nn.GRU, blocks r, z, n):  r = σ(W_ir x + b_ir + W_hr h + b_hr),  z likewise,
 *             n = tanh(W_in x + b_in + r ∘ (W_hn h + b_hn)),  h' = (1 − z) ∘ n + z ∘ h
 *   loss:     −(1/N) Σ log p(y_bi) over the N targets that are not <pad> (id 0)
 *
 * Deliberately other ways to the same numbers than the engine takes: embeddings
 * by tf.gather (the engine multiplies one-hot rows; see `lookup` for wasm), padding by tf.where (the
 * engine blends), the context by a weighted sum (the engine a batched matmul),
 * the loss by tf.logSoftmax, gradients by tf's autodiff.
 */
import * as tf from '@tensorflow/tfjs';

/** Parameters by their PyTorch state_dict names (seq2seq-params.ts lists them). */
export type TwinParams = Readonly<Record<string, tf.Tensor>>;

/** A batch as padded id rows, step-major targets not needed: the engine's Batch fits. */
export interface TwinBatch {
  readonly source: readonly (readonly number[])[];
  readonly sourceLengths: readonly number[];
  readonly decoderInput: readonly (readonly number[])[];
  readonly target: readonly (readonly number[])[];
}

/** How the decoder reads the source: the lab's default and its comparison twin. */
export type TwinAttention = 'bahdanau' | 'none';

function get(p: TwinParams, name: string): tf.Tensor {
  const t = p[name];
  if (t === undefined) throw new Error(`twin params lack ${name}`);
  return t;
}

/** One nn.GRU step for rows x [B, I], h [B, H], with the layer's weights under `prefix` and `suffix`. */
function gru(p: TwinParams, prefix: string, suffix: string, x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
  const w = (n: string) => get(p, `${prefix}.${n}${suffix}`);
  const gi = tf.add(tf.matMul(x, w('weight_ih'), false, true), w('bias_ih'));
  const gh = tf.add(tf.matMul(h, w('weight_hh'), false, true), w('bias_hh'));
  const [ir, iz, inn] = tf.split(gi, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const [hr, hz, hn] = tf.split(gh, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const r = tf.sigmoid(tf.add(ir, hr));
  const z = tf.sigmoid(tf.add(iz, hz));
  const n = tf.tanh(tf.add(inn, tf.mul(r, hn)));
  return tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h));
}

/**
 * Rows of `table` for `ids` by tf.gather; on tf's wasm backend, which has no
 * kernel for gather's gradient (UnsortedSegmentSum), as one-hot rows times the
 * table instead, so the bench can train the twin there too.
 */
function lookup(table: tf.Tensor, ids: tf.Tensor): tf.Tensor {
  if (tf.getBackend() !== 'wasm') return tf.gather(table, ids);
  const V = table.shape[0] as number;
  const rows = tf.matMul(
    tf.cast(tf.oneHot(tf.reshape(ids, [-1]) as tf.Tensor1D, V), 'float32') as tf.Tensor2D,
    table as tf.Tensor2D,
  );
  return tf.reshape(rows, [...ids.shape, table.shape[1] as number]);
}

/** Row b is real at position j when j < its length: a [B, width] boolean per position. */
function realAt(lengths: readonly number[], j: number, width: number): tf.Tensor2D {
  return tf.tensor2d(
    lengths.flatMap((l) => new Array<boolean>(width).fill(j < l)),
    [lengths.length, width],
    'bool',
  );
}

/** The encoder's annotations [B, n, 2H] and its summary [h→_n; h←_1] [B, 2H]. */
function encodeSource(p: TwinParams, batch: TwinBatch): { annotations: tf.Tensor3D; summary: tf.Tensor2D } {
  const B = batch.source.length;
  const n = batch.source[0]?.length ?? 0;
  const H = get(p, 'encoder.rnn.weight_hh_l0').shape[1] as number;
  const embedded = lookup(get(p, 'encoder.embedding.weight'), tf.tensor2d(batch.source as number[][], [B, n], 'int32'));
  const xs = tf.unstack(embedded, 1) as tf.Tensor2D[];
  const run = (suffix: string, order: number[]) => {
    const states = new Array<tf.Tensor2D>(n);
    let h = tf.zeros([B, H]) as tf.Tensor2D;
    for (const j of order) {
      h = tf.where(realAt(batch.sourceLengths, j, H), gru(p, 'encoder.rnn', suffix, xs[j] as tf.Tensor2D, h), h);
      states[j] = h;
    }
    return states;
  };
  const positions = Array.from({ length: n }, (_, j) => j);
  const forward = run('_l0', positions);
  const backward = run('_l0_reverse', [...positions].reverse());
  const annotations = tf.stack(
    positions.map((j) => tf.concat([forward[j] as tf.Tensor2D, backward[j] as tf.Tensor2D], 1)),
    1,
  ) as tf.Tensor3D;
  const summary = tf.concat([forward[n - 1] as tf.Tensor2D, backward[0] as tf.Tensor2D], 1);
  return { annotations, summary };
}

/** The additive read: context c [B, D] for the previous decoder state s [B, S]. */
function bahdanauRead(p: TwinParams, keys: tf.Tensor3D, annotations: tf.Tensor3D, real: tf.Tensor2D, s: tf.Tensor2D) {
  const [B, n, A] = keys.shape;
  const query = tf.matMul(s, get(p, 'decoder.attention.query.weight'), false, true);
  const hidden = tf.tanh(tf.add(keys, tf.reshape(query, [B, 1, A])));
  const e = tf.reshape(tf.matMul(tf.reshape(hidden, [B * n, A]), get(p, 'decoder.attention.v.weight'), false, true), [
    B,
    n,
  ]);
  const alpha = tf.softmax(tf.where(real, e, tf.fill([B, n], Number.NEGATIVE_INFINITY)));
  return tf.sum(tf.mul(tf.expandDims(alpha, 2), annotations), 1) as tf.Tensor2D;
}

/** The teacher-forced mean cross-entropy per real target token (a scalar), for tf's autodiff. */
export function teacherForcedLoss(p: TwinParams, batch: TwinBatch, attention: TwinAttention): tf.Scalar {
  const B = batch.source.length;
  const n = batch.source[0]?.length ?? 0;
  const T = batch.decoderInput[0]?.length ?? 0;
  const { annotations, summary } = encodeSource(p, batch);
  const D = summary.shape[1];
  let s = tf.tanh(
    tf.add(tf.matMul(summary, get(p, 'decoder.init.weight'), false, true), get(p, 'decoder.init.bias')),
  ) as tf.Tensor2D;
  const keys =
    attention === 'bahdanau'
      ? (tf.reshape(
          tf.matMul(tf.reshape(annotations, [B * n, D]), get(p, 'decoder.attention.key.weight'), false, true),
          [B, n, -1],
        ) as tf.Tensor3D)
      : undefined;
  const real = tf.tensor2d(
    batch.sourceLengths.flatMap((l) => Array.from({ length: n }, (_, j) => j < l)),
    [B, n],
    'bool',
  );
  const table = get(p, 'decoder.embedding.weight');
  const features: tf.Tensor2D[] = [];
  const targets: number[] = [];
  for (let i = 0; i < T; i++) {
    const y = lookup(
      table,
      tf.tensor1d(
        batch.decoderInput.map((row) => row[i] ?? 0),
        'int32',
      ),
    ) as tf.Tensor2D;
    const c = keys === undefined ? summary : bahdanauRead(p, keys, annotations, real, s);
    s = gru(p, 'decoder.rnn', '_l0', tf.concat([y, c], 1), s);
    features.push(tf.concat([s, c], 1));
    for (const row of batch.target) targets.push(row[i] ?? 0);
  }
  const logits = tf.add(
    tf.matMul(tf.concat(features, 0), get(p, 'decoder.out.weight'), false, true),
    get(p, 'decoder.out.bias'),
  );
  const V = logits.shape[1] as number;
  const counted = targets.filter((id) => id !== 0).length;
  const picked = tf.mul(
    tf.oneHot(tf.tensor1d(targets, 'int32'), V),
    tf.tensor2d(
      targets.map((id) => (id === 0 ? 0 : 1)),
      [targets.length, 1],
    ),
  );
  return tf.div(tf.neg(tf.sum(tf.mul(picked, tf.logSoftmax(logits)))), Math.max(1, counted)) as tf.Scalar;
}
