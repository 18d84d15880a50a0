import { softmax, tensor } from '../../src/engine/index.ts';
import { type OpCall, traceCalls } from '../../src/engine/registry.ts';
import { numberField, type StateOf, vectorField } from '../../src/lib/url-state.ts';

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

/** The explorer's link state: logits `z` and temperature `t` (τ in [0.1, 5], as the slider allows). */
export const softmaxFields = {
  z: vectorField(defaultCandidates.map((c) => c.logit)),
  t: numberField(1, 0.1, 5),
};

/**
 * The softmax explorer's state: logits and a temperature in, probabilities
 * out, computed by the engine's softmax whenever an input changes.
 */
export class SoftmaxState {
  #logits = $state<number[]>(defaultCandidates.map((c) => c.logit));
  #temperature = $state(1);
  readonly labels: readonly string[] = defaultCandidates.map((c) => c.label);

  /** Logits divided by the temperature, then softmax: p = softmax(z / τ). */
  readonly result: { probabilities: number[]; backend: string; ms: number; calls: OpCall[] } = $derived.by(() => {
    const scaled = this.#logits.map((z) => z / this.#temperature);
    const { result, calls } = traceCalls(() => softmax(tensor(scaled)).toArray());
    return { probabilities: result, backend: calls[0]?.backend ?? 'cpu', ms: calls[0]?.ms ?? 0, calls };
  });

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

  /** Back to the default logits and τ = 1. */
  reset(): void {
    this.#logits = defaultCandidates.map((c) => c.logit);
    this.#temperature = 1;
  }

  /** The whole state, for the URL. */
  snapshot(): StateOf<typeof softmaxFields> {
    return { z: [...this.#logits], t: this.#temperature };
  }

  /** Applies a state read from the URL (already validated field by field). */
  restore(state: StateOf<typeof softmaxFields>): void {
    if (state.z.length === this.#logits.length && state.z.every(Number.isFinite)) this.#logits = [...state.z];
    this.setTemperature(state.t);
  }
}
