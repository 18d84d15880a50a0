import { softmax, tensor } from '../../src/engine/index.ts';
import { traceCalls } from '../../src/engine/registry.ts';

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
 * The softmax explorer's state: logits and a temperature in, probabilities
 * out, computed by the engine's softmax whenever an input changes.
 */
export class SoftmaxState {
  #logits = $state<number[]>(defaultCandidates.map((c) => c.logit));
  #temperature = $state(1);
  readonly labels: readonly string[] = defaultCandidates.map((c) => c.label);

  /** Logits divided by the temperature, then softmax: p = softmax(z / τ). */
  readonly result = $derived.by(() => {
    const scaled = this.#logits.map((z) => z / this.#temperature);
    const { result, calls } = traceCalls(() => softmax(tensor(scaled)).toArray());
    return { probabilities: result, backend: calls[0]?.backend ?? 'cpu', ms: calls[0]?.ms ?? 0 };
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
}
