import {
  add,
  bahdanauDecode,
  gruCell,
  matmul,
  NonFiniteError,
  type RecurrentParams,
  runBidirectional,
  Trace,
  tanh,
  tensor,
  traceCalls,
} from '~engine/index.ts';
import type { OpCall } from '~engine/registry.ts';
import { m } from '~lib/i18n/messages.ts';
import { randomMatrix, seedFrom } from '~lib/random/seeds.ts';
import { type Fields, intField, matrixField, numberField, type StateOf } from '~lib/url/state.ts';
import { type QkvBridge, qkvBridge } from '../data/bahdanau-qkv.ts';
import { StepperState } from '../kit/stepper.svelte.ts';
import { type WeightSpec, WeightsState } from '../kit/weights.svelte.ts';

/**
 * Sizes of the walkthrough: 4 source words with 2-number embeddings, forward
 * and backward GRUs of 2 units (annotations of 4), a decoder GRU of 3 units,
 * an alignment network of 3 hidden units and outputs y of 2 numbers.
 */
export const bahdanauSizes = { words: 4, embed: 2, half: 2, state: 3, align: 3, out: 2, steps: 4 } as const;

/**
 * The source sentence, in the page's language's catalog: the example's words label an untrained network's rows (no
 * trained vocabulary behind them), so a translation may keep them or pick its own. Call it while rendering.
 */
export function sourceWords(): readonly string[] {
  return [m.widget_bahdanau_source_the(), m.widget_bahdanau_source_red(), m.widget_bahdanau_source_car(), '.'];
}
/** The target words the decoder steps are named after; untrained weights do not produce them. */
export function targetWords(): readonly string[] {
  return [m.widget_bahdanau_target_la(), m.widget_bahdanau_target_voiture(), m.widget_bahdanau_target_rouge(), '.'];
}

const { words, embed, half, state: S, align: A, out: Y } = bahdanauSizes;
const D = 2 * half;

/** Every parameter: symbol, its heading (a catalog message), shape and the scale its seeded default is drawn with. */
const shapes: readonly [symbol: string, label: () => string, rows: number, cols: number, scale: number][] = [
  ['Wf_ih', m.widget_bahdanau_weight_forward_ih, 3 * half, embed, 1],
  ['Wf_hh', () => m.widget_bahdanau_weight_forward({ symbol: 'W_hh' }), 3 * half, half, 1],
  ['bf_ih', () => m.widget_bahdanau_weight_forward({ symbol: 'b_ih' }), 3 * half, 1, 0.5],
  ['bf_hh', () => m.widget_bahdanau_weight_forward({ symbol: 'b_hh' }), 3 * half, 1, 0.5],
  ['Wb_ih', () => m.widget_bahdanau_weight_backward({ symbol: 'W_ih' }), 3 * half, embed, 1],
  ['Wb_hh', () => m.widget_bahdanau_weight_backward({ symbol: 'W_hh' }), 3 * half, half, 1],
  ['bb_ih', () => m.widget_bahdanau_weight_backward({ symbol: 'b_ih' }), 3 * half, 1, 0.5],
  ['bb_hh', () => m.widget_bahdanau_weight_backward({ symbol: 'b_hh' }), 3 * half, 1, 0.5],
  ['W_a', m.widget_bahdanau_weight_alignment_w, A, S, 1],
  ['U_a', m.widget_bahdanau_weight_alignment_u, A, D, 1],
  ['v_a', () => m.widget_bahdanau_weight_alignment({ symbol: 'v_a' }), A, 1, 3],
  ['Wd_ih', m.widget_bahdanau_weight_decoder_ih, 3 * S, Y + D, 1],
  ['Wd_hh', () => m.widget_bahdanau_weight_decoder({ symbol: 'W_hh' }), 3 * S, S, 1],
  ['bd_ih', () => m.widget_bahdanau_weight_decoder({ symbol: 'b_ih' }), 3 * S, 1, 0.5],
  ['bd_hh', () => m.widget_bahdanau_weight_decoder({ symbol: 'b_hh' }), 3 * S, 1, 0.5],
  ['W_y', () => m.widget_bahdanau_weight_readout({ symbol: 'W_y' }), Y, S, 1],
  ['b_y', () => m.widget_bahdanau_weight_readout({ symbol: 'b_y' }), Y, 1, 0.5],
];

