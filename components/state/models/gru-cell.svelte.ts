/**
 * The GRU widget's state (/gru/): two hidden units, two inputs, six steps.
 *
 *   r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)
 *   z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)
 *   Cho:     h̃_t = tanh(W_in x_t + b_in + W_hn (r_t ∘ h_{t−1}) + b_hn)
 *   PyTorch: h̃_t = tanh(W_in x_t + b_in + r_t ∘ (W_hn h_{t−1} + b_hn))
 *   h_t = z_t ∘ h_{t−1} + (1 − z_t) ∘ h̃_t
 */
import {
  GRU_BLOCKS,
  type GruVariant,
  gruCell,
  runSequence,
  SYMBOLS,
  Trace,
  tensor,
  traceCalls,
} from '~engine/index.ts';
import { choiceField, type StateOf } from '~lib/url/state.ts';
import { gruPresets } from '../data/gated-presets.ts';
import { GatedCellState, type GatedRun, gatedFields, type Phase } from './gated-cell.svelte.ts';

export type { GruVariant };

/** The formulas of one GRU step, in the order the stepper lights them. */
export const gruPhases: readonly Phase[] = (['r', 'z', 'hTilde', 'h'] as const).map((k) => ({
  key: k,
  symbol: SYMBOLS[k].symbol,
  tex: `${SYMBOLS[k].tex}_t`,
}));

/** The GRU widget's link state: the shared gated fields plus the candidate variant `v` (typed by the engine's GruVariant). */
export const gruFields = {
  ...gatedFields(gruPresets(), 'mixed', gruPhases.length),
  v: choiceField<GruVariant>(['cho', 'pytorch'], 'cho'),
};

/**
 * A GRU over the input sequence, run by the engine with a trace. Both
 * candidates are computed at every step from the same h_{t−1} (the state the
 * chosen variant produced), so the widget can show where they differ; only
 * the chosen one drives h.
 */
export class GruState extends GatedCellState {
  #variant = $state<GruVariant>('cho');

  constructor() {
    super(gruPresets(), 'mixed', gruPhases, GRU_BLOCKS);
  }

  /** Which candidate drives the state. */
  get variant(): GruVariant {
    return this.#variant;
  }

  setVariant(v: GruVariant): void {
    this.#variant = v;
  }

  /**
   * Per step: r, z, h̃ (the driving candidate), h, h_prev (h_{t−1}), and both
   * candidates `h̃_cho`, `h̃_pytorch` from the same r and h_{t−1}.
   */
  readonly result: GatedRun = $derived.by(() => {
    const variant = this.#variant;
    const params = this.params();
    const xs = this.inputs.map((x) => tensor(x as number[]));
    return this.guarded(() => {
      const { result, calls } = traceCalls(() => {
        const trace = new Trace();
        const cell = gruCell(params, variant);
        const run = runSequence(cell, xs, { trace });
        const other = gruCell(params, variant === 'cho' ? 'pytorch' : 'cho');
        let prev = cell.zeroState();
        return xs.map((x, k) => {
          const t = k + 1;
          const side = new Trace();
          other.step(x, prev, side, t);
          const own = trace.get('h̃', { step: t }).toArray();
          const alt = side.get('h̃', { step: t }).toArray();
          const row: Record<string, number[]> = {
            x: x.toArray(),
            h_prev: prev.h.toArray(),
            r: trace.get('r', { step: t }).toArray(),
            z: trace.get('z', { step: t }).toArray(),
            h̃: own,
            h: trace.get('h', { step: t }).toArray(),
            h̃_cho: variant === 'cho' ? own : alt,
            h̃_pytorch: variant === 'cho' ? alt : own,
          };
          prev = run.states[k] ?? prev;
          return row;
        });
      });
      return { steps: result, calls };
    });
  });

  /** The whole state for the URL. */
  snapshot(): StateOf<typeof gruFields> {
    return { ...this.baseSnapshot(), v: this.#variant };
  }

  /** Applies a validated URL state. */
  restore(s: StateOf<typeof gruFields>): void {
    this.baseRestore(s);
    this.#variant = s.v;
  }

  /** Back to the defaults (Cho's candidate, mixed gates, step 1). */
  reset(): void {
    this.baseReset();
    this.#variant = 'cho';
  }
}
