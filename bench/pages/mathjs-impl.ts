/**
 * The small workloads on mathjs (float64 nested arrays): matrix products,
 * elementwise maps and softmax, the way a reader would write them in a
 * scratchpad. Only where it applies: cells with H ≤ 64 and self-attention
 * with n ≤ 64 (beyond that mathjs takes seconds per call).
 */
import { all, create } from 'mathjs';
import { ATTN_D, attentionInputs, CHAIN, type Mat, recurrentInputs, type Spec } from './data.ts';
import type { Impl, Runner } from './impl.ts';

const math = create(all as NonNullable<typeof all>, {});
type Arr = number[];
type Arr2 = number[][];

const nested = (m: Mat): Arr2 =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
const sig = (v: number) => 1 / (1 + Math.exp(-v));

function recurrent(kind: 'lstm' | 'gru', H: number): Runner {
  const p = recurrentInputs(kind, H);
  const W_ih = nested(p.W_ih);
  const W_hh = nested(p.W_hh);
  const b = math.add(Array.from(p.b_ih.data), Array.from(p.b_hh.data)) as Arr;
  const b_ih = Array.from(p.b_ih.data);
  const b_hh = Array.from(p.b_hh.data);
  const step = (x: Arr, h: Arr, c: Arr): [Arr, Arr] => {
    if (kind === 'lstm') {
      const g = math.add(math.add(math.multiply(W_ih, x), math.multiply(W_hh, h)), b) as Arr;
      const i = math.map(g.slice(0, H), sig) as Arr;
      const f = math.map(g.slice(H, 2 * H), sig) as Arr;
      const gg = math.map(g.slice(2 * H, 3 * H), Math.tanh) as Arr;
      const o = math.map(g.slice(3 * H), sig) as Arr;
      const cn = math.add(math.dotMultiply(f, c), math.dotMultiply(i, gg)) as Arr;
      return [math.dotMultiply(o, math.map(cn, Math.tanh)) as Arr, cn];
    }
    const gi = math.add(math.multiply(W_ih, x), b_ih) as Arr;
    const gh = math.add(math.multiply(W_hh, h), b_hh) as Arr;
    const r = math.map(math.add(gi.slice(0, H), gh.slice(0, H)) as Arr, sig) as Arr;
    const z = math.map(math.add(gi.slice(H, 2 * H), gh.slice(H, 2 * H)) as Arr, sig) as Arr;
    const n = math.map(math.add(gi.slice(2 * H), math.dotMultiply(r, gh.slice(2 * H))) as Arr, Math.tanh) as Arr;
    return [math.add(math.dotMultiply(math.subtract(1, z) as Arr, n), math.dotMultiply(z, h)) as Arr, c];
  };
  const x = Array.from(p.x.data);
  const h0 = Array.from(p.h.data);
  const c0 = Array.from(p.c.data);
  const xs = nested(p.xs);
  return {
    step: () => step(x, h0, c0)[0],
    chain: () => {
      let h = h0;
      let c = c0;
      for (const xt of xs) [h, c] = step(xt, h, c);
      return h;
    },
  };
}

function selfAttention(n: number): Runner {
  const p = attentionInputs(n);
  const WqT = math.transpose(nested(p.W_q));
  const WkT = math.transpose(nested(p.W_k));
  const WvT = math.transpose(nested(p.W_v));
  const scale = 1 / Math.sqrt(ATTN_D);
  const layer = (X: Arr2): Arr2 => {
    const Q = math.multiply(X, WqT);
    const K = math.multiply(X, WkT);
    const V = math.multiply(X, WvT);
    const A = math.multiply(math.multiply(Q, math.transpose(K)), scale) as Arr2;
    const W = A.map((row) => {
      const m = Math.max(...row);
      const e = row.map((v) => Math.exp(v - m));
      const s = math.sum(e);
      return e.map((v) => v / s);
    });
    return math.multiply(W, V);
  };
  const X0 = nested(p.X);
  return {
    step: () => layer(X0).flat(),
    chain: () => {
      let X = X0;
      for (let k = 0; k < CHAIN.selfattn; k++) X = layer(X);
      return X.flat();
    },
  };
}

export const mathjsImpl: Impl = {
  name: 'mathjs',
  activate: async () => {},
  deactivate: () => {},
  make: (spec: Spec) => {
    if ((spec.kind === 'lstm' || spec.kind === 'gru') && spec.size <= 64) return recurrent(spec.kind, spec.size);
    if (spec.kind === 'selfattn' && spec.size <= 64) return selfAttention(spec.size);
    return undefined;
  },
};
