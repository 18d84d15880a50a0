import * as v from 'valibot';
import { NonFiniteError, type OpCall, traceCalls } from '~engine/index.ts';
import { m } from '~lib/i18n/messages.ts';
import { choiceField, field, intField, matrixField, type StateOf, vectorField } from '~lib/url/state.ts';
import { StepperState } from '../kit/stepper.svelte.ts';
import { computeMemory, type MemorySettings, type MemoryStep, workedExample } from './rnn-memory.compute.ts';

/** The memory widget allows 1 to 8 time steps. */
export const MIN_STEPS = 1;
export const MAX_STEPS = 8;

const example = workedExample();
const finite = v.pipe(v.number(), v.finite());
const inputRow = v.pipe(v.array(finite), v.length(2, 'each input needs 2 numbers'));

/** The memory widget's link state (short keys keep links short). */
export const memoryFields = {
  v: choiceField(['elman', 'jordan'] as const, example.variant),
  f: choiceField(['linear', 'tanh'] as const, example.activation),
  x: field(
    v.pipe(
      v.array(inputRow),
      v.minLength(MIN_STEPS, `needs at least ${MIN_STEPS} step`),
      v.maxLength(MAX_STEPS, `at most ${MAX_STEPS} steps`),
    ),
    example.inputs,
  ),
  Wi: matrixField(example.W_ih),
  Wh: matrixField(example.W_hh),
  Wy: matrixField(example.W_y),
  bh: vectorField(example.b_h),
  by: vectorField(example.b_y),
  t: intField(0, 0, MAX_STEPS - 1),
};

/** Which weight matrix an edit targets. */
export type MemoryMatrix = 'W_ih' | 'W_hh' | 'W_y';
/** Which bias an edit targets. */
export type MemoryBias = 'b_h' | 'b_y';

/** What the widget shows: every step's values, the op calls that made them, and a problem if any. */
export interface MemoryResult {
  steps: MemoryStep[];
  calls: OpCall[];
  /** Why the values cannot be trusted (overflow) or could not be computed; '' when fine. */
  problem: string;
}

const clone = (s: MemorySettings): MemorySettings => structuredClone($state.snapshot(s)) as MemorySettings;
const stepsFor = (n: number) => Array.from({ length: n }, (_, k) => ({ id: `t_${k + 1}`, label: `t = ${k + 1}` }));

/**
 * State of the memory chapter’s widget: the worked example's network (Elman
 * or Jordan, linear or tanh), its editable, reorderable inputs and weights,
 * and a stepper over time steps. Every value comes from the engine.
 */
export class MemoryModel {
  #s = $state<MemorySettings>(workedExample());
  /** The last result that computed, kept on screen when an edit fails. */
  #lastGood: MemoryStep[] = [];
  readonly stepper = new StepperState(stepsFor(example.inputs.length), { intervalMs: 900 });

  /** The current settings (read-only view). */
  get settings(): Readonly<MemorySettings> {
    return this.#s;
  }

  /** Runs the network; an engine error keeps the previous steps and explains itself. */
  readonly result: MemoryResult = $derived.by(() => {
    const settings = clone(this.#s);
    try {
      const { result, calls } = traceCalls(() => computeMemory(settings));
      const bad = result.steps.find((s) => !s.y.toArray().every(Number.isFinite));
      const problem = bad ? m.widget_rnn_memory_overflow({ t: bad.t }) : '';
      this.#lastGood = result.steps;
      return { steps: result.steps, calls, problem };
    } catch (e) {
      const why = e instanceof NonFiniteError ? e.message : e instanceof Error ? e.message : String(e);
      return { steps: this.#lastGood, calls: [], problem: m.widget_rnn_memory_could_not_compute({ why }) };
    }
  });

  /** The current time step (0-based). */
  get t(): number {
    return this.stepper.index;
  }

  /** Sets an entry of W_ih, W_hh or W_y. */
  setWeight(m: MemoryMatrix, i: number, j: number, value: number): void {
    const row = this.#s[m][i];
    if (row && j >= 0 && j < row.length && Number.isFinite(value)) row[j] = value;
  }

  /** Sets an entry of b_h or b_y. */
  setBias(b: MemoryBias, i: number, value: number): void {
    if (i >= 0 && i < this.#s[b].length && Number.isFinite(value)) this.#s[b][i] = value;
  }

  /** Sets x_{t+1}[j]. */
  setInput(t: number, j: number, value: number): void {
    const row = this.#s.inputs[t];
    if (row && j >= 0 && j < row.length && Number.isFinite(value)) row[j] = value;
  }

  /** Elman (memory = hidden values) or Jordan (memory = outputs). */
  setVariant(variant: MemorySettings['variant']): void {
    this.#s.variant = variant;
  }

  /** The hidden activation f. */
  setActivation(activation: MemorySettings['activation']): void {
    this.#s.activation = activation;
  }

  /** Swaps input t with its neighbour (dir −1: earlier, +1: later); the stepper follows the moved input. */
  moveInput(t: number, dir: -1 | 1): boolean {
    const u = t + dir;
    const xs = this.#s.inputs;
    const a = xs[t];
    const b = xs[u];
    if (a === undefined || b === undefined) return false;
    xs[t] = b;
    xs[u] = a;
    return true;
  }

  /** Adds a step after the last (a copy of the last input), up to MAX_STEPS. */
  addStep(): boolean {
    const xs = this.#s.inputs;
    if (xs.length >= MAX_STEPS) return false;
    xs.push([...(xs.at(-1) ?? [1, 1])]);
    this.stepper.setSteps(stepsFor(xs.length));
    return true;
  }

  /** Removes input t, keeping at least MIN_STEPS. */
  removeStep(t: number): boolean {
    const xs = this.#s.inputs;
    if (xs.length <= MIN_STEPS || t < 0 || t >= xs.length) return false;
    xs.splice(t, 1);
    this.stepper.setSteps(stepsFor(xs.length));
    return true;
  }

  /** Back to the worked example at step 1. */
  reset(): void {
    this.#s = workedExample();
    this.stepper.setSteps(stepsFor(this.#s.inputs.length));
    this.stepper.reset();
  }

  /** The whole state, for the URL. */
  snapshot(): StateOf<typeof memoryFields> {
    const s = clone(this.#s);
    return {
      v: s.variant,
      f: s.activation,
      x: s.inputs,
      Wi: s.W_ih,
      Wh: s.W_hh,
      Wy: s.W_y,
      bh: s.b_h,
      by: s.b_y,
      t: this.stepper.index,
    };
  }

  /** Applies a state read from the URL (each field already validated). */
  restore(state: StateOf<typeof memoryFields>): void {
    this.#s = {
      variant: state.v,
      activation: state.f,
      inputs: state.x.map((r) => [...r]),
      W_ih: state.Wi.map((r) => [...r]),
      W_hh: state.Wh.map((r) => [...r]),
      W_y: state.Wy.map((r) => [...r]),
      b_h: [...state.bh],
      b_y: [...state.by],
    };
    this.stepper.setSteps(stepsFor(state.x.length));
    this.stepper.goTo(state.t);
  }
}
