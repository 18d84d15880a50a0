import {
  constantParams,
  dispatch,
  matmul,
  mulberry32,
  rnnCell,
  runSequence,
  selfAttention,
  type Tensor,
  tensor,
  traceCalls,
  uniformTensor,
} from '~engine/index.ts';
import type { OpCall } from '~engine/registry.ts';
import { m } from '~lib/i18n/messages.ts';
import { flagField, intField, type StateOf } from '~lib/url/state.ts';

/** The cost plot's link state: width d, kernel k, the length n the readouts are at, and whether projections count. */
export const costFields = {
  d: intField(512, 8, 4096),
  k: intField(3, 2, 15),
  n: intField(1024, 1, 100_000),
  p: flagField(false),
};

/** The three layers compared. */
export type Layer = 'rnn' | 'cnn' | 'sa';
/** Each layer's short name, in the page's language (call it while rendering). */
export function layerName(layer: Layer): string {
  if (layer === 'rnn') return m.widget_cost_plot_layer_rnn();
  return layer === 'cnn' ? m.widget_cost_plot_layer_cnn() : m.widget_cost_plot_layer_sa();
}

/** Readable names: each layer and the count it is drawn with, as the table counts (false) or with projections (true). */
export function layerLabel(layer: Layer, projections = false): string {
  const counts: Record<Layer, string> = projections
    ? { rnn: '2n·d²', cnn: 'k·n·d²', sa: '2n²·d + 4n·d²' }
    : { rnn: 'n·d²', cnn: 'k·n·d²', sa: 'n²·d' };
  return m.widget_cost_plot_layer_label({ name: layerName(layer), count: counts[layer] });
}

/** A layer's multiply-adds as n2·n² + n1·n for fixed d and k: every count here is a polynomial in n of this form. */
export interface CostTerms {
  readonly n2: number;
  readonly n1: number;
}

/**
 * The counts of Vaswani et al. (2017), table 1, are orders of growth that leave out the projections: the
 * recurrent layer's W_hh h_{t−1} (n·d²), the convolution's k·n·d² and self-attention's mixing (n²·d). With
 * `projections` every matrix product of the layer is counted: self-attention's scores QKᵀ and weighted sum
 * AV (n²·d each) plus Q, K, V and the output projection (four d × d products per token, 4n·d²), and the
 * recurrent layer's W_ih x_t besides W_hh h_{t−1} (2n·d²); the convolution's kernel already is its projection.
 */
export function layerTerms(layer: Layer, d: number, k: number, projections = false): CostTerms {
  if (layer === 'rnn') return { n2: 0, n1: (projections ? 2 : 1) * d * d };
  if (layer === 'cnn') return { n2: 0, n1: k * d * d };
  return projections ? { n2: 2 * d, n1: 4 * d * d } : { n2: d, n1: 0 };
}

/** Multiply-adds per layer at length n (table 1's counts, or with the projections), as numbers. */
export function layerCost(layer: Layer, n: number, d: number, k: number, projections = false): number {
  const t = layerTerms(layer, d, k, projections);
  return t.n2 * n * n + t.n1 * n;
}

/**
 * The length beyond which self-attention costs more than `other`: with self-attention at s·n² + a·n and the
 * other layer at c·n (no n² term), s·n² + a·n > c·n exactly when n > (c − a)/s; 0 when it costs more at every n.
 */
export function crossoverWith(other: Layer, d: number, k: number, projections = false): number {
  const sa = layerTerms('sa', d, k, projections);
  const o = layerTerms(other, d, k, projections);
  return Math.max(0, (o.n1 - sa.n1) / (sa.n2 - o.n2));
}

/** Lengths the curves are drawn at: 1, 2, 4, …, 2^17. */
export const curveLengths: readonly number[] = Array.from({ length: 18 }, (_, i) => 2 ** i);
/** Lengths the measure button times, and the width it uses (kept small so it takes about a second). */
export const measuredLengths: readonly number[] = [64, 128, 256, 512, 1024];
export const measuredWidth = 64;
export const measuredKernel = 3;
/** Runs per timing; the median is kept. */
export const measuredRuns = 3;

/** One measured length: milliseconds per layer. */
export interface Measurement {
  n: number;
  rnn: number;
  cnn: number;
  sa: number;
}

/** [n, d] rows unfolded into [n, k·d] windows (zero padding on the left), so a convolution is one matmul. */
export function unfold(x: Float32Array, n: number, d: number, k: number): Tensor {
  const out = new Float32Array(n * k * d);
  for (let i = 0; i < n; i++)
    for (let w = 0; w < k; w++) {
      const src = i - (k - 1) + w;
      if (src >= 0) out.set(x.subarray(src * d, (src + 1) * d), (i * k + w) * d);
    }
  return tensor(out, [n, k * d]);
}

