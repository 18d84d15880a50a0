/**
 * Sampling a decoder's output instead of searching for the likeliest one:
 *
 *   q(k) ∝ exp(log p(k) / T)                    temperature T > 0
 *   top-k: keep the k likeliest tokens           (k = 0 keeps all)
 *   top-p: keep the fewest likeliest tokens whose p sums to ≥ p
 *   then renormalise q over what is kept and draw y_i ~ q
 *
 * T = 0 is the limit T → 0: all mass on the argmax, which is greedy decoding.
 * Draws come from a seeded generator, so a seed gives the same sample.
 */
import { mulberry32, sampleIndex } from '../random.ts';
import { argmax, type DecodeStep, EOS_ID, type ForcedDecode, type StepModel, scoreSteps } from './decode-search.ts';

/** How to turn a step's log-probabilities into a sampling distribution. */
export interface SamplingOptions {
  /** T ≥ 0; 1 samples the model's own distribution, 0 is greedy. */
  readonly temperature: number;
  /** Keep the k likeliest tokens (0 or ≥ vocab keeps all). */
  readonly topK?: number;
  /** Keep the smallest set of likeliest tokens with total p ≥ topP (1 keeps all). */
  readonly topP?: number;
}

/** q over the vocabulary for one step, in float64 (sums to 1; zero outside top-k/top-p). */
export function samplingDistribution(logProbs: readonly number[], options: SamplingOptions): number[] {
  const { temperature: T, topK = 0, topP = 1 } = options;
  if (!(T >= 0) || !Number.isFinite(T)) throw new RangeError(`temperature must be a finite number ≥ 0, got ${T}`);
  if (!(topP > 0 && topP <= 1)) throw new RangeError(`top-p must be in (0, 1], got ${topP}`);
  const V = logProbs.length;
  const q = new Array<number>(V).fill(0);
  if (T === 0) {
    q[argmax([...logProbs])] = 1;
    return q;
  }
  let max = Number.NEGATIVE_INFINITY;
  for (const lp of logProbs) max = Math.max(max, lp / T);
  let total = 0;
  for (let k = 0; k < V; k++) {
    q[k] = Math.exp((logProbs[k] as number) / T - max);
    total += q[k] as number;
  }
  for (let k = 0; k < V; k++) q[k] = (q[k] as number) / total;
  // Ties keep the lower id first, so the kept set does not depend on sort stability.
  const order = q.map((_, k) => k).sort((a, b) => (q[b] as number) - (q[a] as number) || a - b);
  const keep = topK > 0 ? Math.min(topK, V) : V;
  let kept = 0;
  let mass = 0;
  while (kept < keep && (kept === 0 || mass < topP)) {
    mass += q[order[kept] as number] as number;
    kept++;
  }
  for (const k of order.slice(kept)) q[k] = 0;
  return q.map((v) => v / mass);
}

/** One sampled output: the steps (token, model log p per step) and the sample's log q under the sampling rule. */
export interface Sample extends ForcedDecode {
  /** Σ log q(y_i): how likely this draw was under temperature/top-k/top-p. */
  readonly sampleLogProb: number;
}

/** Draws one output from `model` with the seeded generator: tokens until <eos> or maxLength. */
export function sampleDecode<S>(
  model: StepModel<S>,
  options: SamplingOptions & { readonly seed: number; readonly maxLength: number },
): Sample {
  const rng = mulberry32(options.seed);
  let state = model.initial();
  let previous: number | undefined;
  const steps: DecodeStep[] = [];
  let sampleLogProb = 0;
  for (let i = 0; i < options.maxLength; i++) {
    const out = model.step([state], [previous]);
    state = out.states[0] as S;
    const logProbs = out.logProbs[0] as number[];
    const q = samplingDistribution(logProbs, options);
    const token = sampleIndex(q, rng);
    sampleLogProb += Math.log(q[token] as number);
    steps.push({ token, forced: false, logProbs, alpha: out.alphas?.[0] ?? [] });
    if (token === EOS_ID) break;
    previous = token;
  }
  return { ...scoreSteps(steps), sampleLogProb };
}
