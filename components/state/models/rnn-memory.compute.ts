import { rnnCell, runSequence, type Tensor, Trace, tensor } from '~engine/index.ts';

/** What the memory chapter’s widget lets a reader change. */
export interface MemorySettings {
  /** Elman stores hidden values; Jordan stores outputs. */
  variant: 'elman' | 'jordan';
  /** f, the hidden activation: identity reproduces the worked example. */
  activation: 'linear' | 'tanh';
  /** x_1..x_T, each of size 2. */
  inputs: number[][];
  /** W_ih [2, 2]: inputs to hidden units. */
  W_ih: number[][];
  /** W_hh [2, 2]: memory (hidden values or outputs) to hidden units. */
  W_hh: number[][];
  /** W_y [2, 2]: hidden units to outputs. */
  W_y: number[][];
  /** b_h [2] and b_y [2]. */
  b_h: number[];
  b_y: number[];
}

const ones = () => [
  [1, 1],
  [1, 1],
];

/** The worked example: every weight 1, biases 0, inputs [1,1], [1,1], [2,2]; outputs [4,4], [12,12], [32,32]. */
export function workedExample(): MemorySettings {
  return {
    variant: 'elman',
    activation: 'linear',
    inputs: [
      [1, 1],
      [1, 1],
      [2, 2],
    ],
    W_ih: ones(),
    W_hh: ones(),
    W_y: ones(),
    b_h: [0, 0],
    b_y: [0, 0],
  };
}

/** Per-step results for display: the memory read, the new hidden values and the outputs. */
export interface MemoryStep {
  t: number;
  x: Tensor;
  /** What the memory held before this step (h_{t−1} for Elman, y_{t−1} for Jordan). */
  memory: Tensor;
  h: Tensor;
  y: Tensor;
}

/** Runs the network through the engine and returns every step's values and the trace. */
export function computeMemory(s: MemorySettings): { steps: MemoryStep[]; trace: Trace } {
  const cell = rnnCell(
    { W_ih: tensor(s.W_ih), W_hh: tensor(s.W_hh), b_ih: tensor(s.b_h), b_hh: tensor([0, 0]) },
    { activation: s.activation, variant: s.variant, output: { W: tensor(s.W_y), b: tensor(s.b_y) } },
  );
  const trace = new Trace();
  const xs = s.inputs.map((x) => tensor(x));
  const run = runSequence(cell, xs, { trace });
  const zero = cell.zeroState();
  const steps = run.states.map((state, k) => {
    const before = k === 0 ? zero : (run.states[k - 1] ?? zero);
    const memory = (s.variant === 'jordan' ? before.y : before.h) ?? before.h;
    return { t: k + 1, x: xs[k] as Tensor, memory, h: state.h, y: state.y ?? state.h };
  });
  return { steps, trace };
}
