import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  gruCell,
  lstmCell,
  mulberry32,
  type RecurrentParams,
  runSequence,
  type Tensor,
  uniformTensor,
} from '~engine/index.ts';

/**
 * LSTM and GRU cross-checked against @tensorflow/tfjs layers (CPU backend)
 * with the same weights. Keras layouts: kernel [I, k·H] (our W_ihᵀ), gates
 * z, r, h for the GRU (ours r, z, n), i, f, c, o for the LSTM (same order as
 * ours); one bias, so it gets b_ih + b_hh. tfjs's GRU only implements
 * reset_after = false, which is the Cho et al. variant; the PyTorch variant
 * is checked against the numpy reference instead.
 */
const T = 6;
const I = 3;
const H = 5;
const rng = mulberry32(2024);
const xs = Array.from({ length: T }, () => uniformTensor([I], rng));

function params(gates: number): RecurrentParams {
  return {
    W_ih: uniformTensor([gates * H, I], rng, 0.8),
    W_hh: uniformTensor([gates * H, H], rng, 0.8),
    b_ih: uniformTensor([gates * H], rng, 0.3),
    b_hh: uniformTensor([gates * H], rng, 0.3),
  };
}

/** Rows [k·H, C] as a [C, k·H] tf tensor with the gate blocks in `order` (indices into our blocks). */
function kerasKernel(w: Tensor, order: number[]): tf.Tensor2D {
  const blocks = tf.split(tf.tensor2d(w.toArray(), w.shape as [number, number]), order.length === 3 ? 3 : 4, 0);
  return tf
    .concat(
      order.map((k) => blocks[k] as tf.Tensor2D),
      0,
    )
    .transpose() as tf.Tensor2D;
}

function kerasBias(p: RecurrentParams, order: number[]): tf.Tensor1D {
  const b = tf.add(tf.tensor1d(p.b_ih.toArray()), tf.tensor1d(p.b_hh.toArray())) as tf.Tensor1D;
  const blocks = tf.split(b, order.length, 0);
  return tf.concat(
    order.map((k) => blocks[k] as tf.Tensor1D),
    0,
  ) as tf.Tensor1D;
}

function runKeras(layer: tf.layers.Layer, weights: tf.Tensor[]): number[][] {
  const input = tf.tensor3d(
    xs.flatMap((x) => x.toArray()),
    [1, T, I],
  );
  layer.apply(input);
  layer.setWeights(weights);
  const out = layer.apply(input) as tf.Tensor3D;
  return (out.arraySync()[0] ?? []) as number[][];
}

function expectSameStates(ours: Tensor[], keras: number[][]): void {
  ours.forEach((h, t) => {
    h.toArray().forEach((v, j) => {
      const k = keras[t]?.[j] ?? Number.NaN;
      expect(Math.abs(v - k)).toBeLessThanOrEqual(1e-6 + 1e-5 * Math.abs(k));
    });
  });
}

describe('cross-check with @tensorflow/tfjs', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it("gruCell(p, 'cho') equals tf.layers.gru (reset_after = false, sigmoid gates) at every step", () => {
    const p = params(3);
    const zrh = [1, 0, 2];
    const layer = tf.layers.gru({ units: H, returnSequences: true, recurrentActivation: 'sigmoid' });
    const keras = runKeras(layer, [kerasKernel(p.W_ih, zrh), kerasKernel(p.W_hh, zrh), kerasBias(p, zrh)]);
    expectSameStates(
      runSequence(gruCell(p, 'cho'), xs).states.map((s) => s.h),
      keras,
    );
  });

  it('lstmCell(p) equals tf.layers.lstm (sigmoid gates, bias b_ih + b_hh) at every step', () => {
    const p = params(4);
    const ifco = [0, 1, 2, 3];
    const layer = tf.layers.lstm({ units: H, returnSequences: true, recurrentActivation: 'sigmoid' });
    const keras = runKeras(layer, [kerasKernel(p.W_ih, ifco), kerasKernel(p.W_hh, ifco), kerasBias(p, ifco)]);
    expectSameStates(
      runSequence(lstmCell(p), xs).states.map((s) => s.h),
      keras,
    );
  });
});
