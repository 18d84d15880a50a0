import { mulberry32, type Rng } from '~engine/random.ts';

// The engine's mulberry32 is re-exported rather than copied, so a seed in a URL
// gives exactly the weights the engine's fixtures and scripts/reference expect.
export { mulberry32, type Rng };

/** Turns any text (a preset name, a widget id) into a 32-bit seed (FNV-1a). */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A rows×cols matrix of uniform values in [-scale, scale), rounded to `decimals` so they read well and fit a URL. */
export function randomMatrix(seed: number, rows: number, cols: number, scale = 1, decimals = 2): number[][] {
  const rng = mulberry32(seed);
  const f = 10 ** decimals;
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => Math.round((rng() * 2 - 1) * scale * f) / f + 0),
  );
}

/** A fresh seed for the "randomize" button: a 31-bit number so it stays short in a URL. */
export function nextSeed(seed: number): number {
  return Math.floor(mulberry32(seed ^ 0x9e3779b9)() * 2 ** 31);
}
