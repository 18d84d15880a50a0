/**
 * The LSTM widget's state (/lstm/): one unit, inputs x = [value, read signal], six steps.
 *
 *   [z_i; z_f; z; z_o] = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh      (blocks i, f, g, o)
 *   i = σ(z_i), f = σ(z_f), g = tanh(z), o = σ(z_o)
 *   c_t = f ∘ c_{t−1} + i ∘ g,   h_t = o ∘ tanh(c_t)
 */
import {
  add,
  LSTM_BLOCKS,
  lstmCell,
  matmul,
  reshape,
  runSequence,
  SYMBOLS,
  Trace,
  tanh,
  tensor,
  traceCalls,
} from '~engine/index.ts';
import type { StateOf } from '~lib/url/state.ts';
import { lstmPresets } from '../data/gated-presets.ts';
import { GatedCellState, type GatedRun, gatedFields, type Phase } from './gated-cell.svelte.ts';

/** The formulas of one LSTM step, in the order the stepper lights them. */
export const lstmPhases: readonly Phase[] = (['i', 'f', 'g', 'o', 'c', 'h'] as const).map((k) => ({
  key: k,
  symbol: SYMBOLS[k].symbol,
  tex: `${SYMBOLS[k].tex}_t`,
}));

/** The default preset: the one that shows a write, a wait and a read. */
export const lstmDefaultPreset = 'write-read';

/** The LSTM widget's link state (the shared gated fields). */
export const lstmFields = gatedFields(lstmPresets(), lstmDefaultPreset, lstmPhases.length);

/**
 * An LSTM over the input sequence, run by the engine with a trace, plus the
 * four weighted sums (z_i, z_f, z, z_o) of the "four inputs, one output" view,
 * computed with engine ops from the same h_{t−1}.
 */
export class LstmState extends GatedCellState {
  constructor() {
    super(lstmPresets(), lstmDefaultPreset, lstmPhases, LSTM_BLOCKS);
  }

  /**
   * Per step: x, h_prev, c_prev, i, f, g, o, c, h, tanh_c, and the
   * pre-activations zi, zf, zg (the value's z), zo.
   */
  readonly result: GatedRun = $derived.by(() => {
    const params = this.params();
    const xs = this.inputs.map((x) => tensor(x as number[]));
    const H = this.hiddenSize;
    return this.guarded(() => {
      const { result, calls } = traceCalls(() => {
        const trace = new Trace();
        const cell = lstmCell(params);
        const run = runSequence(cell, xs, { trace });
        let prev = cell.zeroState();
        return xs.map((x, k) => {
          const t = k + 1;
          const pre = add(
            add(matmul(reshape(x, [1, -1]), params.W_ih, { transposeB: true }), params.b_ih),
            add(matmul(reshape(prev.h, [1, -1]), params.W_hh, { transposeB: true }), params.b_hh),
          ).toArray();
          const c = trace.get('c', { step: t });
          const row: Record<string, number[]> = {
            x: x.toArray(),
            h_prev: prev.h.toArray(),
            c_prev: prev.c?.toArray() ?? [],
          };
          // Per block in PyTorch order: its pre-activation z<key> (zi, zf, zg, zo), then its output by trace symbol.
          for (const [b, block] of LSTM_BLOCKS.entries()) row[`z${block.key}`] = pre.slice(b * H, (b + 1) * H);
          for (const { out } of LSTM_BLOCKS) {
            const symbol = SYMBOLS[out].symbol;
            row[symbol] = trace.get(symbol, { step: t }).toArray();
          }
          row.c = c.toArray();
          row.tanh_c = tanh(c).toArray();
          row.h = trace.get('h', { step: t }).toArray();
          prev = run.states[k] ?? prev;
          return row;
        });
      });
      return { steps: result, calls };
    });
  });

  /** The whole state for the URL. */
  snapshot(): StateOf<typeof lstmFields> {
    return this.baseSnapshot();
  }

  /** Applies a validated URL state. */
  restore(s: StateOf<typeof lstmFields>): void {
    this.baseRestore(s);
  }

  /** Back to the default preset and step 1. */
  reset(): void {
    this.baseReset();
  }
}
