import { matmul, resolveScale, selfAttention, Trace, tensor, traceCalls } from '~engine/index.ts';
import { attentionMask, type MaskKind, maskedScores } from '~engine/models/attention-masks.ts';
import { type Normaliser, normalisers, normaliseScores } from '~engine/models/attention-normalisers.ts';
import type { OpCall } from '~engine/registry.ts';
import { m } from '~lib/i18n/messages.ts';
import { choiceField, flagField, intField, matrixField, type StateOf } from '~lib/url/state.ts';
import { errorMessage } from '../data/engine-error.ts';
import { StepperState } from '../kit/stepper.svelte.ts';
import { WeightsState } from '../kit/weights.svelte.ts';

/** The mask and normaliser names the widget offers, so it imports its state and never the engine itself. */
export type { MaskKind, Normaliser };

/** The four tokens: the sentence from the prose, with the same word twice (ids; tokenWords() is what a reader sees). */
export const tokenNames = ['I', 'saw', 'a', 'saw'] as const;

/** The vocabulary's words in the page's language, by id (call while rendering). */
const wordMessages: Record<string, () => string> = {
  I: m.widget_self_attention_word_i,
  saw: m.widget_self_attention_word_saw,
  a: m.widget_self_attention_word_a,
  other: m.widget_self_attention_word_other,
};

/** A vocabulary word (I, saw, a, other) as the reader reads it. */
export const word = (id: string): string => wordMessages[id]?.() ?? id;

/** The four tokens as the reader reads them (call while rendering). */
export const tokenWords = (): string[] => tokenNames.map(word);

/** 1-of-N over the vocabulary [I, saw, a, other]: both "saw" rows are the same vector. */
export const oneHotInputs: readonly (readonly number[])[] = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
  [0, 1, 0, 0],
];

/** Small hand-made embeddings (d = 4); again one vector per word, so both "saw" rows agree. */
export const embeddedInputs: readonly (readonly number[])[] = [
  [0.9, 0.1, -0.3, 0.2],
  [-0.2, 0.8, 0.5, -0.1],
  [0.1, -0.4, 0.2, 0.7],
  [-0.2, 0.8, 0.5, -0.1],
];

/** Default projections, PyTorch layout [d_k = 3, d = 4]. */
export const defaultProjections = {
  W_q: [
    [1, 0.5, -0.5, 0],
    [0, 1, 0.5, -0.5],
    [0.5, 0, 1, 0.5],
  ],
  W_k: [
    [0.5, 1, 0, -0.5],
    [1, 0, 0.5, 0],
    [0, 0.5, 1, 1],
  ],
  W_v: [
    [1, 0, 0.5, 0],
    [0, 1, 0, 0.5],
    [0.5, 0.5, 1, 0],
  ],
} as const;

/** How the token vectors were first filled in. */
export type Encoding = 'onehot' | 'embed';

/** One step of the walk to b^1: which quantity it reveals. */
export interface AttentionStep {
  readonly id: string;
  readonly label: string;
  /** q, k, score, weight, v, b or matrix. */
  readonly kind: 'q' | 'k' | 'score' | 'weight' | 'v' | 'b' | 'matrix';
  /** 0-based token for k^j and v^j. */
  readonly j?: number;
}

const _n = tokenNames.length;

/**
 * `item` with a `label` read from its message each time it is shown (a step's counter, a weight heading, a preset
 * option): the language may be chosen after this module loads.
 */
function labelled<T extends object>(label: () => string, item: T): T & { readonly label: string } {
  return Object.defineProperty({ ...item }, 'label', { get: label, enumerable: true }) as T & {
    readonly label: string;
  };
}

const step = (id: string, kind: AttentionStep['kind'], label: () => string, j?: number): AttentionStep =>
  labelled(label, { id, kind, ...(j === undefined ? {} : { j }) });

