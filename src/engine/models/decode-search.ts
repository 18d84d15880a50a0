/**
 * Decoding as search over a step model, written once for any decoder that
 * gives log p(k | y_<i, x) for a batch of prefixes:
 *
 *   forced:  y_i = prefix_i while the prefix lasts (teacher forcing), then
 *            y_i = argmax_k log p(k | y_<i, x) (free running)
 *   beam:    keep the `width` prefixes with the highest Σ log p; rank
 *            finished ones by  score = Σ log p / |y|^α  (|y| counts <eos>)
 *
 * A step model knows nothing about search; the search knows nothing about
 * tensors. seq2seq-decode.ts adapts a Seq2Seq; tests use toy step models
 * whose every sequence can be enumerated.
 */

/** The <eos> id every task shares (tasks/vocab.ts reserves 0 = <pad>, 1 = <sos>, 2 = <eos>). */
export const EOS_ID = 2;

/** A decoder seen as a language model over target ids; S is one prefix's recurrent state. */
export interface StepModel<S> {
  /** Target vocabulary size. */
  readonly vocab: number;
  /** The state before the first output token. */
  initial(): S;
  /** One step for many prefixes at once: row r reads states[r] and the previous token previous[r] (undefined = <sos>). */
  step(
    states: readonly S[],
    previous: readonly (number | undefined)[],
  ): { logProbs: number[][]; alphas: number[][] | undefined; states: S[] };
}

/** log softmax of one row, in float64 (max subtracted, so no overflow). */
export function logSoftmax(row: ArrayLike<number>): number[] {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < row.length; k++) max = Math.max(max, row[k] as number);
  let s = 0;
  for (let k = 0; k < row.length; k++) s += Math.exp((row[k] as number) - max);
  const lse = max + Math.log(s);
  return Array.from(row, (v) => v - lse);
}

/** Index of the largest entry (the first on ties). */
export function argmax(row: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < row.length; k++) if ((row[k] as number) > (row[best] as number)) best = k;
  return best;
}

/** One output step of a forced/free decode. */
export interface DecodeStep {
  /** The token emitted at this step (from the prefix, or the model's argmax). */
  readonly token: number;
  /** True when the token came from the given prefix (teacher forcing). */
  readonly forced: boolean;
  /** log p(k | y_<i, x) for every k. */
  readonly logProbs: number[];
  /** α_i over source positions (empty without attention). */
  readonly alpha: number[];
}

/** A forced/free decode: the steps, Σ log p of the emitted tokens, and perplexity exp(−Σ/N). */
export interface ForcedDecode {
  readonly steps: DecodeStep[];
  readonly logProb: number;
  readonly perplexity: number;
}

/** Summarises steps: total log-probability of the emitted tokens and perplexity over them. */
export function scoreSteps(steps: readonly DecodeStep[]): ForcedDecode {
  let logProb = 0;
  for (const s of steps) logProb += s.logProbs[s.token] as number;
  const perplexity = steps.length === 0 ? 1 : Math.exp(-logProb / steps.length);
  return { steps: [...steps], logProb, perplexity };
}

/**
 * Feeds `prefix` (teacher forcing), then continues greedily until <eos> or
 * maxLength steps. A prefix ending in <eos> scores a whole given output.
 */
export function forcedDecode<S>(model: StepModel<S>, prefix: readonly number[], maxLength: number): ForcedDecode {
  let state = model.initial();
  let previous: number | undefined;
  const steps: DecodeStep[] = [];
  for (let i = 0; i < Math.max(maxLength, prefix.length); i++) {
    const out = model.step([state], [previous]);
    state = out.states[0] as S;
    const logProbs = out.logProbs[0] as number[];
    const forced = i < prefix.length;
    const token = forced ? (prefix[i] as number) : argmax(logProbs);
    steps.push({ token, forced, logProbs, alpha: out.alphas?.[0] ?? [] });
    if (token === EOS_ID) break;
    previous = token;
  }
  return scoreSteps(steps);
}

/** The length penalty |y|^α that divides Σ log p (α = 0: raw log-probability). */
export function lengthNorm(length: number, alpha: number): number {
  return alpha === 0 ? 1 : Math.max(1, length) ** alpha;
}

/** A node of the beam's search tree: one candidate prefix considered at one step. */
export interface BeamNode {
  /** Index of this node in `tree`. */
  readonly id: number;
  /** Parent node index (−1 for the children of the root <sos>). */
  readonly parent: number;
  /** Decoder step that proposed it (0 = first output token). */
  readonly step: number;
  readonly token: number;
  /** log p(token | parent's prefix, x). */
  readonly stepLogProb: number;
  /** Σ log p of the prefix ending at this node. */
  readonly logProb: number;
  /** logProb / |y|^α, what finished hypotheses are ranked by. */
  readonly score: number;
  /**
   * kept: among the `width` best at its step, extended next;
   * finished: kept and ends in <eos>;
   * pruned: in its parent's best `width` but not the step's;
   * dropped: kept, but no extension could beat the best finished score.
   */
  status: 'kept' | 'finished' | 'pruned' | 'dropped';
  /** α at this step (the parent's decoder step read the source this way). */
  readonly alpha: number[];
}

