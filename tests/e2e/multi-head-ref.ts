import { type HeadPattern, inProjection, outProjection, width } from '~components/state/multi-head-weights.ts';

/** Independent float64 multi-head attention for the browser tests, shared by the widget and picture specs. */
export type M = number[][];

/** float64 multi-head attention in nn.MultiheadAttention's layout (biases zero). */
export function reference(X: M, patterns: HeadPattern[], on: boolean[], seed = 1) {
  const Win = inProjection(patterns, seed);
  const WO = outProjection(on);
  const proj = (rows: M) => X.map((x) => rows.map((w) => w.reduce((s, v, p) => s + v * (x[p] as number), 0)));
  const Q = proj(Win.slice(0, width));
  const K = proj(Win.slice(width, 2 * width));
  const V = proj(Win.slice(2 * width));
  const H = patterns.length;
  const dh = width / H;
  const concat: M = X.map(() => []);
  const weights: M[] = [];
  for (let h = 0; h < H; h++) {
    const cols = (m: M) => m.map((r) => r.slice(h * dh, (h + 1) * dh));
    const [q, k, v] = [cols(Q), cols(K), cols(V)];
    const Ap = q.map((qi) => {
      const s = k.map((kj) => kj.reduce((a, x, p) => a + x * (qi[p] as number), 0) / Math.sqrt(dh));
      const m = Math.max(...s);
      const e = s.map((x) => Math.exp(x - m));
      const z = e.reduce((a, b) => a + b, 0);
      return e.map((x) => x / z);
    });
    weights.push(Ap);
    Ap.forEach((w, i) => {
      for (let c = 0; c < dh; c++)
        (concat[i] as number[]).push(w.reduce((a, x, j) => a + x * ((v[j] as number[])[c] as number), 0));
    });
  }
  const out = concat.map((c) => WO.map((w) => w.reduce((a, x, p) => a + x * (c[p] as number), 0)));
  return { weights, concat, out };
}
