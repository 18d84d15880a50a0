import { attend, matmul, Trace, tensor, traceCalls } from '~engine/index.ts';
import type { OpCall } from '~engine/registry.ts';
import { m } from '~lib/i18n/messages.ts';
import { matrixField, type StateOf } from '~lib/url/state.ts';
import { errorMessage } from '../data/engine-error.ts';

/** The source sentence the encoder read. */
export const sourceWords = ['the', 'black', 'cat', 'sleeps'] as const;
/** The target the decoder has produced so far. */
export const targetWords = ['le', 'chat', 'noir'] as const;

/**
 * The words as the reader sees them, from the catalog: they only name the made-up vectors' rows (no trained
 * vocabulary behind them), so a translation may keep them or pick its own. Call while rendering.
 */
export function sourceWordLabels(): string[] {
  return [
    m.widget_cross_attention_source_the(),
    m.widget_cross_attention_source_black(),
    m.widget_cross_attention_source_cat(),
    m.widget_cross_attention_source_sleeps(),
  ];
}
/** The target words as the reader sees them (see sourceWordLabels). */
export function targetWordLabels(): string[] {
  return [
    m.widget_cross_attention_target_le(),
    m.widget_cross_attention_target_chat(),
    m.widget_cross_attention_target_noir(),
  ];
}

/** Encoder outputs (d = 4), one row per source word: made up so each word has its own direction. */
export const encoderOutputs: readonly (readonly number[])[] = [
  [1.2, 0.1, 0, 0.2],
  [0.1, 1.3, 0.2, 0],
  [0, 0.2, 1.4, 0.1],
  [0.2, 0, 0.1, 1.2],
];

/** Decoder states after their own self-attention, one row per target position; each resembles the word it translates. */
export const decoderStates: readonly (readonly number[])[] = [
  [1.1, 0, 0.2, 0.1],
  [0.1, 0.3, 1.2, 0],
  [0, 1.2, 0.1, 0.3],
];

/** Projections [4, 4], PyTorch layout: queries and keys keep the content directions, values mix them. */
export const crossProjections = {
  W_q: [
    [1.5, 0, 0, 0],
    [0, 1.5, 0, 0],
    [0, 0, 1.5, 0],
    [0, 0, 0, 1.5],
  ],
  W_k: [
    [1.5, 0.1, 0, 0],
    [0, 1.5, 0.1, 0],
    [0, 0, 1.5, 0.1],
    [0.1, 0, 0, 1.5],
  ],
  W_v: [
    [0.5, 0.5, 0, 0],
    [0, 0.5, 0.5, 0],
    [0, 0, 0.5, 0.5],
    [0.5, 0, 0, 0.5],
  ],
} as const;

/** The widget's link state: both sets of vectors. */
export const crossAttentionFields = {
  E: matrixField(encoderOutputs),
  D: matrixField(decoderStates),
};

/** What the engine computed. */
export interface CrossResult {
  Q: number[][];
  K: number[][];
  V: number[][];
  /** Scores E = Q Kᵀ (the engine traces them as `A`). */
  E: number[][];
  /** Weights A = softmax(E / √d_k), the engine's `A'`. */
  A: number[][];
  O: number[][];
  calls: OpCall[];
  error: string;
}

const copy = (m: readonly (readonly number[])[]) => m.map((r) => [...r]);
const W = (m: readonly (readonly number[])[]) => tensor(copy(m));

/**
 * Cross-attention in an encoder–decoder Transformer (/transformer/): queries
 * from the decoder's 3 positions, keys and values from the encoder's 4
 * outputs, so the weights A are 3×4, one row of weights over the source per target
 * position, like Bahdanau's alignment.
 */
export class CrossAttentionState {
  #enc = $state(copy(encoderOutputs));
  #dec = $state(copy(decoderStates));

  /** The engine's run: projections by matmul, then attend(Q, K, V) with its trace. */
  readonly result: CrossResult = $derived.by(() => {
    try {
      const { result, calls } = traceCalls(() => {
        const trace = new Trace();
        const enc = tensor(copy(this.#enc));
        const Q = matmul(tensor(copy(this.#dec)), W(crossProjections.W_q), { transposeB: true });
        const K = matmul(enc, W(crossProjections.W_k), { transposeB: true });
        const V = matmul(enc, W(crossProjections.W_v), { transposeB: true });
        attend(Q, K, V, { trace });
        return {
          Q: Q.toRows(),
          K: K.toRows(),
          V: V.toRows(),
          E: trace.get('A').toRows(),
          A: trace.get("A'").toRows(),
          O: trace.get('O').toRows(),
        };
      });
      return { ...result, calls, error: '' };
    } catch (e) {
      return { Q: [], K: [], V: [], E: [], A: [], O: [], calls: [], error: errorMessage(e) };
    }
  });

  /** Encoder outputs, one row per source word. */
  get encoder(): readonly (readonly number[])[] {
    return this.#enc;
  }

  /** Decoder states, one row per target position. */
  get decoder(): readonly (readonly number[])[] {
    return this.#dec;
  }

  /** Sets entry (i, j) of the encoder outputs ('E') or decoder states ('D'). */
  set(which: 'E' | 'D', i: number, j: number, value: number): void {
    const row = (which === 'E' ? this.#enc : this.#dec)[i];
    if (row && j >= 0 && j < row.length && Number.isFinite(value)) row[j] = value;
  }

  /** The whole state for the URL. */
  snapshot(): StateOf<typeof crossAttentionFields> {
    return { E: copy(this.#enc), D: copy(this.#dec) };
  }

  /** Applies a state read from the URL; a matrix of the wrong size falls back to the default. */
  restore(s: StateOf<typeof crossAttentionFields>): void {
    const fits = (m: number[][], rows: number) => m.length === rows && m.every((r) => r.length === 4);
    this.#enc = fits(s.E, sourceWords.length) ? copy(s.E) : copy(encoderOutputs);
    this.#dec = fits(s.D, targetWords.length) ? copy(s.D) : copy(decoderStates);
  }

  /** Back to the default vectors. */
  reset(): void {
    this.#enc = copy(encoderOutputs);
    this.#dec = copy(decoderStates);
  }
}