/** Beam search options. */
export interface BeamOptions {
  readonly width: number;
  readonly maxLength: number;
  /** Length-normalisation exponent α ≥ 0 (0 ranks by raw Σ log p). */
  readonly alpha?: number;
}

/** A finished (or, when none finished, best unfinished) hypothesis. */
export interface BeamHypothesis {
  /** Tokens without <eos>. */
  readonly ids: number[];
  readonly logProb: number;
  readonly score: number;
  /** α rows, one per decoder step (the <eos> step included when it was emitted). */
  readonly alphas: number[][];
  /** The tree node it ends at. */
  readonly node: number;
  readonly finished: boolean;
}

/** Beam search's result: hypotheses best first, and every candidate it considered. */
export interface BeamResult {
  readonly hypotheses: BeamHypothesis[];
  readonly tree: BeamNode[];
  /** Decoder steps taken. */
  readonly steps: number;
}

/** The path root → node as node indices. */
export function pathTo(tree: readonly BeamNode[], node: number): BeamNode[] {
  const path: BeamNode[] = [];
  for (let k = node; k >= 0; k = (tree[k] as BeamNode).parent) path.unshift(tree[k] as BeamNode);
  return path;
}

/**
 * Beam search that records its tree. Each live prefix proposes its `width`
 * best continuations (no other could make the step's top `width`); the
 * step keeps the `width` best by Σ log p (all candidates of a step have one
 * length, so α does not change that order). A live prefix is dropped when
 * even its best extension, logProb / maxLength^α (log p only falls, the
 * penalty only grows to maxLength), cannot beat the best finished score;
 * so with width ≥ the number of candidates the search is exhaustive.
 */
export function beamSearch<S>(model: StepModel<S>, options: BeamOptions): BeamResult {
  const { width, maxLength } = options;
  const alpha = options.alpha ?? 0;
  if (!Number.isInteger(width) || width < 1)
    throw new RangeError(`beam width must be a positive integer, got ${width}`);
  if (!(alpha >= 0)) throw new RangeError(`length-normalisation α must be ≥ 0, got ${alpha}`);
  const tree: BeamNode[] = [];
  let live: { node: number; state: S; token: number | undefined; logProb: number }[] = [
    { node: -1, state: model.initial(), token: undefined, logProb: 0 },
  ];
  const finished: number[] = [];
  let bestFinished = Number.NEGATIVE_INFINITY;
  let step = 0;
  for (; step < maxLength && live.length > 0; step++) {
    const out = model.step(
      live.map((h) => h.state),
      live.map((h) => h.token),
    );
    const candidates: { node: BeamNode; row: number }[] = [];
    live.forEach((h, r) => {
      const lp = out.logProbs[r] as number[];
      const order = lp.map((_, k) => k).sort((a, b) => (lp[b] as number) - (lp[a] as number) || a - b);
      for (const token of order.slice(0, width)) {
        const logProb = h.logProb + (lp[token] as number);
        const node: BeamNode = {
          id: tree.length,
          parent: h.node,
          step,
          token,
          stepLogProb: lp[token] as number,
          logProb,
          score: logProb / lengthNorm(step + 1, alpha),
          status: 'pruned',
          alpha: out.alphas?.[r] ?? [],
        };
        tree.push(node);
        candidates.push({ node, row: r });
      }
    });
    candidates.sort((a, b) => b.node.logProb - a.node.logProb || a.node.id - b.node.id);
    const next: typeof live = [];
    for (const c of candidates.slice(0, width)) {
      if (c.node.token === EOS_ID) {
        c.node.status = 'finished';
        finished.push(c.node.id);
        bestFinished = Math.max(bestFinished, c.node.score);
      } else {
        c.node.status = 'kept';
        next.push({ node: c.node.id, state: out.states[c.row] as S, token: c.node.token, logProb: c.node.logProb });
      }
    }
    live = next.filter((h) => {
      const hopeful = h.logProb / lengthNorm(maxLength, alpha) > bestFinished;
      if (!hopeful) (tree[h.node] as BeamNode).status = 'dropped';
      return hopeful;
    });
  }
  const hypothesis = (node: number, done: boolean): BeamHypothesis => {
    const path = pathTo(tree, node);
    const last = path[path.length - 1] as BeamNode;
    return {
      ids: path.filter((n) => n.token !== EOS_ID).map((n) => n.token),
      logProb: last.logProb,
      score: last.score,
      alphas: path.map((n) => n.alpha).filter((a) => a.length > 0),
      node,
      finished: done,
    };
  };
  const pool =
    finished.length > 0 ? finished.map((n) => hypothesis(n, true)) : live.map((h) => hypothesis(h.node, false));
  pool.sort((a, b) => b.score - a.score || a.node - b.node);
  return { hypotheses: pool, tree, steps: step };
}