/** One layer of each kind at length n and width d on the engine, as a function the timer calls. */
export function layerRun(layer: Layer, n: number, d: number, k: number): () => void {
  const rng = mulberry32(n * 31 + d);
  const X = uniformTensor([n, d], rng);
  if (layer === 'rnn') {
    const cell = rnnCell(constantParams(1, d, d, 0.01));
    const xs = Array.from({ length: n }, (_, i) => tensor(X.values().subarray(i * d, (i + 1) * d), [d]));
    return () => void runSequence(cell, xs);
  }
  if (layer === 'cnn') {
    const W = uniformTensor([d, k * d], rng, 0.1);
    return () => void matmul(unfold(X.values(), n, d, k), W, { transposeB: true }).values();
  }
  const p = {
    W_q: uniformTensor([d, d], rng, 0.1),
    W_k: uniformTensor([d, d], rng, 0.1),
    W_v: uniformTensor([d, d], rng, 0.1),
  };
  return () => void selfAttention(p, X).values();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The costs chapter's comparison: the textbook operation counts as curves
 * (pure arithmetic), and, on request, wall-clock times of the engine's CPU
 * implementations of the three layers at a few lengths on this machine.
 */
export class CostState {
  #d = $state(512);
  #k = $state(3);
  #n = $state(1024);
  #projections = $state(false);
  #measurements = $state<Measurement[]>([]);
  #calls = $state<OpCall[]>([]);
  #measuring = $state('');

  /** Curve points for the plot. */
  readonly curves = $derived(
    (['rnn', 'cnn', 'sa'] as const).flatMap((layer) =>
      curveLengths.map((n) => ({ layer, n, cost: layerCost(layer, n, this.#d, this.#k, this.#projections) })),
    ),
  );

  get d(): number {
    return this.#d;
  }
  get k(): number {
    return this.#k;
  }
  get n(): number {
    return this.#n;
  }
  /** Whether the counts include the projections (Q, K, V, output; W_ih x) that table 1 leaves out. */
  get projections(): boolean {
    return this.#projections;
  }
  /** Measured times (empty until "measure" ran). */
  get measurements(): readonly Measurement[] {
    return this.#measurements;
  }
  /** Op calls of the last measurement, for the backend badge. */
  get calls(): readonly OpCall[] {
    return this.#calls;
  }
  /** What the measurement is doing now ('' when idle). */
  get measuring(): string {
    return this.#measuring;
  }

  /**
   * Self-attention costs more than each other layer once n exceeds these (0: at every n). By table 1's
   * counts they are d and k·d; with the projections, 0 and (k − 4)·d/2 (0 for k ≤ 4).
   */
  get crossovers(): { rnn: number; cnn: number } {
    return this.crossoversWith(this.#projections);
  }

  /** The crossovers with the projections left out (false) or counted (true), whatever the toggle says. */
  crossoversWith(projections: boolean): { rnn: number; cnn: number } {
    return {
      rnn: crossoverWith('rnn', this.#d, this.#k, projections),
      cnn: crossoverWith('cnn', this.#d, this.#k, projections),
    };
  }

  setD(d: number): void {
    if (Number.isFinite(d)) this.#d = Math.min(4096, Math.max(8, Math.round(d)));
  }
  setK(k: number): void {
    if (Number.isFinite(k)) this.#k = Math.min(15, Math.max(2, Math.round(k)));
  }
  setN(n: number): void {
    if (Number.isFinite(n)) this.#n = Math.min(100_000, Math.max(1, Math.round(n)));
  }
  setProjections(on: boolean): void {
    this.#projections = on;
  }

  /**
   * Times each layer at each measured length on the CPU (median of a few
   * runs after a warm-up), yielding to the page between runs. The CPU is
   * forced only while a run executes, then the previous setting comes back.
   */
  async measure(now: () => number = () => performance.now()): Promise<void> {
    if (this.#measuring !== '') return;
    const out: Measurement[] = [];
    const calls: OpCall[] = [];
    try {
      for (const n of measuredLengths) {
        const row: Measurement = { n, rnn: 0, cnn: 0, sa: 0 };
        for (const layer of ['rnn', 'cnn', 'sa'] as const) {
          this.#measuring = m.widget_cost_plot_measuring_what({ n, layer: layerName(layer) });
          await pause();
          const run = layerRun(layer, n, measuredWidth, measuredKernel);
          const times: number[] = [];
          const saved = dispatch.force;
          dispatch.force = 'cpu';
          try {
            calls.push(...traceCalls(run).calls);
            for (let r = 0; r < measuredRuns; r++) {
              const t0 = now();
              run();
              times.push(now() - t0);
            }
          } finally {
            dispatch.force = saved;
          }
          row[layer] = median(times);
        }
        out.push(row);
        this.#measurements = [...out];
      }
      this.#calls = calls;
    } finally {
      this.#measuring = '';
    }
  }

  snapshot(): StateOf<typeof costFields> {
    return { d: this.#d, k: this.#k, n: this.#n, p: this.#projections };
  }

  restore(s: StateOf<typeof costFields>): void {
    this.#d = s.d;
    this.#k = s.k;
    this.#n = s.n;
    this.#projections = s.p;
  }

  reset(): void {
    this.#d = 512;
    this.#k = 3;
    this.#n = 1024;
    this.#projections = false;
  }
}
