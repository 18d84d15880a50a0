import {
  type GateBlock,
  NonFiniteError,
  type RecurrentParam,
  type RecurrentParams,
  type SymbolKey,
  type TraceSymbol,
  tensor,
} from '~engine/index.ts';
import type { OpCall } from '~engine/registry.ts';
import { m } from '~lib/i18n/messages.ts';
import { choiceField, type Field, intField, matrixField } from '~lib/url/state.ts';
import type { GatePreset, GateWeights } from '../data/gated-presets.ts';
import { StepperState } from '../kit/stepper.svelte.ts';
import { type Preset, WeightsState } from '../kit/weights.svelte.ts';

/** The four PyTorch parameter matrices, by the symbol the weight panel and the URL use. */
export const paramSymbols = ['W_ih', 'W_hh', 'b_ih', 'b_hh'] as const satisfies readonly RecurrentParam[];

/** One phase of a time step (a formula the stepper lights), e.g. `z` in `z_t`. */
export interface Phase {
  /** Its entry in the symbol table (`hTilde`): its TeX at a step is texAt / unitTex's (`\tilde h_t`). */
  readonly key: SymbolKey;
  /** Trace symbol: `r`, `z`, `h̃`, `h` or `i`, `f`, `g`, `o`, `c`, `h`. */
  readonly symbol: TraceSymbol;
  /** TeX for the symbol at step t, e.g. `\tilde h_t` (the whole-sequence chart's series name it). */
  readonly tex: string;
}

/** A stepper stop: time step `t` (1-based) and the phase within it. */
export interface PhaseStep {
  readonly id: string;
  readonly label: string;
  readonly t: number;
  readonly phase: number;
}

/** Stops for every phase of every step, in computation order (`r_1`, `z_1`, …, `h_6`). */
export function phaseSteps(phases: readonly Phase[], steps: number): PhaseStep[] {
  const out: PhaseStep[] = [];
  for (let t = 1; t <= steps; t++) {
    for (const [k, p] of phases.entries()) {
      out.push({ id: `${p.symbol}_${t}`, label: `t = ${t} · ${p.symbol}_${t}`, t, phase: k });
    }
  }
  return out;
}

/** A preset's weights as the weight panel's column-vector matrices. */
export function presetValues(w: GateWeights): Record<string, number[][]> {
  return {
    W_ih: w.W_ih.map((r) => [...r]),
    W_hh: w.W_hh.map((r) => [...r]),
    b_ih: w.b_ih.map((b) => [b]),
    b_hh: w.b_hh.map((b) => [b]),
  };
}

/** The URL fields every gated widget shares: preset, the four matrices, inputs, stepper position. */
export function gatedFields(presets: readonly GatePreset[], defaultId: string, phases: number) {
  const d = presets.find((p) => p.id === defaultId) ?? presets[0];
  if (d === undefined) throw new Error('a gated widget needs at least one preset');
  const v = presetValues(d.weights);
  const ids = ['', ...presets.map((p) => p.id)];
  return {
    p: choiceField(ids, defaultId),
    Wi: matrixField(v.W_ih ?? []),
    Wh: matrixField(v.W_hh ?? []),
    bi: matrixField(v.b_ih ?? []),
    bh: matrixField(v.b_hh ?? []),
    X: matrixField(d.inputs),
    t: intField(0, 0, d.inputs.length * phases - 1),
    s: intField(1, 0, 2 ** 31 - 1),
  } satisfies Record<string, Field<unknown>>;
}

/** The state those fields describe. */
export type GatedSnapshot = {
  p: string;
  Wi: number[][];
  Wh: number[][];
  bi: number[][];
  bh: number[][];
  X: number[][];
  t: number;
  s: number;
};

/** Parameter counts from the matrices' sizes: the LSTM's and a plain RNN unit's with the same I and H. */
export interface ParamCount {
  readonly total: number;
  readonly plain: number;
  readonly gates: number;
}

