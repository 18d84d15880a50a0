/**
 * Weights for the GRU and LSTM widgets, in PyTorch layout as nested arrays
 * (W_ih [k·H, I], W_hh [k·H, H], b_ih, b_hh [k·H]), and named presets that
 * make one behaviour of the gates easy to see. Values are chosen by hand so
 * that a gate is saturated (|pre-activation| ≥ 6 gives σ within 0.0025 of 0
 * or 1) exactly where the preset says.
 */
import { m } from '~lib/i18n/messages.ts';

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
  /** The preset's name in the menu (a catalog message, called where it is shown). */
  name: () => string;
  /** One sentence on what to look for (a catalog message). */
  hint: () => string;
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
      name: m.widget_gru_cell_preset_mixed,
      hint: m.widget_gru_cell_preset_mixed_hint,
      weights: gruBase(),
      inputs: gruInputs,
    },
    {
      id: 'copy',
      name: m.widget_gru_cell_preset_copy,
      hint: m.widget_gru_cell_preset_copy_hint,
      weights: withBias(1, 8),
      inputs: gruInputs,
    },
    {
      id: 'overwrite',
      name: m.widget_gru_cell_preset_overwrite,
      hint: m.widget_gru_cell_preset_overwrite_hint,
      weights: withBias(1, -8),
      inputs: gruInputs,
    },
    {
      id: 'no-past',
      name: m.widget_gru_cell_preset_no_past,
      hint: m.widget_gru_cell_preset_no_past_hint,
      weights: withBias(0, -8),
      inputs: gruInputs,
    },
    {
      id: 'reset-bias',
      name: m.widget_gru_cell_preset_reset_bias,
      hint: m.widget_gru_cell_preset_reset_bias_hint,
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
      name: m.widget_lstm_cell_preset_remember,
      hint: m.widget_lstm_cell_preset_remember_hint,
      weights: lstmWeights(8, true),
      inputs: writeThenWait,
    },
    {
      id: 'forget',
      name: m.widget_lstm_cell_preset_forget,
      hint: m.widget_lstm_cell_preset_forget_hint,
      weights: lstmWeights(-8, true),
      inputs: writeThenWait,
    },
    {
      id: 'write-read',
      name: m.widget_lstm_cell_preset_write_read,
      hint: m.widget_lstm_cell_preset_write_read_hint,
      weights: lstmWeights(8, false),
      inputs: writeThenWait,
    },
  ];
}
