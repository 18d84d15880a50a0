import { div, exp, softmax, sum, tensor } from '~engine/index.ts';
import { type OpCall, traceCalls } from '~engine/registry.ts';
import { flagField, numberField, type StateOf, vectorField } from '~lib/url/state.ts';

/** One candidate the softmax chooses between. */
export interface Candidate {
  label: string;
  logit: number;
}

/** Default candidates: scores a model might give four next words. */
export const defaultCandidates: readonly Candidate[] = [
  { label: 'cat', logit: 2 },
  { label: 'dog', logit: 1 },
  { label: 'car', logit: 0.1 },
  { label: 'tree', logit: -1 },
];

/**
 * The explorer's link state: logits `z`, temperature `t` (τ in [0.1, 5], as the slider allows) and `n`, whether
 * the widget shows the naive formula instead of the stable one.
 */
export const softmaxFields = {
  z: vectorField(defaultCandidates.map((c) => c.logit)),
  t: numberField(1, 0.1, 5),
  n: flagField(false),
};

/** The largest finite float32, (2 − 2⁻²³) · 2¹²⁷ ≈ 3.4 × 10³⁸: every engine tensor holds float32 values. */
export const float32Max = (2 - 2 ** -23) * 2 ** 127;

/** One softmax computation as the widget shows it. */
export interface SoftmaxResult {
  probabilities: number[];
  backend: string;
  ms: number;
  calls: OpCall[];
}

/** The naive formula's numbers: each e^(z/τ) and their sum, as float32 holds them, and what went wrong. */
export interface NaiveSoftmaxResult extends SoftmaxResult {
  exps: number[];
  total: number;
  /**
   * 'overflow': an e^(z/τ) or their sum passed float32's largest number and became +∞; 'underflow': every e^(z/τ)
   * rounded to 0, so the sum is 0 and each p is 0/0; 'rounding': finite, but the probabilities no longer sum to 1
   * (the terms sank into float32's smallest, least precise numbers); '' when the result is a distribution.
   */
  failure: 'overflow' | 'underflow' | 'rounding' | '';
}

/** How far a list of probabilities may sum from 1 before it counts as broken (float32 rounding is ~1e-7). */
const sumTolerance = 1e-4;

/** The naive softmax e^(z/τ) / Σ e^(z/τ), no maximum subtracted, run op by op on the engine in float32. */
export function naiveSoftmax(scaled: readonly number[]): NaiveSoftmaxResult {
  const { result, calls } = traceCalls(() => {
    const e = exp(tensor([...scaled]));
    const total = sum(e);
    return { exps: e.toArray(), total: total.toArray()[0] ?? Number.NaN, probabilities: div(e, total).toArray() };
  });
  const { exps, total, probabilities } = result;
  const sumP = probabilities.reduce((a, b) => a + b, 0);
  const failure =
    total === Number.POSITIVE_INFINITY || exps.some((x) => x === Number.POSITIVE_INFINITY)
      ? 'overflow'
      : total === 0
        ? 'underflow'
        : !Number.isFinite(sumP) || Math.abs(sumP - 1) > sumTolerance
          ? 'rounding'
          : '';
  return { ...result, failure, backend: calls[0]?.backend ?? 'cpu', ms: calls.reduce((a, c) => a + c.ms, 0), calls };
}

/** Whether `p` is a probability distribution: every entry finite and the sum 1 (within float32 rounding). */
export function isDistribution(p: readonly number[]): boolean {
  return p.every(Number.isFinite) && Math.abs(p.reduce((a, b) => a + b, 0) - 1) <= sumTolerance;
}

/**
 * The softmax explorer's state: logits and a temperature in, probabilities
 * out, computed by the engine's softmax whenever an input changes. Beside it,
 * the naive formula without the maximum subtracted, which the reader can
 * choose to see overflow.
 */
export class SoftmaxState {
  #logits = $state<number[]>(defaultCandidates.map((c) => c.logit));
  #temperature = $state(1);
  #naive = $state(false);
  readonly labels: readonly string[] = defaultCandidates.map((c) => c.label);

  /** z / τ, what both formulas exponentiate. */
  readonly #scaled: number[] = $derived(this.#logits.map((z) => z / this.#temperature));

  /** The stable softmax (the engine's: it subtracts the largest logit first): p = softmax(z / τ). */
  readonly stable: SoftmaxResult = $derived.by(() => {
    const { result, calls } = traceCalls(() => softmax(tensor(this.#scaled)).toArray());
    return { probabilities: result, backend: calls[0]?.backend ?? 'cpu', ms: calls[0]?.ms ?? 0, calls };
  });

  /** The naive formula e^(z/τ) / Σ e^(z/τ) on the same logits, in float32. */
  readonly naiveResult: NaiveSoftmaxResult = $derived(naiveSoftmax(this.#scaled));

  /** What the widget shows: the naive result when chosen, else the stable one. */
  readonly result: SoftmaxResult = $derived(this.#naive ? this.naiveResult : this.stable);

  /** Whether the widget shows the naive formula. */
  get naive(): boolean {
    return this.#naive;
  }

  setNaive(on: boolean): void {
    this.#naive = on;
  }

  get logits(): readonly number[] {
    return this.#logits;
  }

  get temperature(): number {
    return this.#temperature;
  }

  /** Sets logit `i`; non-finite values are refused by the controls before they get here. */
  setLogit(i: number, value: number): void {
    if (!Number.isFinite(value) || i < 0 || i >= this.#logits.length) return;
    this.#logits[i] = value;
  }

  /** Sets the temperature τ (> 0). */
  setTemperature(value: number): void {
    if (Number.isFinite(value) && value > 0) this.#temperature = value;
  }

  /** Back to the default logits, τ = 1 and the stable formula. */
  reset(): void {
    this.#logits = defaultCandidates.map((c) => c.logit);
    this.#temperature = 1;
    this.#naive = false;
  }

  /** The whole state, for the URL. */
  snapshot(): StateOf<typeof softmaxFields> {
    return { z: [...this.#logits], t: this.#temperature, n: this.#naive };
  }

  /** Applies a state read from the URL (already validated field by field). */
  restore(state: StateOf<typeof softmaxFields>): void {
    if (state.z.length === this.#logits.length && state.z.every(Number.isFinite)) this.#logits = [...state.z];
    this.setTemperature(state.t);
    this.#naive = state.n;
  }
}