/** Counts W_ih, W_hh, b_ih, b_hh entries; a plain cell has the same with one block instead of `gates`. */
export function countParams(shapes: readonly (readonly (readonly number[])[])[], gates: number): ParamCount {
  const total = shapes.reduce((s, m) => s + m.reduce((a, r) => a + r.length, 0), 0);
  return { total, plain: total / gates, gates };
}

/** What a run hands the widget: per-step values by trace symbol, and the op calls behind them. */
export interface GatedRun {
  /** `steps[t - 1][symbol]` is the vector recorded for that symbol at step t. */
  readonly steps: readonly Readonly<Record<string, readonly number[]>>[];
  readonly calls: readonly OpCall[];
  /** Set when the engine refused the weights or inputs; the values are then the last good run's. */
  readonly error?: string;
}

/**
 * The state a gated recurrent widget shares (GRU, LSTM): PyTorch-layout
 * weights with presets and seeded randomize, an editable input sequence,
 * and a stepper over every formula of every time step. Subclasses say which
 * phases a step has and how to run the cell.
 */
export abstract class GatedCellState {
  readonly weights: WeightsState;
  readonly stepper: StepperState<PhaseStep>;
  readonly phases: readonly Phase[];
  /** The gate blocks in PyTorch order: block k is rows k·H … (k+1)·H − 1 of every parameter. */
  readonly blocks: readonly GateBlock[];
  readonly gates: number;
  readonly #presets: readonly GatePreset[];
  readonly #defaultId: string;
  #inputs = $state<number[][]>([]);
  /** The run on screen (a $derived in each subclass). */
  abstract readonly result: GatedRun;
  #lastGood: GatedRun | undefined;

  constructor(
    presets: readonly GatePreset[],
    defaultId: string,
    phases: readonly Phase[],
    blocks: readonly GateBlock[],
  ) {
    this.#presets = presets;
    this.#defaultId = defaultId;
    this.phases = phases;
    this.blocks = blocks;
    const gates = blocks.length;
    this.gates = gates;
    const d = this.#preset(defaultId);
    const v = presetValues(d.weights);
    const H = d.weights.W_hh[0]?.length ?? 0;
    const I = d.weights.W_ih[0]?.length ?? 0;
    const panel: Preset[] = presets.map((p) => ({ id: p.id, label: p.name(), values: presetValues(p.weights) }));
    this.weights = new WeightsState(
      [
        {
          symbol: 'W_ih',
          label: m.part_gated_weights_input({ rows: gates * H, columns: I }),
          initial: v.W_ih ?? [],
          scale: 1.5,
        },
        {
          symbol: 'W_hh',
          label: m.part_gated_weights_recurrent({ rows: gates * H, columns: H }),
          initial: v.W_hh ?? [],
          scale: 1.5,
        },
        { symbol: 'b_ih', label: m.part_gated_bias_input(), initial: v.b_ih ?? [], scale: 0.5 },
        { symbol: 'b_hh', label: m.part_gated_bias_recurrent(), initial: v.b_hh ?? [], scale: 0.5 },
      ],
      panel,
    );
    this.weights.applyPreset(defaultId);
    this.#inputs = d.inputs.map((r) => [...r]);
    this.stepper = new StepperState(phaseSteps(phases, d.inputs.length), { intervalMs: 700 });
  }

