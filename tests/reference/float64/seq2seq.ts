/**
 * The seq2seq chapter's seeded GRU encoder in float64, rebuilt from the seed
 * (mulberry32, Box–Muller) without the engine's arithmetic: the reference the
 * bottleneck widget and the seq2seq picture are checked against.
 */
import { mulberry32 } from '../../../src/engine/random.ts';
import { gruRun64, type Recurrent64 } from './recurrent.ts';

/** Input size of the chapter's encoder. */
const I = 2;

/** The widget's seeded encoder weights with H units (PyTorch layout r, z, n; only b_z's input bias is set). */
export function encoder64(seed: number, bz: number, H = 6): Recurrent64 {
  const rng = mulberry32(seed);
  const draw = (rows: number, cols: number, scale: number) =>
    Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rng() * 2 - 1) * scale));
  const W_ih = draw(3 * H, I, 1);
  const W_hh = draw(3 * H, H, 1 / Math.sqrt(H));
  const b_ih = Array.from({ length: 3 * H }, (_, k) => (k >= H && k < 2 * H ? bz : 0));
  return { W_ih, W_hh, b_ih, b_hh: new Array(3 * H).fill(0) };
}

/** The seeded inputs x_1..x_32 (Box–Muller standard normals). */
export function inputs64(seed: number): number[][] {
  const rng = mulberry32((seed ^ 0x5bd1e995) >>> 0);
  const randn = () => {
    const u = 1 - rng();
    const v = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return Array.from({ length: 32 }, () => Array.from({ length: I }, randn));
}

/** States h_1..h_n, c = h_n and Δ_j = ‖c′ − c‖ with every feature of x_j raised by δ, all in float64. */
export function bottleneck64(n: number, bz: number, d: number, seed = 3, H = 6) {
  const p = encoder64(seed, bz, H);
  const xs = inputs64(seed).slice(0, n);
  const states = gruRun64(p, xs, H);
  const c = states.at(-1) ?? [];
  const delta = xs.map((_, j) => {
    const c2 = gruRun64(
      p,
      xs.map((x, t) => (t === j ? x.map((v) => v + d) : x)),
      H,
    ).at(-1);
    return Math.hypot(...(c2 ?? []).map((v, k) => v - (c[k] ?? 0)));
  });
  return { xs, states, c, delta };
}
