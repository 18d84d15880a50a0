import { m } from '~lib/i18n/messages.ts';
import { randomMatrix } from '~lib/random/seeds.ts';

/**
 * Hand-built projections for the multi-head chapter's widget. Tokens carry
 * E = 8 features: a sinusoidal position (cos θ_i, sin θ_i) with θ_i = i·π/4,
 * a keyword flag, a constant 1 and four content features. Because
 * (cos(θ+φ), sin(θ+φ)) is a rotation of (cos θ, sin θ), a key projection
 * that rotates by φ makes q_i·k_j = ab·cos(θ_i − θ_j − φ), largest at the
 * previous token; no rotation gives the same token, −φ the next one, and a
 * query on the constant feature against a key on the flag gives the keyword.
 */

/** Model width E (features per token). */
export const width = 8;
/** Head counts that divide E. */
export const headCounts = [1, 2, 4, 8] as const;
/** Position step φ between neighbouring tokens. */
export const phi = Math.PI / 4;

/** The sentence; "cat" is the keyword (ids: mhWords() is what a reader sees). */
export const mhTokens = ['the', 'cat', 'sat', 'on', 'the', 'mat'] as const;

/** The sentence's words in the page's language, by id. */
const wordMessages: Record<string, () => string> = {
  the: m.widget_multi_head_word_the,
  cat: m.widget_multi_head_word_cat,
  sat: m.widget_multi_head_word_sat,
  on: m.widget_multi_head_word_on,
  mat: m.widget_multi_head_word_mat,
};

/** The tokens as the reader reads them (call while rendering: the language may be chosen after load). */
export const mhWords = (): string[] => mhTokens.map((t) => wordMessages[t]?.() ?? t);
/** Index of the keyword token. */
export const keywordIndex = 1;

/** Feature names, in column order. */
export const featureNames = ['cos θ', 'sin θ', 'key', '1', 'c₁', 'c₂', 'c₃', 'c₄'] as const;

const content: Record<string, number[]> = {
  the: [0.2, -0.1, 0.3, 0.1],
  cat: [0.9, 0.4, -0.2, 0.5],
  sat: [-0.3, 0.8, 0.6, -0.1],
  on: [0.1, -0.5, 0.2, 0.4],
  mat: [0.7, 0.3, -0.4, 0.6],
};

const round4 = (x: number) => Math.round(x * 1e4) / 1e4 + 0;

/** The default token matrix X [6, 8]. */
export function defaultTokens(): number[][] {
  return mhTokens.map((word, i) => [
    round4(Math.cos(i * phi)),
    round4(Math.sin(i * phi)),
    i === keywordIndex ? 1 : 0,
    1,
    ...(content[word] ?? [0, 0, 0, 0]),
  ]);
}

/** What a head is built to attend to. */
export type HeadPattern = 'previous' | 'same' | 'next' | 'keyword' | 'random';
/** Every pattern, in menu order. */
export const headPatterns: readonly HeadPattern[] = ['previous', 'same', 'next', 'keyword', 'random'];

/** Readable pattern names, as message functions (call while rendering). */
export const patternLabels: Record<HeadPattern, () => string> = {
  previous: m.widget_multi_head_pattern_previous,
  same: m.widget_multi_head_pattern_same,
  next: m.widget_multi_head_pattern_next,
  keyword: m.widget_multi_head_pattern_keyword,
  random: m.widget_multi_head_pattern_random,
};

/** Position patterns need two dimensions per head (a rotation); keyword and random work with one. */
export function patternFits(p: HeadPattern, headDim: number): boolean {
  return headDim >= 2 || p === 'keyword' || p === 'random';
}

/** Expected argmax column per query row, for the patterns that promise one. */
export function promisedArgmax(p: HeadPattern, n: number): number[] | undefined {
  const rows = Array.from({ length: n }, (_, i) => i);
  if (p === 'previous') return rows.map((i) => Math.max(0, i - 1));
  if (p === 'same') return rows;
  if (p === 'next') return rows.map((i) => Math.min(n - 1, i + 1));
  if (p === 'keyword') return rows.map(() => keywordIndex);
  return undefined;
}

/** Projection strength: a·b·scale = 10 whatever the head size, so patterns are equally sharp. */
function strength(headDim: number): number {
  return round4(Math.sqrt(10 * Math.sqrt(headDim)));
}

const unit = (k: number, s = 1) => Array.from({ length: width }, (_, j) => (j === k ? s : 0));

/** Rows of W_q, W_k and W_v [d_h, E] for one head with `pattern`. */
export function headBlocks(
  pattern: HeadPattern,
  headDim: number,
  seed: number,
): { W_q: number[][]; W_k: number[][]; W_v: number[][] } {
  const zeros = () => Array.from({ length: headDim }, () => unit(-1));
  const W_q = zeros();
  const W_k = zeros();
  const W_v = Array.from({ length: headDim }, (_, m) => unit(4 + (m % 4)));
  const a = strength(headDim);
  if (pattern === 'random' || !patternFits(pattern, headDim)) {
    return { W_q: randomMatrix(seed, headDim, width), W_k: randomMatrix(seed + 1, headDim, width), W_v };
  }
  if (pattern === 'keyword') {
    W_q[0] = unit(3, a);
    W_k[0] = unit(2, a);
    return { W_q, W_k, W_v };
  }
  const turn = pattern === 'previous' ? phi : pattern === 'next' ? -phi : 0;
  const c = round4(Math.cos(turn) * a);
  const s = round4(Math.sin(turn) * a);
  W_q[0] = unit(0, a);
  W_q[1] = unit(1, a);
  W_k[0] = [c, -s, 0, 0, 0, 0, 0, 0];
  W_k[1] = [s, c, 0, 0, 0, 0, 0, 0];
  return { W_q, W_k, W_v };
}

/** PyTorch's in_proj_weight [3E, E]: every head's W_q rows, then W_k, then W_v. */
export function inProjection(patterns: readonly HeadPattern[], seed: number): number[][] {
  const heads = patterns.length;
  const headDim = width / heads;
  const blocks = patterns.map((p, h) => headBlocks(p, headDim, (seed + 1000 * h) >>> 0));
  return [...blocks.flatMap((b) => b.W_q), ...blocks.flatMap((b) => b.W_k), ...blocks.flatMap((b) => b.W_v)];
}

/** out_proj.weight [E, E]: the identity, with the columns of every switched-off head zeroed. */
export function outProjection(on: readonly boolean[]): number[][] {
  const headDim = width / on.length;
  return Array.from({ length: width }, (_, i) =>
    Array.from({ length: width }, (_, j) => (i === j && on[Math.floor(j / headDim)] !== false ? 1 : 0)),
  );
}
