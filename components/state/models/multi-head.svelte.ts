import * as v from 'valibot';
import { multiHeadAttention, Trace, tensor, traceCalls } from '~engine/index.ts';
import type { OpCall } from '~engine/registry.ts';
import { m } from '~lib/i18n/messages.ts';
import { type Field, field, intField, matrixField, type StateOf, vectorField } from '~lib/url/state.ts';
import { errorMessage } from '../data/engine-error.ts';
import {
  defaultTokens,
  type HeadPattern,
  headCounts,
  headPatterns,
  inProjection,
  outProjection,
  patternFits,
  width,
} from '../data/multi-head-weights.ts';

/** A named set of heads and what each is built to attend to. */
export interface MultiHeadPreset {
  readonly id: string;
  readonly label: string;
  readonly patterns: readonly HeadPattern[];
}

/** A preset whose label is its message, read where the menu renders (the language may be chosen after load). */
const preset = (id: string, label: () => string, patterns: readonly HeadPattern[]): MultiHeadPreset => ({
  id,
  patterns,
  get label() {
    return label();
  },
});

/** The presets offered in the menu. */
export const multiHeadPresets: readonly MultiHeadPreset[] = [
  preset('prev-key', m.widget_multi_head_preset_prev_key, ['previous', 'keyword']),
  preset('same-prev', m.widget_multi_head_preset_same_prev, ['same', 'previous']),
  preset('four', m.widget_multi_head_preset_four, ['previous', 'same', 'keyword', 'next']),
  preset(
    'random8',
    m.widget_multi_head_preset_random8,
    Array.from({ length: 8 }, () => 'random' as const),
  ),
];

/** A weight field that is null while the weights are the hand-built ones (so a link holds only what was imported). */
function importedField<T>(shapeOf: Field<T>): Field<T | null> {
  return field(v.nullable(shapeOf.schema), null);
}

const zeroRows = (rows: number, cols: number) => Array.from({ length: rows }, () => new Array<number>(cols).fill(0));

/**
 * The widget's link state: patterns per head (their count is the number of heads), heads on, seed, tokens, and
 * imported nn.MultiheadAttention weights (null: built from the patterns).
 */
export const multiHeadFields = {
  p: field(
    v.pipe(
      v.array(v.picklist(headPatterns)),
      v.check((a) => (headCounts as readonly number[]).includes(a.length), 'needs 1, 2, 4 or 8 heads'),
    ),
    ['previous', 'keyword'] as HeadPattern[],
  ),
  on: field(v.pipe(v.array(v.boolean()), v.maxLength(8)), [true, true]),
  s: intField(1, 0, 2 ** 31 - 1),
  X: matrixField(defaultTokens()),
  Wi: importedField(matrixField(zeroRows(3 * width, width))),
  bi: importedField(vectorField(new Array<number>(3 * width).fill(0))),
  Wo: importedField(matrixField(zeroRows(width, width))),
  bo: importedField(vectorField(new Array<number>(width).fill(0))),
};

/** nn.MultiheadAttention's four tensors, as a state dict names them: in_proj_weight/bias, out_proj.weight/bias. */
export interface MhaWeights {
  Wi: number[][];
  bi: number[];
  Wo: number[][];
  bo: number[];
}

/** One head's share of the computation. */
export interface HeadResult {
  Q: number[][];
  K: number[][];
  V: number[][];
  Ap: number[][];
  O: number[][];
}

/** What the engine's trace gives for one run. */
export interface MultiHeadResult {
  heads: HeadResult[];
  /** [O_1 … O_H], the concatenation W_O mixes. */
  concat: number[][];
  out: number[][];
  calls: OpCall[];
  error: string;
}

const fallbackPattern = (headDim: number, h: number): HeadPattern =>
  headDim >= 2
    ? ((['previous', 'keyword', 'same', 'next'] as const)[h % 4] ?? 'random')
    : h === 0
      ? 'keyword'
      : 'random';

/**
 * The multi-head chapter's attention: hand-built head projections (see
 * multi-head-weights.ts) in PyTorch's nn.MultiheadAttention layout, run by
 * the engine's multiHeadAttention with a trace per head. Switching a head
 * off zeroes its block of W_O, so its output no longer reaches `out`.
 */
export class MultiHeadState {
  #patterns = $state<HeadPattern[]>(['previous', 'keyword']);
  #on = $state<boolean[]>([true, true]);
  #seed = $state(1);
  #inputs = $state(defaultTokens());
  /** Weights a reader imported (a PyTorch state dict); null while they are built from the patterns. */
  #imported = $state<MhaWeights | null>(null);