/**
 * Weight specs with seeded defaults (rounded to 2 decimals so they read well). A spec's label is a getter: the
 * weight panel reads it while rendering, in the page's language (chosen after this module loads).
 */
export const bahdanauSpecs: readonly WeightSpec[] = shapes.map(([symbol, label, rows, cols, scale]) => ({
  symbol,
  get label() {
    return label();
  },
  initial: randomMatrix(seedFrom(`bahdanau:${symbol}`), rows, cols, scale),
  scale,
}));

/** The alignment network's symbols: one small network scores every pair. */
export const alignmentSymbols: readonly string[] = ['W_a', 'U_a', 'v_a'];
/** Alignment weights, shown in the walkthrough. */
export const alignmentSpecs = bahdanauSpecs.filter((s) => alignmentSymbols.includes(s.symbol));
/** Encoder and decoder weights, shown on request. */
export const networkSpecs = bahdanauSpecs.filter((s) => !alignmentSymbols.includes(s.symbol));

/** Default embeddings of the four source words (one row per word). */
export const defaultEmbeddings = [
  [1, 0.2],
  [-0.4, 0.9],
  [0.7, -0.8],
  [-0.9, -0.3],
];

/** One part of a decoder step, in the order the walkthrough shows them. */
export type Phase = 'pairs' | 'scores' | 'weights' | 'context' | 'decoder';
/** Phases in order. */
export const phases: readonly Phase[] = ['pairs', 'scores', 'weights', 'context', 'decoder'];
/** A stop's label for decoder step i, in the page's language. */
const phaseLabel: Record<Phase, (i: number) => string> = {
  pairs: (i) => m.widget_bahdanau_stop_pairs({ i, previous: `s_{${i - 1}}` }),
  scores: (i) => m.widget_bahdanau_stop_scores({ i, symbol: `e_${i}j` }),
  weights: (i) => m.widget_bahdanau_stop_weights({ i, symbol: `α_${i}j` }),
  context: (i) => m.widget_bahdanau_stop_context({ i, symbol: `c_${i}` }),
  decoder: (i) => m.widget_bahdanau_stop_decoder({ i, state: `s_${i}`, output: `y_${i}` }),
};

/** One stepper stop: the encoder (i = 0) or decoder step i in a phase. */
export interface WalkStep {
  readonly id: string;
  readonly label: string;
  readonly i: number;
  readonly phase: Phase | 'encoder';
}

/** The 1 + 4 × 5 stops of the walkthrough (labels are getters: the stepper reads them while rendering). */
export const walkSteps: readonly WalkStep[] = [
  {
    id: 'encoder',
    get label() {
      return m.widget_bahdanau_stop_encoder();
    },
    i: 0,
    phase: 'encoder',
  },
  ...Array.from({ length: bahdanauSizes.steps }, (_, k) =>
    phases.map((phase) => ({
      id: `${phase}_${k + 1}`,
      get label() {
        return phaseLabel[phase](k + 1);
      },
      i: k + 1,
      phase,
    })),
  ).flat(),
];

/** The walkthrough's link state: every weight, the embeddings, the v_a scale and the stepper position. */
export const bahdanauFields = {
  ...Object.fromEntries(bahdanauSpecs.map((s) => [s.symbol, matrixField(s.initial)])),
  X: matrixField(defaultEmbeddings),
  k: numberField(1, 0, 10),
  t: intField(0, 0, walkSteps.length - 1),
} as Fields & { X: ReturnType<typeof matrixField>; k: ReturnType<typeof numberField>; t: ReturnType<typeof intField> };

