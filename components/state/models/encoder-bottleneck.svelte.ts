import {
  gruCell,
  mulberry32,
  NonFiniteError,
  type RecurrentParams,
  randn,
  runSequence,
  type Tensor,
  tensor,
  traceCalls,
  uniformTensor,
} from '~engine/index.ts';
import type { OpCall } from '~engine/registry.ts';
import { m } from '~lib/i18n/messages.ts';
import { intField, numberField, type StateOf } from '~lib/url/state.ts';

/** Input size I, default state size H and the longest input: c always has H numbers, whatever the input length. */
export const bottleneckSizes = { input: 2, hidden: 6, maxHidden: 32, maxLength: 32 } as const;

/** The input lengths drawn together in the overlay. */
export const overlayLengths = [4, 8, 16, 32] as const;

/** The widget's link state: length n, update-gate bias b_z, perturbation δ, weight seed, state size H. */
export const bottleneckFields = {
  n: intField(12, 2, bottleneckSizes.maxLength),
  H: intField(bottleneckSizes.hidden, 2, bottleneckSizes.maxHidden),
  bz: numberField(0, -4, 6),
  d: numberField(0.5, 0.01, 2),
  seed: intField(3, 0, 2 ** 31 - 1),
};

/** Settings of one measurement. */
export type BottleneckSettings = StateOf<typeof bottleneckFields>;

/**
 * Seeded GRU encoder weights (PyTorch layout, blocks r, z, n): uniform in
 * [−1, 1)·scale; every bias 0 except the update gate's input bias, set to `bz`
 * (large b_z keeps z near 1, so the state is copied forward).
 */
export function encoderParams(seed: number, bz: number, H: number = bottleneckSizes.hidden): RecurrentParams {
  const I = bottleneckSizes.input;
  const rng = mulberry32(seed);
  const W_ih = uniformTensor([3 * H, I], rng, 1);
  const W_hh = uniformTensor([3 * H, H], rng, 1 / Math.sqrt(H));
  const b = new Float32Array(3 * H);
  b.fill(bz, H, 2 * H);
  return { W_ih, W_hh, b_ih: tensor(Array.from(b)), b_hh: tensor(new Array(3 * H).fill(0)) };
}

/** The seeded inputs x_1..x_32 (standard normal); a length-n input is the first n of them. */
export function encoderInputs(seed: number): number[][] {
  const rng = mulberry32((seed ^ 0x5bd1e995) >>> 0);
  return Array.from({ length: bottleneckSizes.maxLength }, () =>
    Array.from({ length: bottleneckSizes.input }, () => randn(rng)),
  );
}

/** One length's measurement: the context c = h_n and, per position j, Δ_j = ‖c′ − c‖ with x_j + δ. */
export interface Measurement {
  readonly n: number;
  readonly c: number[];
  readonly delta: number[];
  /** The encoder's states h_1..h_n on the input itself (the last is c), for the picture of the chain. */
  readonly states: number[][];
}

/**
 * Runs the encoder over n + 1 copies of the input in one batch: row 0 is the
 * input itself, row j has every feature of x_j raised by δ. Row j's final
 * state is c′ for position j, so Δ_j = ‖c′_j − c‖₂ (a finite change, not a
 * derivative).
 */
export function measure(
  params: RecurrentParams,
  inputs: readonly (readonly number[])[],
  n: number,
  delta: number,
): Measurement {
  const cell = gruCell(params);
  const H = cell.hiddenSize;
  const xs: Tensor[] = [];
  for (let t = 0; t < n; t++) {
    const rows: number[][] = [];
    for (let b = 0; b <= n; b++) rows.push((inputs[t] ?? []).map((v) => (b === t + 1 ? v + delta : v)));
    xs.push(tensor(rows));
  }
  const run = runSequence(cell, xs);
  const final = run.final.h.toArray();
  const c = final.slice(0, H);
  // Row 0 of every step's batch is the unchanged input: its states are the chain h_1 → … → h_n = c.
  const states = run.states.map((st) => Array.from(st.h.values().slice(0, H)));
  const out: number[] = [];
  for (let j = 1; j <= n; j++) {
    let s = 0;
    for (let k = 0; k < H; k++) s += ((final[j * H + k] ?? 0) - (c[k] ?? 0)) ** 2;
    out.push(Math.sqrt(s));
  }
  return { n, c, delta: out, states };
}

/** What the widget shows: the current length's measurement, the overlay lengths', and the op calls. */
export interface BottleneckResult {
  readonly current: Measurement;
  readonly overlay: Measurement[];
  readonly calls: OpCall[];
  readonly error: string;
}

/**
 * State of the bottleneck widget: an input length, the encoder's state size,
 * its update-gate bias, δ and a seed in; for every position j, how far the fixed-size context
 * c moves when x_j moves by δ, computed by the engine.
 */
