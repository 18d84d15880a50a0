import { matmul, resolveScale, selfAttention, Trace, tensor, traceCalls } from '~engine/index.ts';
import { attentionMask, type MaskKind, maskedScores } from '~engine/models/attention-masks.ts';
import { type Normaliser, normalisers, normaliseScores } from '~engine/models/attention-normalisers.ts';
import type { OpCall } from '~engine/registry.ts';
import { choiceField, flagField, intField, matrixField, type StateOf } from '~lib/url/state.ts';
import { errorMessage, rowsOf } from './self-attention-rows.ts';
import { StepperState } from './stepper.svelte.ts';
import { WeightsState } from './weights.svelte.ts';

/** The four tokens: the sentence from the prose, with the same word twice. */
export const tokenNames = ['I', 'saw', 'a', 'saw'] as const;

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

/** The walk: q^1, k^1..k^n, the scores, the weights, v^1..v^n, b^1, then the matrix form. */
export const attentionSteps: readonly AttentionStep[] = [
  { id: 'q', label: 'query q¹', kind: 'q' },
  ...tokenNames.map((_, j) => ({ id: `k${j + 1}`, label: `key k${sup(j + 1)}`, kind: 'k' as const, j })),
  { id: 'score', label: 'scores e₁,ⱼ', kind: 'score' },
  { id: 'weight', label: 'weights α₁,ⱼ', kind: 'weight' },
  ...tokenNames.map((_, j) => ({ id: `v${j + 1}`, label: `value v${sup(j + 1)}`, kind: 'v' as const, j })),
  { id: 'b', label: 'output b¹', kind: 'b' },
  { id: 'matrix', label: 'all outputs at once', kind: 'matrix' },
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

const copy = (m: readonly (readonly number[])[]) => m.map((r) => [...r]);

/**
 * The self-attention chapter's stepper: tokens X [4, 4] and W_q, W_k, W_v [3, 4] in, the
 * engine's selfAttention trace (Q, K, V, scores, weights, O) out, named as the site writes them:
 * scores E (e_ij), weights A (α_ij). Every number the
 * widget shows, q^1 to b^1, is a row or an entry of that trace.
 */
export class SelfAttentionState {
  readonly weights = new WeightsState(
    [
      { symbol: 'W_q', label: 'Query weights W_q', initial: defaultProjections.W_q },
      { symbol: 'W_k', label: 'Key weights W_k', initial: defaultProjections.W_k },
      { symbol: 'W_v', label: 'Value weights W_v', initial: defaultProjections.W_v },
    ],
    [
      {
        id: 'zero-keys',
        label: 'W_k = 0 (every score 0)',
        values: { W_k: defaultProjections.W_k.map((r) => r.map(() => 0)) },
      },
      {
        id: 'sharp',
        label: 'sharper queries (W_q × 4)',
        values: { W_q: defaultProjections.W_q.map((r) => r.map((x) => 4 * x)) },
      },
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
          M: mask === undefined ? [] : rowsOf(mask),
          S: rowsOf(S),
          emptyRows: other?.emptyRows ?? [],
          A: rowsOf(mixed?.A ?? trace.get("A'")),
          O: rowsOf(mixed?.O ?? trace.get('O')),
        };
      });
      const get = (s: string) => rowsOf(trace.get(s));
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

  setMask(m: MaskKind): void {
    this.#mask = m;
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
