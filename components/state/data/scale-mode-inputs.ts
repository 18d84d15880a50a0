import { mulberry32 } from '~engine/random.ts';

/** Width of every generated token. */
export const scaleWidth = 64;
/** Sequence lengths offered. */
export const scaleLengths = [64, 128, 256, 512, 1024] as const;
/** Topics the generated tokens cycle through, in 8 segments. */
export const topicCount = 4;

/** Generated inputs: tokens X [n, d] and projections [d, d], row-major float32 like the engine's tensors. */
export interface ScaleInputs {
  n: number;
  d: number;
  X: Float32Array;
  W_q: Float32Array;
  W_k: Float32Array;
  W_v: Float32Array;
}

/** Topic of token i: the sequence is cut into 8 segments that cycle through the topics. */
export function topicOf(i: number, n: number): number {
  return Math.floor((8 * i) / n) % topicCount;
}

/**
 * Seeded tokens with structure worth looking at: token i is its segment's
 * topic vector plus its own noise, so same-topic tokens attend to each other
 * (blocks) and every token to itself a little more (the diagonal).
 * W_q = W_k = 1.2·I plus small noise, W_v uniform in ±1/8.
 */
export function scaleInputs(n: number, seed: number, d = scaleWidth): ScaleInputs {
  const rng = mulberry32(seed);
  const u = () => rng() * 2 - 1;
  const topics = Array.from({ length: topicCount }, () => Array.from({ length: d }, u));
  const X = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const t = topics[topicOf(i, n)] as number[];
    for (let p = 0; p < d; p++) X[i * d + p] = (t[p] as number) + 0.6 * u();
  }
  const proj = (diag: number, noise: number) => {
    const W = new Float32Array(d * d);
    for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) W[r * d + c] = (r === c ? diag : 0) + noise * u();
    return W;
  };
  return { n, d, X, W_q: proj(1.2, 0.05), W_k: proj(1.2, 0.05), W_v: proj(0, 0.125) };
}
