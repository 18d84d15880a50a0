import { add, positionalEncoding, selfAttention, sub, Trace, tensor, traceCalls } from '~engine/index.ts';
import type { OpCall } from '~engine/registry.ts';
import { m } from '~lib/i18n/messages.ts';
import { choiceField, flagField, type StateOf } from '~lib/url/state.ts';
import { errorMessage } from '../data/engine-error.ts';

/** The three words, in the order of the first sentence (ids: orderWord() is what a reader sees). */
export const orderWords = ['dog', 'bites', 'man'] as const;

const wordMessages = [
  m.widget_attention_order_word_dog,
  m.widget_attention_order_word_bites,
  m.widget_attention_order_word_man,
];

/** Word w (an index into orderWords) in the page's language (call while rendering). */
export const orderWord = (w: number): string => wordMessages[w]?.() ?? '';

/** One small made-up embedding per word (d = 4); a word keeps its vector wherever it stands. */
export const wordVectors: readonly (readonly number[])[] = [
  [0.8, -0.3, 0.5, 0.1],
  [-0.4, 0.9, 0.2, -0.6],
  [0.3, 0.4, -0.7, 0.6],
];

/** Projections W_q, W_k, W_v [4, 4], PyTorch layout, fixed: the chapter is about order, not weights. */
export const orderProjections = {
  W_q: [
    [1, 0.5, 0, -0.5],
    [0, 1, 0.5, 0],
    [0.5, 0, 1, 0.5],
    [-0.5, 0, 0.5, 1],
  ],
  W_k: [
    [0.5, 1, 0, 0],
    [1, 0, 0.5, -0.5],
    [0, 0.5, 1, 1],
    [0.5, -0.5, 0, 1],
  ],
  W_v: [
    [1, 0, 0.5, 0],
    [0, 1, 0, 0.5],
    [0.5, 0.5, 1, 0],
    [0, 0.5, 0, 1],
  ],
} as const;

/** Every order of the three words, as word indices; the id is the digits ('021': dog man bites). */
export const wordOrders: readonly (readonly number[])[] = [
  [0, 1, 2],
  [2, 1, 0],
  [1, 0, 2],
  [0, 2, 1],
  [1, 2, 0],
  [2, 0, 1],
];
const orderIds = wordOrders.map((o) => o.join(''));

/** The widget's link state: the order and whether positions are added. */
export const attentionOrderFields = {
  o: choiceField(orderIds, '012'),
  p: flagField(false),
};

/** One run of the engine for the current order. */
export interface OrderResult {
  /** The attention's input, one row per position: word vector (+ PE row). */
  X: number[][];
  /** Sinusoidal PE rows for positions 0…n−1 (empty when positions are off). */
  PE: number[][];
  /** Attention weights, queries down, keys across, in the current order. */
  A: number[][];
  /** Outputs in the current order. */
  O: number[][];
  /** Per position: the largest |difference| between its word's output here and in the first order. */
  change: number[];
  calls: OpCall[];
  error: string;
}

const params = () => ({
  W_q: tensor(orderProjections.W_q as unknown as number[][]),
  W_k: tensor(orderProjections.W_k as unknown as number[][]),
  W_v: tensor(orderProjections.W_v as unknown as number[][]),
});

/**
 * Permutation equivariance, live (/positions-masks/): the same three word
 * vectors in any order through the engine's self-attention. Without
 * positions every word's output is the same in every order (the rows just
 * move); with the sinusoidal encodings added, the outputs change.
 */
export class AttentionOrderState {
  #order = $state('012');
  #positions = $state(false);

  /** The words in the current order, as indices into orderWords. */
  get order(): readonly number[] {
    return wordOrders[orderIds.indexOf(this.#order)] ?? [0, 1, 2];
  }

  get orderId(): string {
    return this.#order;
  }

  /** True when PE rows are added to the word vectors. */
  get positions(): boolean {
    return this.#positions;
  }

  /** The engine's run for the current order, and its comparison with the first order. */
  readonly result: OrderResult = $derived.by(() => {
    const order = this.order;
    const n = order.length;
    const d = wordVectors[0]?.length ?? 0;
    try {
      const { result: value, calls } = traceCalls(() => {
        const pe = this.#positions ? positionalEncoding(n, d) : undefined;
        const input = (idx: readonly number[]) => {
          const words = tensor(idx.map((w) => [...(wordVectors[w] ?? [])]));
          return pe === undefined ? words : add(words, pe);
        };
        const trace = new Trace();
        const X = input(order);
        const O = selfAttention(params(), X, { trace });
        const first = selfAttention(params(), input([0, 1, 2]));
        // The first order's output row of the word now at position i, to compare with this order's row i.
        const firstRows = first.toRows();
        const moved = tensor(order.map((w) => firstRows[w] ?? []));
        const diff = sub(O, moved).toRows();
        return {
          X: X.toRows(),
          PE: pe === undefined ? [] : pe.toRows(),
          A: trace.get("A'").toRows(),
          O: O.toRows(),
          change: diff.map((r) => Math.max(...r.map(Math.abs))),
        };
      });
      return { ...value, calls, error: '' };
    } catch (e) {
      return { X: [], PE: [], A: [], O: [], change: [], calls: [], error: errorMessage(e) };
    }
  });

  /** Puts the words in the order with this id ('210' is man bites dog). */
  setOrder(id: string): void {
    if (orderIds.includes(id)) this.#order = id;
  }

  setPositions(on: boolean): void {
    this.#positions = on;
  }

  /** The whole state for the URL. */
  snapshot(): StateOf<typeof attentionOrderFields> {
    return { o: this.#order, p: this.#positions };
  }

  /** Applies a state read from the URL. */
  restore(s: StateOf<typeof attentionOrderFields>): void {
    this.#order = s.o;
    this.#positions = s.p;
  }

  /** Back to "dog bites man" without positions. */
  reset(): void {
    this.#order = '012';
    this.#positions = false;
  }
}