/** The walk: q^1, k^1..k^n, the scores, the weights, v^1..v^n, b^1, then the matrix form. */
export const attentionSteps: readonly AttentionStep[] = [
  step('q', 'q', () => m.widget_self_attention_step_query({ symbol: 'q¹' })),
  ...tokenNames.map((_, j) =>
    step(`k${j + 1}`, 'k', () => m.widget_self_attention_step_key({ symbol: `k${sup(j + 1)}` }), j),
  ),
  step('score', 'score', () => m.widget_self_attention_step_scores({ symbol: 'e₁,ⱼ' })),
  step('weight', 'weight', () => m.widget_self_attention_step_weights({ symbol: 'α₁,ⱼ' })),
  ...tokenNames.map((_, j) =>
    step(`v${j + 1}`, 'v', () => m.widget_self_attention_step_value({ symbol: `v${sup(j + 1)}` }), j),
  ),
  step('b', 'b', () => m.widget_self_attention_step_output({ symbol: 'b¹' })),
  step('matrix', 'matrix', m.widget_self_attention_step_matrix),
];

function sup(k: number): string {
  return String(k).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)] ?? d);
}

/** The widget's link state. */
export const selfAttentionFields = {
  e: choiceField<Encoding>(['onehot', 'embed'], 'onehot'),
  X: matrixField(oneHotInputs),
  q: matrixField(defaultProjections.W_q),
  k: matrixField(defaultProjections.W_k),
  v: matrixField(defaultProjections.W_v),
  s: flagField(true),
  t: intField(0, 0, attentionSteps.length - 1),
  m: choiceField<MaskKind>(['none', 'causal', 'padding'], 'none'),
  n: choiceField<Normaliser>(normalisers, 'softmax'),
};

/** Under the padding mask the last token is filler: only the first `paddedLength` keys are real. */
export const paddedLength = tokenNames.length - 1;

/** Everything the engine's trace gives for one run (rows are tokens). */
export interface AttentionResult {
  Q: number[][];
  K: number[][];
  V: number[][];
  /** Raw scores E = Q Kᵀ (entry i, j is e_ij; the engine traces it as `A`). */
  E: number[][];
  /** Weights A: the (scaled, masked) scores normalised row by row, softmax by default (entry i, j is α_ij). */
  A: number[][];
  O: number[][];
  /** The additive mask M (0 or −∞; empty without a mask). */
  M: number[][];
  /** What the normaliser reads: E scaled, plus M (−∞ where a pair is masked). */
  S: number[][];
  /** Rows (0-based) where the ReLU ratio found no positive score and spread the weight evenly. */
  emptyRows: number[];
  calls: OpCall[];
  error: string;
}

const copy = (rows: readonly (readonly number[])[]) => rows.map((r) => [...r]);

/**
 * The self-attention chapter's stepper: tokens X [4, 4] and W_q, W_k, W_v [3, 4] in, the
 * engine's selfAttention trace (Q, K, V, scores, weights, O) out, named as the site writes them:
 * scores E (e_ij), weights A (α_ij). Every number the
 * widget shows, q^1 to b^1, is a row or an entry of that trace.
 */
export class SelfAttentionState {
  readonly weights = new WeightsState(
    [
      labelled(m.widget_self_attention_weights_query, { symbol: 'W_q', initial: defaultProjections.W_q }),
      labelled(m.widget_self_attention_weights_key, { symbol: 'W_k', initial: defaultProjections.W_k }),
      labelled(m.widget_self_attention_weights_value, { symbol: 'W_v', initial: defaultProjections.W_v }),
    ],
    [
      labelled(m.widget_self_attention_preset_zero_keys, {
        id: 'zero-keys',
        values: { W_k: defaultProjections.W_k.map((r) => r.map(() => 0)) },
      }),
      labelled(m.widget_self_attention_preset_sharp, {
        id: 'sharp',
        values: { W_q: defaultProjections.W_q.map((r) => r.map((x) => 4 * x)) },
      }),
    ],
  );
  readonly stepper = new StepperState(attentionSteps, { intervalMs: 1100 });
  #encoding = $state<Encoding>('onehot');
  #inputs = $state(copy(oneHotInputs));
  #scaled = $state(true);
  #mask = $state<MaskKind>('none');
  #normaliser = $state<Normaliser>('softmax');

