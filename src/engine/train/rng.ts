import type { Rng } from '../random.ts';

/** A seeded generator whose state can be read and set, for snapshots that resume exactly. */
export interface StatefulRng {
  readonly next: Rng;
  /** The 32-bit state; `set(get())` later replays the same numbers. */
  get(): number;
  set(state: number): void;
}

/** mulberry32 (same numbers as random.ts's `mulberry32(seed)`), with its state exposed. */
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