/** The link state's shape. */
export type BahdanauSnapshot = StateOf<typeof bahdanauFields>;

/** One decoder step, all from the engine: pairs, the alignment network's hidden layer, e, α, c, s, y. */
export interface DecoderStep {
  readonly sPrev: number[];
  /** tanh(W_a s_{i−1} + U_a h_j), one row per j: the shared network's hidden units for each pair. */
  readonly hidden: number[][];
  readonly e: number[];
  readonly alpha: number[];
  readonly c: number[];
  readonly s: number[];
  readonly y: number[];
}

/** The whole walkthrough's numbers. */
export interface Walkthrough {
  readonly forward: number[][];
  readonly backward: number[][];
  readonly annotations: number[][];
  readonly steps: DecoderStep[];
  /** v_a times the scale κ, the vector the scores use. */
  readonly vScaled: number[];
}

const col = (m: readonly (readonly number[])[]) => m.map((r) => r[0] ?? 0);

function gruParams(w: Readonly<Record<string, readonly (readonly number[])[]>>, p: string): RecurrentParams {
  const get = (s: string) => w[s] ?? [];
  return {
    W_ih: tensor(get(`W${p}_ih`) as number[][]),
    W_hh: tensor(get(`W${p}_hh`) as number[][]),
    b_ih: tensor(col(get(`b${p}_ih`))),
    b_hh: tensor(col(get(`b${p}_hh`))),
  };
}

/**
 * Runs the whole walkthrough with the engine: a bidirectional GRU over the
 * embeddings gives annotations h_j = [h→_j; h←_j]; `bahdanauDecode` (s_0 = 0,
 * y_0 = 0) records e, α, c, s, y per step in a Trace; the alignment network's
 * hidden layer is recomputed with the same ops for display.
 */
export function runWalkthrough(
  weights: Readonly<Record<string, readonly (readonly number[])[]>>,
  embeddings: readonly (readonly number[])[],
  kappa: number,
): Walkthrough {
  const enc = runBidirectional(
    gruCell(gruParams(weights, 'f')),
    gruCell(gruParams(weights, 'b')),
    embeddings.map((x) => tensor([...x])),
  );
  const annotations = enc.annotations.map((h) => h.toArray());
  const H = tensor(annotations);
  const W_a = tensor((weights.W_a ?? []) as number[][]);
  const U_a = tensor((weights.U_a ?? []) as number[][]);
  const vScaled = col(weights.v_a ?? []).map((v) => v * kappa);
  const trace = new Trace();
  bahdanauDecode(
    {
      attention: { W_a, U_a, v_a: tensor(vScaled) },
      cell: gruCell(gruParams(weights, 'd')),
      readout: { W: tensor((weights.W_y ?? []) as number[][]), b: tensor(col(weights.b_y ?? [])) },
    },
    H,
    bahdanauSizes.steps,
    { trace },
  );
  const UH = matmul(H, U_a, { transposeB: true });
  let sPrev = new Array<number>(S).fill(0);
  const steps: DecoderStep[] = [];
  for (let i = 1; i <= bahdanauSizes.steps; i++) {
    const Ws = matmul(tensor([sPrev]), W_a, { transposeB: true });
    const flat = tanh(add(UH, Ws)).toArray();
    const hidden = annotations.map((_, j) => flat.slice(j * A, (j + 1) * A));
    const s = trace.get('s', { step: i }).toArray();
    steps.push({
      sPrev,
      hidden,
      e: trace.get('e', { step: i }).toArray(),
      alpha: trace.get('α', { step: i }).toArray(),
      c: trace.get('c', { step: i }).toArray(),
      s,
      y: trace.get('y', { step: i }).toArray(),
    });
    sPrev = s;
  }
  return {
    forward: enc.forward.states.map((st) => st.h.toArray()),
    backward: enc.backward.states.map((st) => st.h.toArray()),
    annotations,
    steps,
    vScaled,
  };
}

