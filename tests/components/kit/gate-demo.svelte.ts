import { add, matmul, sigmoid, tensor, traceCalls } from '~engine/index.ts';
import type { OpCall } from '~engine/registry.ts';
import { intField, matrixField, type StateOf } from '~lib/url/state.ts';
import { StepperState } from '~components/state/kit/stepper.svelte.ts';
import { WeightsState } from '~components/state/kit/weights.svelte.ts';

/** Inputs x_1..x_3 (rows), two features each. */
export const defaultInputs = [
  [1, 0],
  [0.5, -1],
  [-1, 0.8],
];

/** The demo's link state: short keys keep the link short. */
export const gateFields = {
  W: matrixField([
    [0.8, -0.4],
    [0.3, 0.6],
  ]),
  b: matrixField([[0.1], [-0.2]]),
  X: matrixField(defaultInputs),
  t: intField(0, 0, 2),
};

let resultsComputed = 0;
/** How many times any demo has computed its gates so far (a test counts what mounting one costs). */
export const gateComputations = (): number => resultsComputed;

/**
 * A test-only widget state exercising the kit: an update gate over a short
 * sequence, z_t = σ(W_z x_t + b_z), every value from the engine.
 */
export class GateDemoState {
  readonly weights = new WeightsState(
    [
      { symbol: 'W_z', label: 'W_z (gate weights)', initial: gateFields.W.fallback() },
      { symbol: 'b_z', label: 'b_z (gate bias)', initial: gateFields.b.fallback() },
    ],
    [
      { id: 'open', label: 'gate mostly open', values: { b_z: [[3], [3]] } },
      { id: 'shut', label: 'gate mostly shut', values: { b_z: [[-3], [-3]] } },
    ],
  );
  #inputs = $state(defaultInputs.map((r) => [...r]));
  readonly stepper = new StepperState(
    defaultInputs.map((_, t) => ({ id: `z_${t + 1}`, label: `z_${t + 1}` })),
    { intervalMs: 700 },
  );

  get inputs(): readonly (readonly number[])[] {
    return this.#inputs;
  }

  /** All steps at once: Z = σ(X W_zᵀ + b_zᵀ), one row per step, with the op calls that computed it. */
  readonly result: { z: number[][]; calls: OpCall[] } = $derived.by(() => {
    resultsComputed++;
    const W = tensor(this.weights.get('W_z') as number[][]);
    const b = tensor(this.weights.get('b_z').map((r) => r[0] ?? 0));
    const { result, calls } = traceCalls(() =>
      sigmoid(add(matmul(tensor(this.#inputs), W, { transposeB: true }), b)).toArray(),
    );
    const H = W.shape[0] ?? 0;
    return { z: this.#inputs.map((_, t) => result.slice(t * H, (t + 1) * H)), calls };
  });

  /** Sets input x_{t+1}[j]. */
  setInput(t: number, j: number, value: number): void {
    const row = this.#inputs[t];
    if (row && j >= 0 && j < row.length && Number.isFinite(value)) row[j] = value;
  }

  /** The whole state for the URL. */
  snapshot(): StateOf<typeof gateFields> {
    return {
      W: this.weights.get('W_z').map((r) => [...r]),
      b: this.weights.get('b_z').map((r) => [...r]),
      X: this.#inputs.map((r) => [...r]),
      t: this.stepper.index,
    };
  }

  /** Applies a state read from the URL. */
  restore(s: StateOf<typeof gateFields>): void {
    this.weights.assign({ W_z: s.W, b_z: s.b });
    this.#inputs = s.X.map((r) => [...r]);
    this.stepper.goTo(s.t);
  }

  /** Back to the defaults. */
  reset(): void {
    this.weights.reset();
    this.#inputs = defaultInputs.map((r) => [...r]);
    this.stepper.reset();
  }
}
