/**
 * Optimizers (the training lab). Weights stay authoritative on the
 * CPU (see STYLE.md), so the update is a plain float64 loop per element,
 * rounded once to float32, and every step makes new param tensors (tensors
 * are immutable). The state is plain arrays, so a snapshot restores exactly.
 *
 *   SGD with momentum (PyTorch form):  v ← μ v + g,   θ ← θ − η v
 *   Adam (Kingma & Ba 2015):           m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
 *                                      θ ← θ − η m̂ / (√v̂ + ε),  m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)
 */
import type { Params } from '../autodiff/tape.ts';
import { Tensor } from '../tensor.ts';

/** Everything an optimizer carries between steps: the step count and per-param moment buffers. */
export interface OptimizerState {
  readonly t: number;
  /** Per param name, the moment buffers (SGD: [v]; Adam: [m, v]), each the param's size. */
  readonly slots: Readonly<Record<string, readonly Float32Array[]>>;
}

/** Settings of SGD. */
export interface SgdOptions {
  readonly lr: number;
  /** μ; 0 is plain gradient descent (default 0). */
  readonly momentum?: number;
}

/** Settings of Adam (defaults β₁ 0.9, β₂ 0.999, ε 1e-8, as PyTorch). */
export interface AdamOptions {
  readonly lr: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly eps?: number;
}

/** Which optimizer and its settings, as plain data (so a trainer's config is JSON). */
export type OptimizerConfig = ({ readonly kind: 'sgd' } & SgdOptions) | ({ readonly kind: 'adam' } & AdamOptions);

/** The zero state for `params`: t = 0 and zeroed buffers. */
export function initOptimizer(config: OptimizerConfig, params: Params): OptimizerState {
  const buffers = config.kind === 'adam' ? 2 : 1;
  const slots: Record<string, Float32Array[]> = {};
  for (const [name, p] of Object.entries(params)) {
    slots[name] = Array.from({ length: buffers }, () => new Float32Array(p.size));
  }
  return { t: 0, slots };
}

/** A deep copy of a state (buffers copied), for snapshots. */
export function copyOptimizerState(state: OptimizerState): OptimizerState {
  const slots: Record<string, Float32Array[]> = {};
  for (const [name, bufs] of Object.entries(state.slots)) slots[name] = bufs.map((b) => Float32Array.from(b));
  return { t: state.t, slots };
}

/**
 * One update: returns new params and the next state (the given state is not
 * changed). Every param needs a gradient of its own shape.
 */
export function optimizerStep<P extends Params>(
  config: OptimizerConfig,
  params: P,
  grads: { readonly [K in keyof P]: Tensor },
  state: OptimizerState,
): { params: P; state: OptimizerState } {
  const t = state.t + 1;
  const next: Record<string, Tensor> = {};
  const slots: Record<string, Float32Array[]> = {};
  for (const [name, p] of Object.entries(params)) {
    const g = grads[name as keyof P];
    const bufs = state.slots[name];
    if (g === undefined || g.size !== p.size || bufs === undefined) {
      throw new RangeError(`optimizer step: ${name} needs a gradient and state of size ${p.size}`);
    }
    // A copy per buffer (the given state stays as it was); the typed-array constructor copies without iterating.
    const copies = bufs.map((b) => new Float32Array(b));
    const out =
      config.kind === 'adam'
        ? adam(config, t, p.values(), g.values(), copies)
        : sgd(config, p.values(), g.values(), copies);
    next[name] = new Tensor(p.shape, out);
    slots[name] = copies;
  }
  return { params: next as P, state: { t, slots } };
}

function sgd(o: SgdOptions, p: Float32Array, g: Float32Array, [v]: Float32Array[]): Float32Array {
  const mu = o.momentum ?? 0;
  const out = new Float32Array(p.length);
  for (let i = 0; i < p.length; i++) {
    let step = g[i] as number;
    if (mu !== 0 && v !== undefined) {
      step = mu * (v[i] as number) + step;
      v[i] = step;
    }
    out[i] = (p[i] as number) - o.lr * step;
  }
  return out;
}

function adam(o: AdamOptions, t: number, p: Float32Array, g: Float32Array, [m, v]: Float32Array[]): Float32Array {
  const b1 = o.beta1 ?? 0.9;
  const b2 = o.beta2 ?? 0.999;
  const eps = o.eps ?? 1e-8;
  const c1 = 1 - b1 ** t;
  const c2 = 1 - b2 ** t;
  const out = new Float32Array(p.length);
  if (m === undefined || v === undefined) throw new Error('Adam state needs two buffers per param');
  for (let i = 0; i < p.length; i++) {
    const gi = g[i] as number;
    const mi = b1 * (m[i] as number) + (1 - b1) * gi;
    const vi = b2 * (v[i] as number) + (1 - b2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    out[i] = (p[i] as number) - (o.lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
  }
  return out;
}
