/**
 * Weights for the GRU and LSTM widgets, in PyTorch layout as nested arrays
 * (W_ih [k·H, I], W_hh [k·H, H], b_ih, b_hh [k·H]), and named presets that
 * make one behaviour of the gates easy to see. Values are chosen by hand so
 * that a gate is saturated (|pre-activation| ≥ 6 gives σ within 0.0025 of 0
 * or 1) exactly where the preset says.
 */

/** One recurrent layer's weights as nested arrays. */
export interface GateWeights {
  W_ih: number[][];
  W_hh: number[][];
  b_ih: number[];
  b_hh: number[];
}

/** A named preset: weights plus the input sequence that shows the behaviour. */
export interface GatePreset {
  id: string;
  name: string;
  /** One sentence on what to look for. */
  hint: string;
  weights: GateWeights;
  inputs: number[][];
}

const rows = (n: number, f: (r: number) => number[]) => Array.from({ length: n }, (_, r) => f(r));
const zeros = (n: number) => new Array<number>(n).fill(0);

/** Two hidden units, two inputs, three blocks (r, z, n) with mild weights: the GRU's default. */
function gruBase(): GateWeights {
  return {
    W_ih: [
      [0.5, -0.6],
      [-0.4, 0.7],
      [0.3, 0.4],
      [0.6, -0.3],
      [1.2, -0.8],
      [-0.7, 1.1],
    ],
    W_hh: [
      [0.4, 0.2],
      [-0.3, 0.5],
      [0.2, -0.4],
      [0.5, 0.1],
      [0.9, -0.5],
      [0.4, 0.8],
    ],
    b_ih: [0, 0, 0, 0, 0, 0],
    b_hh: [0, 0, 0, 0, 0, 0],
  };
}

const gruInputs = [
  [1, 0],
  [0, 1],
  [1, 1],
  [-1, 0.5],
  [0.5, -1],
  [0, 0],
];

/**
 * GRU presets: gates as learned, copy (z ≈ 1), overwrite (z ≈ 0), no past in
 * the candidate (r ≈ 0), and r ≈ 0 with a recurrent candidate bias b_hn ≠ 0,
 * the case where Cho's and PyTorch's candidates part even though r is 0.
 */
export function gruPresets(): GatePreset[] {
  const withBias = (block: number, value: number): GateWeights => {
    const w = gruBase();
    w.b_ih = w.b_ih.map((b, k) => (Math.floor(k / 2) === block ? value : b));
    return w;
  };
  const resetWithBhn = withBias(0, -8);
  // b_hh's third block is b_hn: Cho adds it after the reset, PyTorch multiplies it by r ≈ 0.
  resetWithBhn.b_hh = [0, 0, 0, 0, 1.5, -1];
  return [
    {
      id: 'mixed',
      name: 'Mixed gates',
      hint: 'Gates between 0 and 1: the state blends old and new.',
      weights: gruBase(),
      inputs: gruInputs,
    },
    {
      id: 'copy',
      name: 'Copy (z ≈ 1)',
      hint: 'The update gate is saturated at 1: h stays at its start value.',
      weights: withBias(1, 8),
      inputs: gruInputs,
    },
    {
      id: 'overwrite',
      name: 'Overwrite (z ≈ 0)',
      hint: 'The update gate is 0: every step replaces h with the candidate.',
      weights: withBias(1, -8),
      inputs: gruInputs,
    },
    {
      id: 'no-past',
      name: 'Reset (r ≈ 0)',
      hint: 'The reset gate is 0 and b_hn is 0: the candidate ignores h, and Cho and PyTorch agree.',
      weights: withBias(0, -8),
      inputs: gruInputs,
    },
    {
      id: 'reset-bias',
      name: 'Reset (r ≈ 0), b_hn ≠ 0',
      hint: 'The reset gate is 0 but b_hn = [1.5, −1]: Cho still adds b_hn, PyTorch multiplies it by r, so the candidates differ from step 1.',
      weights: resetWithBhn,
      inputs: gruInputs,
    },
  ];
}

/**
 * LSTM with one unit and two inputs: x = [value, read signal]. The input
 * gate opens when the value channel is non-zero (a write), the output gate
 * opens on the read signal; the forget gate's bias sets how long c lasts.
 */
function lstmWeights(forgetBias: number, readAlways: boolean): GateWeights {
  const W_ih = [
    [12, 0], // i: open on a write (|value| > 0.5 for a positive value)
    [0, 0], // f: bias only
    [1.5, 0], // g: the value to store
    [0, readAlways ? 0 : 12], // o: open on the read signal
  ];
  return {
    W_ih,
    W_hh: rows(4, () => [0]),
    b_ih: [-6, forgetBias, 0, readAlways ? 6 : -6],
    b_hh: zeros(4),
  };
}

const writeThenWait = [
  [1, 0],
  [0, 0],
  [0, 0],
  [0, 0],
  [0, 0],
  [0, 1],
];

/** LSTM presets from the LSTM chapter: remember forever, forget everything, write once and read later. */
export function lstmPresets(): GatePreset[] {
  return [
    {
      id: 'remember',
      name: 'Remember forever',
      hint: 'Forget gate ≈ 1 and input gate ≈ 0 after the write: c keeps its value to the end.',
      weights: lstmWeights(8, true),
      inputs: writeThenWait,
    },
    {
      id: 'forget',
      name: 'Forget everything',
      hint: 'Forget gate ≈ 0: c holds only what this step wrote, so it drops to 0 after the write.',
      weights: lstmWeights(-8, true),
      inputs: writeThenWait,
    },
    {
      id: 'write-read',
      name: 'Write once, read later',
      hint: 'Written at step 1, kept by the forget gate, and shown in h only when the read signal arrives.',
      weights: lstmWeights(8, false),
      inputs: writeThenWait,
    },
  ];
}
