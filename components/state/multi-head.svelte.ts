import * as v from 'valibot';
import { multiHeadAttention, Trace, tensor, traceCalls, zeros } from '../../src/engine/index.ts';
import type { OpCall } from '../../src/engine/registry.ts';
import { field, intField, matrixField, type StateOf } from '../../src/lib/url-state.ts';
import {
  defaultTokens,
  type HeadPattern,
  headCounts,
  headPatterns,
  inProjection,
  outProjection,
  patternFits,
  width,
} from './multi-head-weights.ts';
import { errorMessage, rowsOf } from './self-attention-rows.ts';

/** A named set of heads and what each is built to attend to. */
export interface MultiHeadPreset {
  readonly id: string;
  readonly label: string;
  readonly patterns: readonly HeadPattern[];
}

/** The presets offered in the menu. */
export const multiHeadPresets: readonly MultiHeadPreset[] = [
  { id: 'prev-key', label: '2 heads: previous token, keyword', patterns: ['previous', 'keyword'] },
  { id: 'same-prev', label: '2 heads: same token, previous token', patterns: ['same', 'previous'] },
  { id: 'four', label: '4 heads: previous, same, keyword, next', patterns: ['previous', 'same', 'keyword', 'next'] },
  { id: 'random8', label: '8 heads, random weights', patterns: Array.from({ length: 8 }, () => 'random' as const) },
];

/** The widget's link state: patterns per head (their count is the number of heads), heads on, seed, tokens. */
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
};

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

  /** in_proj_weight [3E, E] built from the patterns. */
  readonly W_in: number[][] = $derived(inProjection(this.#patterns, this.#seed));
  /** out_proj.weight [E, E]. */
  readonly W_O: number[][] = $derived(outProjection(this.#on));

  readonly result: MultiHeadResult = $derived.by(() => {
    const heads = this.#patterns.length;
    const params = {
      heads,
      W_in: tensor(this.W_in),
      b_in: zeros([3 * width]),
      W_O: tensor(this.W_O),
      b_O: zeros([width]),
    };
    const trace = new Trace();
    try {
      const { result, calls } = traceCalls(() => multiHeadAttention(params, tensor(this.#inputs), { trace }));
      const per = Array.from({ length: heads }, (_, k) => {
        const get = (s: string) => rowsOf(trace.get(s, { head: k + 1 }));
        return { Q: get('Q'), K: get('K'), V: get('V'), Ap: get("A'"), O: get('O') };
      });
      const concat = this.#inputs.map((_, i) => per.flatMap((r) => r.O[i] ?? []));
      return { heads: per, concat, out: rowsOf(result), calls, error: '' };
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
    return true;
  }

  /** New random heads (the seed feeds every head set to "random"). */
  reseed(): void {
    this.#seed = (this.#seed + 1) % 2 ** 31;
  }

  setInput(i: number, j: number, value: number): void {
    const row = this.#inputs[i];
    if (row && j >= 0 && j < row.length && Number.isFinite(value)) row[j] = value;
  }

  snapshot(): StateOf<typeof multiHeadFields> {
    return { p: [...this.#patterns], on: [...this.#on], s: this.#seed, X: this.#inputs.map((r) => [...r]) };
  }

  /** Applies a link state; patterns that do not fit their head size fall back, as setHeads does. */
  restore(s: StateOf<typeof multiHeadFields>): void {
    const headDim = width / s.p.length;
    this.#patterns = s.p.map((p, h) => (patternFits(p, headDim) ? p : fallbackPattern(headDim, h)));
    this.#on = s.p.map((_, h) => s.on[h] ?? true);
    this.#seed = s.s;
    this.#inputs = s.X.map((r) => [...r]);
  }

  reset(): void {
    this.applyPreset('prev-key');
    this.#seed = 1;
    this.#inputs = defaultTokens();
  }
}
