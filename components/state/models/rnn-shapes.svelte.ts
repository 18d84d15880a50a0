import * as v from 'valibot';
import { type Feed, type OpCall, traceCalls } from '~engine/index.ts';
import type { DiagramColumn, DiagramNode } from '~lib/diagram/unrolled-layout.ts';
import { choiceField, field, intField, type StateOf } from '~lib/url/state.ts';
import { StepperState } from '../kit/stepper.svelte.ts';
import {
  computeShape,
  defaultShapesSettings,
  defaultShapesWeights,
  type RnnShape,
  type ShapesSettings,
} from './rnn-shapes.compute.ts';

/** Input sequences and output runs may have 1 to 6 steps. */
export const MAX_SHAPE_STEPS = 6;
/** The shapes in the order the switcher offers them. */
export const shapes: readonly RnnShape[] = ['n-to-n', 'n-to-1', '1-to-n', 'n-to-m'];

const finite = v.pipe(v.number(), v.finite());
const d = defaultShapesSettings;

/** The shapes widget's link state. `t` is the last revealed column; past the end means all. */
export const shapesFields = {
  s: choiceField(shapes, d.shape),
  f: choiceField(['first', 'every', 'output'] as const, d.feed),
  x: field(
    v.pipe(
      v.array(v.pipe(v.array(finite), v.length(2, 'each input needs 2 numbers'))),
      v.minLength(1, 'needs at least 1 step'),
      v.maxLength(MAX_SHAPE_STEPS, `at most ${MAX_SHAPE_STEPS} steps`),
    ),
    d.inputs,
  ),
  m: intField(d.outputSteps, 1, MAX_SHAPE_STEPS),
  t: intField(2 * MAX_SHAPE_STEPS, 0, 2 * MAX_SHAPE_STEPS),
};

/** What the diagram needs, plus the engine calls behind it. */
export interface ShapesResult {
  columns: DiagramColumn[];
  context?: DiagramNode;
  calls: OpCall[];
}

const stepsOf = (columns: readonly DiagramColumn[]) =>
  columns.map((c) => ({
    id: c.state.symbol,
    label: c.output ? `${c.state.label} → ${c.output.label}` : c.state.label,
  }));

/**
 * State of the shapes chapter’s widget: which arrangement (N→N, N→1, 1→N,
 * N→M), how the single input or the context is fed, the inputs, and a
 * stepper revealing the unrolled columns one at a time.
 */
export class ShapesModel {
  #s = $state<ShapesSettings>(structuredClone(defaultShapesSettings));
  readonly weights = defaultShapesWeights();
  readonly stepper: StepperState;

  constructor() {
    this.stepper = new StepperState(stepsOf(this.result.columns), { start: 2 * MAX_SHAPE_STEPS, intervalMs: 800 });
  }

  /** The current settings. */
  get settings(): Readonly<ShapesSettings> {
    return this.#s;
  }

  /** The unrolled columns with the engine's values. */
  readonly result: ShapesResult = $derived.by(() => {
    const s = $state.snapshot(this.#s) as ShapesSettings;
    const { result, calls } = traceCalls(() => computeShape(s, this.weights));
    return { columns: result.columns, context: result.context, calls };
  });

  /** Keeps the stepper's list in step with the columns (all revealed stays all revealed). */
  #sync(): void {
    const atEnd = this.stepper.atEnd;
    this.stepper.setSteps(stepsOf(this.result.columns));
    if (atEnd) this.stepper.goTo(this.stepper.steps.length - 1);
  }

  /** Picks a shape. */
  setShape(shape: RnnShape): void {
    this.#s.shape = shape;
    // Feeding back the output is a 1→N choice; N→M offers first and every only.
    if (shape !== '1-to-n' && this.#s.feed === 'output') this.#s.feed = 'first';
    this.#sync();
  }

  /** First step only, every step, or (1→N) the previous output. */
  setFeed(feed: Feed): void {
    this.#s.feed = feed;
  }

  /** Sets x_{t+1}[j]. */
  setInput(t: number, j: number, value: number): void {
    const row = this.#s.inputs[t];
    if (row && j >= 0 && j < row.length && Number.isFinite(value)) row[j] = value;
  }

  /** Adds an input step (a copy of the last), up to MAX_SHAPE_STEPS. */
  addInput(): void {
    const xs = this.#s.inputs;
    if (xs.length >= MAX_SHAPE_STEPS) return;
    xs.push([...(xs.at(-1) ?? [0, 0])]);
    this.#sync();
  }

  /** Removes the last input step, keeping at least one. */
  removeInput(): void {
    if (this.#s.inputs.length <= 1) return;
    this.#s.inputs.pop();
    this.#sync();
  }

  /** How many output steps 1→N and N→M run for. */
  setOutputSteps(n: number): void {
    if (!Number.isFinite(n)) return;
    this.#s.outputSteps = Math.min(MAX_SHAPE_STEPS, Math.max(1, Math.round(n)));
    this.#sync();
  }

  /** Back to the defaults, every column revealed. */
  reset(): void {
    this.#s = structuredClone(defaultShapesSettings);
    this.stepper.pause();
    this.#sync();
    this.stepper.goTo(this.stepper.steps.length - 1);
  }

  /** The whole state, for the URL. */
  snapshot(): StateOf<typeof shapesFields> {
    const s = $state.snapshot(this.#s) as ShapesSettings;
    const t = this.stepper.atEnd ? 2 * MAX_SHAPE_STEPS : this.stepper.index;
    return { s: s.shape, f: s.feed, x: s.inputs, m: s.outputSteps, t };
  }

  /** Applies a state read from the URL. */
  restore(state: StateOf<typeof shapesFields>): void {
    const feed = state.f === 'output' && state.s !== '1-to-n' ? 'first' : state.f;
    this.#s = { shape: state.s, feed, inputs: state.x.map((r) => [...r]), outputSteps: state.m };
    this.stepper.setSteps(stepsOf(this.result.columns));
    this.stepper.goTo(state.t);
  }
}

/** Scratchpad names for every node on the diagram (x_1, h_1, s_1, y_1, c …) plus the encoder weights. */
export function shapesScope(model: ShapesModel): Record<string, number[] | number[][]> {
  const scope: Record<string, number[] | number[][]> = {
    W_ih: model.weights.encoder.W_ih.toRows(),
    W_hh: model.weights.encoder.W_hh.toRows(),
    b_ih: model.weights.encoder.b_ih.toArray(),
  };
  const { columns, context } = model.result;
  for (const c of columns) {
    for (const n of [c.input, c.state, c.output]) if (n) scope[n.symbol] = [...n.values];
  }
  if (context) scope[context.symbol] = [...context.values];
  return scope;
}