  /** in_proj_weight [3E, E]: imported, or built from the patterns. */
  readonly W_in: number[][] = $derived(this.#imported?.Wi ?? inProjection(this.#patterns, this.#seed));
  /** in_proj_bias [3E]: imported, or zeros. */
  readonly b_in: number[] = $derived(this.#imported?.bi ?? new Array<number>(3 * width).fill(0));
  /** out_proj.weight [E, E] (imported, or the identity) with every switched-off head's columns zeroed. */
  readonly W_O: number[][] = $derived(maskHeads(this.#imported?.Wo ?? outProjection([true]), this.#on));
  /** out_proj.bias [E]: imported, or zeros. */
  readonly b_O: number[] = $derived(this.#imported?.bo ?? new Array<number>(width).fill(0));

  readonly result: MultiHeadResult = $derived.by(() => {
    const heads = this.#patterns.length;
    const params = {
      heads,
      W_in: tensor(this.W_in),
      b_in: tensor(this.b_in),
      W_O: tensor(this.W_O),
      b_O: tensor(this.b_O),
    };
    const trace = new Trace();
    try {
      const { result, calls } = traceCalls(() => multiHeadAttention(params, tensor(this.#inputs), { trace }));
      const per = Array.from({ length: heads }, (_, k) => {
        const get = (s: string) => trace.get(s, { head: k + 1 }).toRows();
        return { Q: get('Q'), K: get('K'), V: get('V'), Ap: get("A'"), O: get('O') };
      });
      const concat = this.#inputs.map((_, i) => per.flatMap((r) => r.O[i] ?? []));
      return { heads: per, concat, out: result.toRows(), calls, error: '' };
    } catch (e) {
      return { heads: [], concat: [], out: [], calls: [], error: errorMessage(e) };
    }
  });

  get patterns(): readonly HeadPattern[] {
    return this.#patterns;
  }

  get on(): readonly boolean[] {
    return this.#on;
  }

  get inputs(): readonly (readonly number[])[] {
    return this.#inputs;
  }

  get heads(): number {
    return this.#patterns.length;
  }

  /** True while the weights are a reader's import rather than built from the patterns. */
  get imported(): boolean {
    return this.#imported !== null;
  }

  /** Features per head, d_h = E / heads. */
  get headDim(): number {
    return width / this.#patterns.length;
  }

  /** The preset whose patterns match, or ''. */
  get preset(): string {
    return multiHeadPresets.find((p) => p.patterns.join() === this.#patterns.join())?.id ?? '';
  }

  /** Changes the number of heads (1, 2, 4 or 8), keeping patterns that still fit. */
  setHeads(n: number): void {
    if (!(headCounts as readonly number[]).includes(n)) return;
    const headDim = width / n;
    this.#patterns = Array.from({ length: n }, (_, h) => {
      const p = this.#patterns[h];
      return p !== undefined && patternFits(p, headDim) ? p : fallbackPattern(headDim, h);
    });
    this.#on = Array.from({ length: n }, (_, h) => this.#on[h] ?? true);
  }

  /** Sets what head h is built for; refused when it needs more dimensions than the head has. */
  setPattern(h: number, p: HeadPattern): void {
    if (h < 0 || h >= this.#patterns.length || !patternFits(p, this.headDim)) return;
    this.#patterns[h] = p;
    // A head built for a pattern replaces imported weights: the hand-built heads come back whole.
    this.#imported = null;
  }

  /** Switches head h on or off (off zeroes its block of W_O). */
  setOn(h: number, on: boolean): void {
    if (h >= 0 && h < this.#on.length) this.#on[h] = on;
  }

  applyPreset(id: string): boolean {
    const p = multiHeadPresets.find((x) => x.id === id);
    if (!p) return false;
    this.#patterns = [...p.patterns];
    this.#on = p.patterns.map(() => true);
    this.#imported = null;
    return true;
  }

  /** New random heads (the seed feeds every head set to "random"). */
  reseed(): void {
    this.#seed = (this.#seed + 1) % 2 ** 31;
    this.#imported = null;
  }

  setInput(i: number, j: number, value: number): void {
    const row = this.#inputs[i];
    if (row && j >= 0 && j < row.length && Number.isFinite(value)) row[j] = value;
  }

  snapshot(): StateOf<typeof multiHeadFields> {
    const w = this.#imported;
    return {
      p: [...this.#patterns],
      on: [...this.#on],
      s: this.#seed,
      X: this.#inputs.map((r) => [...r]),
      Wi: w ? w.Wi.map((r) => [...r]) : null,
      bi: w ? [...w.bi] : null,
      Wo: w ? w.Wo.map((r) => [...r]) : null,
      bo: w ? [...w.bo] : null,
    };
  }

  /** The link state with the weights in use filled in (W_O with switched-off heads zeroed): what an export writes. */
  stateDictSnapshot(): StateOf<typeof multiHeadFields> {
    return {
      ...this.snapshot(),
      Wi: this.W_in.map((r) => [...r]),
      bi: [...this.b_in],
      Wo: this.W_O.map((r) => [...r]),
      bo: [...this.b_O],
    };
  }

  /** Applies a link state; patterns that do not fit their head size fall back, as setHeads does. */
  restore(s: StateOf<typeof multiHeadFields>): void {
    const headDim = width / s.p.length;
    this.#patterns = s.p.map((p, h) => (patternFits(p, headDim) ? p : fallbackPattern(headDim, h)));
    this.#on = s.p.map((_, h) => s.on[h] ?? true);
    this.#seed = s.s;
    this.#inputs = s.X.map((r) => [...r]);
    // All four or none: a link that carries only some keeps the hand-built weights.
    const { Wi, bi, Wo, bo } = s;
    this.#imported =
      Wi && bi && Wo && bo ? { Wi: Wi.map((r) => [...r]), bi: [...bi], Wo: Wo.map((r) => [...r]), bo: [...bo] } : null;
  }

  reset(): void {
    this.applyPreset('prev-key');
    this.#seed = 1;
    this.#inputs = defaultTokens();
  }
}

/** `W` with the columns of every switched-off head zeroed (heads split E evenly, in order). */
function maskHeads(W: readonly (readonly number[])[], on: readonly boolean[]): number[][] {
  const headDim = width / on.length;
  return W.map((row) => row.map((x, j) => (on[Math.floor(j / headDim)] === false ? 0 : x)));
}