  /** The engine's computation for the current tokens and weights. */
  readonly result: AttentionResult = $derived.by(() => {
    const params = {
      W_q: tensor(this.weights.get('W_q') as number[][]),
      W_k: tensor(this.weights.get('W_k') as number[][]),
      W_v: tensor(this.weights.get('W_v') as number[][]),
    };
    const trace = new Trace();
    try {
      const { result: masks, calls } = traceCalls(() => {
        const n = this.#inputs.length;
        const mask = attentionMask(this.#mask, n, paddedLength);
        selfAttention(params, tensor(this.#inputs), { scale: this.#scaled, trace, mask });
        const scale = resolveScale(this.#scaled, params.W_q.shape[0] as number);
        const S = maskedScores(trace.get('A'), scale, mask);
        // Another normaliser re-weights the same scores and reads the same values with the new weights.
        const other = this.#normaliser === 'softmax' ? undefined : normaliseScores(S, this.#normaliser);
        const mixed = other && { A: other.weights, O: matmul(other.weights, trace.get('V')) };
        return {
          M: mask === undefined ? [] : mask.toRows(),
          S: S.toRows(),
          emptyRows: other?.emptyRows ?? [],
          A: (mixed?.A ?? trace.get("A'")).toRows(),
          O: (mixed?.O ?? trace.get('O')).toRows(),
        };
      });
      const get = (s: string) => trace.get(s).toRows();
      return { Q: get('Q'), K: get('K'), V: get('V'), E: get('A'), ...masks, calls, error: '' };
    } catch (e) {
      return {
        Q: [],
        K: [],
        V: [],
        E: [],
        A: [],
        O: [],
        M: [],
        S: [],
        emptyRows: [],
        calls: [],
        error: errorMessage(e),
      };
    }
  });

  get inputs(): readonly (readonly number[])[] {
    return this.#inputs;
  }

  get encoding(): Encoding {
    return this.#encoding;
  }

  /** True when the scores are divided by √d_k before the softmax. */
  get scaled(): boolean {
    return this.#scaled;
  }

  /** d_k, the length of a query or key. */
  get dk(): number {
    return this.weights.get('W_q').length;
  }

  /** Sets token i's feature j. */
  setInput(i: number, j: number, value: number): void {
    const row = this.#inputs[i];
    if (row && j >= 0 && j < row.length && Number.isFinite(value)) row[j] = value;
  }

  /** Refills the tokens as one-hot vectors or as the small embeddings. */
  setEncoding(e: Encoding): void {
    this.#encoding = e;
    this.#inputs = copy(e === 'onehot' ? oneHotInputs : embeddedInputs);
  }

  setScaled(on: boolean): void {
    this.#scaled = on;
  }

  /** The mask added to the scores: none, causal (token i reads j ≤ i) or padding (the last token is filler). */
  get mask(): MaskKind {
    return this.#mask;
  }

  setMask(mask: MaskKind): void {
    this.#mask = mask;
  }

  /** How each row of scores becomes weights: softmax (the customary choice), sparsemax or the ReLU ratio. */
  get normaliser(): Normaliser {
    return this.#normaliser;
  }

  setNormaliser(n: Normaliser): void {
    this.#normaliser = n;
  }

  /** The whole state for the URL. */
  snapshot(): StateOf<typeof selfAttentionFields> {
    return {
      e: this.#encoding,
      X: copy(this.#inputs),
      q: copy(this.weights.get('W_q')),
      k: copy(this.weights.get('W_k')),
      v: copy(this.weights.get('W_v')),
      s: this.#scaled,
      t: this.stepper.index,
      m: this.#mask,
      n: this.#normaliser,
    };
  }

  /** Applies a state read from the URL (validated field by field). */
  restore(s: StateOf<typeof selfAttentionFields>): void {
    this.#encoding = s.e;
    this.#inputs = copy(s.X);
    this.weights.assign({ W_q: s.q, W_k: s.k, W_v: s.v });
    this.#scaled = s.s;
    this.#mask = s.m;
    this.#normaliser = s.n;
    this.stepper.goTo(s.t);
  }

  /** Back to the defaults. */
  reset(): void {
    this.weights.reset();
    this.setEncoding('onehot');
    this.#scaled = true;
    this.#mask = 'none';
    this.#normaliser = 'softmax';
    this.stepper.reset();
  }
}
