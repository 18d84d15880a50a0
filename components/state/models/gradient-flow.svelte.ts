import { type OpCall, traceCalls } from '~engine/index.ts';
import { m } from '~lib/i18n/messages.ts';
import { intField, numberField, type StateOf } from '~lib/url/state.ts';
import {
  type Clipping,
  defaultGradientFlow,
  type FlowPoint,
  flowWithClipping,
  type GradientFlowSettings,
} from './gradient-flow.compute.ts';

/** Ranges the controls offer; the link state accepts the same. */
export const flowRanges = {
  w: [0, 2],
  steps: [5, 100],
  forgetBias: [-5, 15],
  inputScale: [0, 3],
  seed: [0, 99999],
  clip: [0, 100],
} as const;

const d = defaultGradientFlow;
const r = flowRanges;

/** The gradient widget's link state. */
export const flowFields = {
  w: numberField(d.w, r.w[0], r.w[1]),
  T: intField(d.steps, r.steps[0], r.steps[1]),
  fb: numberField(d.forgetBias, r.forgetBias[0], r.forgetBias[1]),
  s: numberField(d.inputScale, r.inputScale[0], r.inputScale[1]),
  seed: intField(d.seed, r.seed[0], r.seed[1]),
  clip: numberField(d.clip, r.clip[0], r.clip[1]),
};

/** Smallest and largest values the log axis draws; anything beyond is pinned to the edge and said in words. */
export const LOG_FLOOR = 1e-30;
export const LOG_CEILING = 1e30;

/** How a gradient norm reads in words: the number, or why it cannot be drawn as it is. */
export function describeNorm(v: number): string {
  if (Number.isNaN(v)) return m.widget_gradient_flow_norm_nan();
  if (v === Number.POSITIVE_INFINITY) return m.widget_gradient_flow_norm_overflowed();
  if (v < LOG_FLOOR) return v === 0 ? m.widget_gradient_flow_norm_underflowed() : m.widget_gradient_flow_norm_below();
  if (v > LOG_CEILING) return m.widget_gradient_flow_norm_above();
  return v.toExponential(2).replace('e+0', '').replace('e+', 'e').replace('e-', 'e−');
}

/** A value pinned into the plot's range (NaN and +∞ go to the ceiling so they stay visible). */
export function clampForLog(v: number): number {
  if (!(v <= LOG_CEILING)) return LOG_CEILING;
  return Math.max(LOG_FLOOR, v);
}

const clampTo = (v: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, v));

/**
 * State of the gradients-through-time widget: recurrent weight, length,
 * LSTM forget bias, input scale, seed and clipping threshold in; the engine's
 * ‖∂h_T/∂h_t‖ per t out, for a plain RNN and an LSTM.
 */
export class GradientFlowModel {
  #s = $state<GradientFlowSettings>({ ...defaultGradientFlow });

  /** The current settings. */
  get settings(): Readonly<GradientFlowSettings> {
    return this.#s;
  }

  /** Every t's norms, the clipping of the whole gradient, and the op calls that produced them. */
  readonly result: { points: FlowPoint[]; clipping: Clipping; calls: OpCall[] } = $derived.by(() => {
    const s = { ...this.#s };
    const { result, calls } = traceCalls(() => flowWithClipping(s));
    return { ...result, calls };
  });

  /** Where the plain RNN's norm stopped being finite (t values), for an honest message. */
  readonly overflowed: number[] = $derived(
    this.result.points.filter((p) => !Number.isFinite(p.rnn) || !Number.isFinite(p.lstm)).map((p) => p.t),
  );

  /** Sets one setting, clamped to its range (integers for steps and seed). */
  set<K extends keyof GradientFlowSettings>(key: K, value: number): void {
    if (!Number.isFinite(value)) return;
    const v = clampTo(value, flowRanges[key]);
    this.#s[key] = key === 'steps' || key === 'seed' ? Math.round(v) : v;
  }

  /** Back to the defaults. */
  reset(): void {
    this.#s = { ...defaultGradientFlow };
  }

  /** The whole state, for the URL. */
  snapshot(): StateOf<typeof flowFields> {
    const s = this.#s;
    return { w: s.w, T: s.steps, fb: s.forgetBias, s: s.inputScale, seed: s.seed, clip: s.clip };
  }

  /** Applies a state read from the URL. */
  restore(state: StateOf<typeof flowFields>): void {
    this.#s = {
      w: state.w,
      steps: state.T,
      forgetBias: state.fb,
      inputScale: state.s,
      seed: state.seed,
      clip: state.clip,
    };
  }
}