  #preset(id: string): GatePreset {
    const p = this.#presets.find((x) => x.id === id) ?? this.#presets[0];
    if (p === undefined) throw new Error('no presets');
    return p;
  }

  /** The presets offered in the panel, with their hints. */
  get presets(): readonly GatePreset[] {
    return this.#presets;
  }

  /** The hint of the preset in use, or undefined once the weights were edited. */
  get hint(): string | undefined {
    return this.#presets.find((p) => p.id === this.weights.preset)?.hint();
  }

  /** Inputs x_1..x_T, one row per step. */
  get inputs(): readonly (readonly number[])[] {
    return this.#inputs;
  }

  /** Hidden size H (rows of W_hh / gates). */
  get hiddenSize(): number {
    return this.weights.get('W_hh')[0]?.length ?? 0;
  }

  /** Parameters of this cell and of a plain RNN unit with the same sizes. */
  get paramCount(): ParamCount {
    return countParams(
      paramSymbols.map((s) => this.weights.get(s)),
      this.gates,
    );
  }

  /** Time step t of the stepper (1-based). */
  get t(): number {
    return this.stepper.current?.t ?? 1;
  }

  /** Position of the lit phase within the step. */
  get phase(): number {
    return this.stepper.current?.phase ?? 0;
  }

  /** The weights as engine params (biases flattened to vectors). */
  params(): RecurrentParams {
    const flat = (s: string) => this.weights.get(s).map((r) => r[0] ?? 0);
    return {
      W_ih: tensor(this.weights.get('W_ih') as number[][]),
      W_hh: tensor(this.weights.get('W_hh') as number[][]),
      b_ih: tensor(flat('b_ih')),
      b_hh: tensor(flat('b_hh')),
    };
  }

  /** Runs the cell; a NonFiniteError keeps the last good values and reports the engine's message. */
  protected guarded(run: () => GatedRun): GatedRun {
    try {
      const r = run();
      this.#lastGood = r;
      return r;
    } catch (e) {
      if (!(e instanceof NonFiniteError)) throw e;
      const base = this.#lastGood ?? { steps: [], calls: [] };
      return { ...base, error: m.part_gated_engine_stopped({ message: e.message }) };
    }
  }

  /** The value of `symbol` at step t (1-based) from a run, NaN-filled when missing. */
  static at(run: GatedRun, symbol: string, t: number): readonly number[] {
    return run.steps[t - 1]?.[symbol] ?? [];
  }

  /** Sets input x_{t+1}[j]. */
  setInput(t: number, j: number, value: number): void {
    const row = this.#inputs[t];
    if (row && j >= 0 && j < row.length && Number.isFinite(value)) row[j] = value;
  }

  /** After a preset is chosen in the panel: its input sequence too, so the behaviour it names shows. */
  usePresetInputs(): void {
    const id = this.weights.preset;
    if (id) this.#inputs = this.#preset(id).inputs.map((r) => [...r]);
  }

  /** Sets one block entry: row `i` of gate block `block` (PyTorch order), column `j`. */
  setBlock(symbol: RecurrentParam, block: number, i: number, j: number, value: number): void {
    this.weights.set(symbol, block * this.hiddenSize + i, j, value);
  }

  /** Block `block`'s rows of parameter `symbol` (a bias stays a column): `W_ir` is `blockRows('W_ih', 0)` of a GRU. */
  blockRows(symbol: RecurrentParam, block: number): number[][] {
    const H = this.hiddenSize;
    return this.weights
      .get(symbol)
      .slice(block * H, (block + 1) * H)
      .map((r) => [...r]);
  }

  /** The shared part of the URL state. */
  protected baseSnapshot(): GatedSnapshot {
    const m = (s: string) => this.weights.get(s).map((r) => [...r]);
    return {
      p: this.weights.preset,
      Wi: m('W_ih'),
      Wh: m('W_hh'),
      bi: m('b_ih'),
      bh: m('b_hh'),
      X: this.#inputs.map((r) => [...r]),
      t: this.stepper.index,
      s: this.weights.seed,
    };
  }

  /** Applies the shared part of a validated URL state. */
  protected baseRestore(s: GatedSnapshot): void {
    this.weights.reset();
    if (s.p) this.weights.applyPreset(s.p);
    // Explicit matrices win over the preset (an edited preset has p = '').
    this.weights.assign({ W_ih: s.Wi, W_hh: s.Wh, b_ih: s.bi, b_hh: s.bh });
    this.weights.setSeed(s.s);
    this.#inputs = s.X.map((r) => [...r]);
    this.stepper.goTo(s.t);
  }

  /** Back to the default preset, its inputs, and the first step. */
  protected baseReset(): void {
    this.weights.applyPreset(this.#defaultId);
    this.#inputs = this.#preset(this.#defaultId).inputs.map((r) => [...r]);
    this.stepper.reset();
  }
}