/** The walkthrough's state: weights, embeddings, the v_a scale κ and the stepper; numbers from the engine. */
export class BahdanauState {
  /** W_a, U_a, v_a. */
  readonly alignment = new WeightsState(alignmentSpecs);
  /** The encoder GRUs, the decoder GRU and the readout. */
  readonly network = new WeightsState(networkSpecs);
  readonly stepper = new StepperState<WalkStep>(walkSteps, { intervalMs: 1100 });
  #embeddings = $state(defaultEmbeddings.map((r) => [...r]));
  #kappa = $state(1);
  #last: Walkthrough | undefined;

  /** Recomputed when a weight, an embedding or κ changes (not when the stepper moves). */
  readonly result: { walk: Walkthrough | undefined; calls: OpCall[]; error: string } = $derived.by(() => {
    try {
      const { result, calls } = traceCalls(() => runWalkthrough(this.values, this.#embeddings, this.#kappa));
      this.#last = result;
      return { walk: result, calls, error: '' };
    } catch (e) {
      const message = e instanceof NonFiniteError ? e.message : e instanceof Error ? e.message : String(e);
      return { walk: this.#last, calls: [], error: m.widget_bahdanau_refused({ message }) };
    }
  });

  /** Every weight by symbol (alignment and network together). */
  get values(): Readonly<Record<string, readonly (readonly number[])[]>> {
    return { ...this.network.values, ...this.alignment.values };
  }

  /** One weight matrix by symbol. */
  get(symbol: string): readonly (readonly number[])[] {
    return this.alignment.get(symbol).length > 0 ? this.alignment.get(symbol) : this.network.get(symbol);
  }

  get embeddings(): readonly (readonly number[])[] {
    return this.#embeddings;
  }

  /** Decoder step i (1-based) of the current walkthrough written as query, keys and values (see bahdanau-qkv.ts). */
  bridgeAt(i: number): QkvBridge | undefined {
    const walk = this.result.walk;
    const step = walk?.steps[i - 1];
    return walk && step ? qkvBridge(step, walk.annotations, this.get('W_a'), this.get('U_a')) : undefined;
  }

  get kappa(): number {
    return this.#kappa;
  }

  /** Sets embedding entry [word j, feature k]. */
  setEmbedding(j: number, k: number, value: number): void {
    const row = this.#embeddings[j];
    if (row && k >= 0 && k < row.length && Number.isFinite(value)) row[k] = value;
  }

  /** Sets the scale κ of v_a (0..10): larger κ sharpens the softmax. */
  setKappa(value: number): void {
    if (Number.isFinite(value)) this.#kappa = Math.max(0, Math.min(10, value));
  }

  /** The whole state for the URL. */
  snapshot(): BahdanauSnapshot {
    const out: Record<string, unknown> = {};
    for (const s of bahdanauSpecs) out[s.symbol] = this.get(s.symbol).map((r) => [...r]);
    out.X = this.#embeddings.map((r) => [...r]);
    out.k = this.#kappa;
    out.t = this.stepper.index;
    return out as BahdanauSnapshot;
  }

  /** Applies a validated state from the URL. */
  restore(s: BahdanauSnapshot): void {
    const w: Record<string, number[][]> = {};
    for (const spec of bahdanauSpecs) w[spec.symbol] = s[spec.symbol] as number[][];
    this.alignment.assign(w);
    this.network.assign(w);
    this.#embeddings = (s.X as number[][]).map((r) => [...r]);
    this.setKappa(s.k as number);
    this.stepper.goTo(s.t as number);
  }

  /** Back to the defaults. */
  reset(): void {
    this.alignment.reset();
    this.network.reset();
    this.#embeddings = defaultEmbeddings.map((r) => [...r]);
    this.#kappa = 1;
    this.stepper.reset();
  }
}

/** Sizes re-exported for views: annotation size D = 2·half. */
export const annotationSize = D;
/** Number of source words. */
export const sourceLength = words;