export class BottleneckState {
  #n = $state(bottleneckFields.n.fallback());
  #bz = $state(bottleneckFields.bz.fallback());
  #d = $state(bottleneckFields.d.fallback());
  #seed = $state(bottleneckFields.seed.fallback());
  #H = $state(bottleneckFields.H.fallback());
  #last: BottleneckResult | undefined;

  /**
   * The overlay lengths' measurements, with their op calls. They do not depend on n, so moving the length
   * slider reuses them and runs the encoder once, for the current length (the n = 32 overlay alone was
   * most of a length change's engine time).
   */
  readonly #overlay = $derived.by((): { overlay: Measurement[]; calls: OpCall[] } | { failure: unknown } => {
    try {
      const { result, calls } = traceCalls(() => {
        const params = encoderParams(this.#seed, this.#bz, this.#H);
        const inputs = encoderInputs(this.#seed);
        return overlayLengths.map((n) => measure(params, inputs, n, this.#d));
      });
      return { overlay: result, calls };
    } catch (e) {
      return { failure: e };
    }
  });

  /** Recomputed only when a setting changes. */
  readonly result: BottleneckResult = $derived.by(() => this.#compute());

  /** The overlay lengths' measurements; read alone, they do not change with n (a chart of them need not redraw). */
  get overlay(): readonly Measurement[] {
    const o = this.#overlay;
    return 'failure' in o ? this.result.overlay : o.overlay;
  }

  #compute(): BottleneckResult {
    const inputs = encoderInputs(this.#seed);
    try {
      const o = this.#overlay;
      if ('failure' in o) throw o.failure;
      const n = this.#n;
      const shown = o.overlay.find((run) => run.n === n);
      const { result: current, calls } =
        shown !== undefined
          ? { result: shown, calls: [] }
          : traceCalls(() => measure(encoderParams(this.#seed, this.#bz, this.#H), inputs, n, this.#d));
      // The badge counts every op behind what is on screen: the overlay's and the current length's.
      this.#last = { current, overlay: o.overlay, calls: [...o.calls, ...calls], error: '' };
      return this.#last;
    } catch (e) {
      const message = e instanceof NonFiniteError ? e.message : String(e);
      const kept = this.#last ?? { current: { n: 0, c: [], delta: [], states: [] }, overlay: [], calls: [] };
      return { ...kept, error: m.widget_encoder_bottleneck_could_not_run({ message }) };
    }
  }

  get n(): number {
    return this.#n;
  }
  get bz(): number {
    return this.#bz;
  }
  get d(): number {
    return this.#d;
  }
  get seed(): number {
    return this.#seed;
  }
  /** The encoder's state size H: how many numbers c has. */
  get hidden(): number {
    return this.#H;
  }

  /** The inputs x_1..x_n shown in the widget. */
  get inputs(): number[][] {
    return encoderInputs(this.#seed).slice(0, this.#n);
  }

  /** Sets the input length (clamped to 2..32). */
  setLength(n: number): void {
    if (Number.isFinite(n)) this.#n = Math.max(2, Math.min(bottleneckSizes.maxLength, Math.round(n)));
  }

  /** Sets the update gate's bias (clamped to the field's range). */
  setBias(bz: number): void {
    if (Number.isFinite(bz)) this.#bz = Math.max(-4, Math.min(6, bz));
  }

  /** Sets δ (clamped to 0.01..2). */
  setDelta(d: number): void {
    if (Number.isFinite(d)) this.#d = Math.max(0.01, Math.min(2, d));
  }

  /** Sets the state size H (clamped to 2..32). */
  setHidden(H: number): void {
    if (Number.isFinite(H)) this.#H = Math.max(2, Math.min(bottleneckSizes.maxHidden, Math.round(H)));
  }

  /** Sets the seed of the weights and inputs. */
  setSeed(seed: number): void {
    if (Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31) this.#seed = seed;
  }

  /** The whole state, for the URL. */
  snapshot(): BottleneckSettings {
    return { n: this.#n, H: this.#H, bz: this.#bz, d: this.#d, seed: this.#seed };
  }

  /** Applies a validated state from the URL. */
  restore(s: BottleneckSettings): void {
    this.setLength(s.n);
    this.setBias(s.bz);
    this.setDelta(s.d);
    this.setSeed(s.seed);
    this.setHidden(s.H);
  }

  /** Back to the defaults. */
  reset(): void {
    this.restore({
      n: bottleneckFields.n.fallback(),
      H: bottleneckFields.H.fallback(),
      bz: bottleneckFields.bz.fallback(),
      d: bottleneckFields.d.fallback(),
      seed: bottleneckFields.seed.fallback(),
    });
  }
}
