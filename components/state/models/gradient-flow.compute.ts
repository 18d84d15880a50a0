import {
  clipByGlobalNorm,
  gradientNorms,
  lstmCell,
  lstmJacobians,
  mulberry32,
  randn,
  rnnCell,
  rnnJacobians,
  runSequence,
  Trace,
  tensor,
  valueAndGrad,
} from '~engine/index.ts';

/** What the gradients-through-time widget lets a reader change. */
export interface GradientFlowSettings {
  /** The recurrent weight w (every recurrent weight of both one-unit cells). */
  w: number;
  /** Sequence length T. */
  steps: number;
  /** The LSTM forget gate's bias: large keeps the cell path open. */
  forgetBias: number;
  /** Standard deviation of the seeded random inputs (0: all inputs zero). */
  inputScale: number;
  seed: number;
  /** Gradient clipping threshold θ (0: no clipping). */
  clip: number;
}

/** Defaults: a recurrent weight just below 1, inputs of moderate size. */
export const defaultGradientFlow: GradientFlowSettings = {
  w: 0.9,
  steps: 40,
  forgetBias: 3,
  inputScale: 0.5,
  seed: 7,
  clip: 0,
};

/** One point of the plot: how strongly the state at step t still moves the state at step T. */
export interface FlowPoint {
  t: number;
  /** ‖∂h_T/∂h_t‖ of the plain tanh RNN. */
  rnn: number;
  /** ‖∂c_T/∂c_t‖ along the LSTM's cell path. */
  lstmCell: number;
  /** ‖∂(h_T, c_T)/∂(h_t, c_t)‖ of the whole LSTM state. */
  lstm: number;
  /**
   * The plain RNN's value times the clipping factor: clipping scales the whole
   * parameter gradient, so every step's share of it shrinks by the same factor
   * (equal to `rnn` without clipping or below θ).
   */
  rnnClipped: number;
}

/** What clipping by global norm does to the plain RNN's update when the loss is h_T. */
export interface Clipping {
  /** ‖g‖: the norm of ∂h_T/∂(W_ih, W_hh, b_ih, b_hh), all four together. */
  norm: number;
  /** The factor every gradient is multiplied by: θ/‖g‖ when ‖g‖ > θ > 0, else 1. */
  scale: number;
}

/** The widget's numbers: one point per t and the clipping of the whole gradient. */
export interface GradientFlow {
  points: FlowPoint[];
  clipping: Clipping;
}

/** The per-t points alone (see flowWithClipping). */
export function computeGradientFlow(s: GradientFlowSettings): FlowPoint[] {
  return flowWithClipping(s).points;
}

/**
 * Runs a one-unit tanh RNN and a one-unit LSTM over the same seeded inputs
 * with the engine, then multiplies their per-step Jacobians backwards. For
 * clipping, the engine's autodiff takes h_T as the loss and differentiates it
 * with respect to all four RNN parameters; clipByGlobalNorm gives the one
 * factor that scales all of them.
 */
export function flowWithClipping(s: GradientFlowSettings): GradientFlow {
  const rng = mulberry32(s.seed);
  const xs = Array.from({ length: s.steps }, () => tensor([randn(rng) * s.inputScale]));

  const rnnTrace = new Trace();
  const W_hh = tensor([[s.w]]);
  const rnnParams = { W_ih: tensor([[1]]), W_hh, b_ih: tensor([0]), b_hh: tensor([0]) };
  runSequence(rnnCell(rnnParams), xs, { trace: rnnTrace });
  const rnn = gradientNorms(rnnJacobians(W_hh, rnnTrace)).total;
  const { grads } = valueAndGrad((p) => runSequence(rnnCell(p), xs).final.h, rnnParams);
  const clip = clipByGlobalNorm(grads, s.clip > 0 ? s.clip : Number.POSITIVE_INFINITY);
  const clipping = { norm: clip.norm, scale: clip.clipped ? s.clip / clip.norm : 1 };

  const lstmTrace = new Trace();
  const lstmW = tensor([[s.w], [s.w], [s.w], [s.w]]);
  const params = {
    W_ih: tensor([[1], [1], [1], [1]]),
    W_hh: lstmW,
    b_ih: tensor([0, s.forgetBias, 0, 0]),
    b_hh: tensor([0, 0, 0, 0]),
  };
  runSequence(lstmCell(params), xs, { trace: lstmTrace });
  const lstm = gradientNorms(lstmJacobians(lstmW, lstmTrace), { cell: { begin: [1, 1], size: [1, 1] } });

  const points = rnn.map((r, t) => ({
    t,
    rnn: r,
    lstmCell: lstm.blocks.cell?.[t] ?? Number.NaN,
    lstm: lstm.total[t] ?? Number.NaN,
    rnnClipped: r * clipping.scale,
  }));
  return { points, clipping };
}
