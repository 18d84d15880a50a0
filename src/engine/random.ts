import { Tensor } from './tensor.ts';

/** A seeded generator of uniform numbers in [0, 1). */
export type Rng = () => number;

/** A seeded generator whose state can be read and set, for snapshots that resume exactly. */
export interface StatefulRng {
  readonly next: Rng;
  /** The 32-bit state; `set(get())` later replays the same numbers. */
  get(): number;
  set(state: number): void;
}

/**
 * mulberry32, the one copy in the codebase, with its state exposed (the
 * trainer snapshots it); `mulberry32(seed)` is its `next`.
 */
export function statefulRng(seed: number): StatefulRng {
  let a = seed >>> 0;
  return {
    next: () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    get: () => a,
    set: (state) => {
      a = state >>> 0;
    },
  };
}

/**
 * mulberry32: a tiny 32-bit PRNG, good enough for demos and fixtures and
 * reproducible across JavaScript and Python (scripts/reference mirrors it),
 * so a seed in a URL always gives the same widget state.
 */
export function mulberry32(seed: number): Rng {
  return statefulRng(seed).next;
}

/** A standard normal sample (Box–Muller on two uniforms from `rng`). */
export function randn(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A CPU tensor of uniform values in [-scale, scale), drawn in row-major order. */
export function uniformTensor(shape: readonly number[], rng: Rng, scale = 1): Tensor {
  let n = 1;
  for (const d of shape) n *= d;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (rng() * 2 - 1) * scale;
  return new Tensor(shape, out);
}

/** Picks index k with probability p[k] (p should sum to 1); used by hard attention. */
export function sampleIndex(p: ArrayLike<number>, rng: Rng): number {
  const u = rng();
  let acc = 0;
  for (let k = 0; k < p.length; k++) {
    acc += p[k] as number;
    if (u < acc) return k;
  }
  // Rounding can leave the total a hair under 1: fall back to the last position with mass.
  for (let k = p.length - 1; k >= 0; k--) if ((p[k] as number) > 0) return k;
  return p.length - 1;
}
