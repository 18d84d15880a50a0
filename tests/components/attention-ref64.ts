/**
 * Float64 references for the attention chapters' widgets, in plain loops
 * with no engine import: a GRU (Cho et al. 2014, PyTorch layout r, z, n),
 * bidirectional annotations, Bahdanau's decoder, Luong's scores, local and
 * hard reads. Unit and browser tests compare the widgets' numbers to these.
 */

/** A matrix as rows. */
export type M = readonly (readonly number[])[];
/** A vector. */
export type V = readonly number[];

/** W v. */
export function matvec(W: M, v: V): number[] {
  return W.map((row) => row.reduce((s, w, k) => s + w * (v[k] ?? Number.NaN), 0));
}

const sig = (x: number) => 1 / (1 + Math.exp(-x));

/** One recurrent layer in PyTorch layout (biases as vectors). */
export interface Gru64 {
  W_ih: M;
  W_hh: M;
  b_ih: V;
  b_hh: V;
}

/** h_t = z ∘ h + (1 − z) ∘ tanh(W_in x + b_in + W_hn (r ∘ h) + b_hn), the Cho variant. */
export function gruStep64(p: Gru64, x: V, h: V): number[] {
  const H = h.length;
  const gi = matvec(p.W_ih, x).map((v, k) => v + (p.b_ih[k] ?? 0));
  const Whh = p.W_hh;
  const gh = matvec(Whh.slice(0, 2 * H), h).map((v, k) => v + (p.b_hh[k] ?? 0));
  const r = h.map((_, k) => sig((gi[k] ?? 0) + (gh[k] ?? 0)));
  const z = h.map((_, k) => sig((gi[H + k] ?? 0) + (gh[H + k] ?? 0)));
  const rh = h.map((v, k) => (r[k] ?? 0) * v);
  const hn = matvec(Whh.slice(2 * H), rh).map((v, k) => v + (p.b_hh[2 * H + k] ?? 0));
  return h.map((hk, k) => {
    const n = Math.tanh((gi[2 * H + k] ?? 0) + (hn[k] ?? 0));
    const zk = z[k] ?? 0;
    return zk * hk + (1 - zk) * n;
  });
}

/** Final state of a GRU run from zeros. */
export function gruRun64(p: Gru64, xs: M, H: number): number[][] {
  let h: number[] = new Array(H).fill(0);
  const out: number[][] = [];
  for (const x of xs) {
    h = gruStep64(p, x, h);
    out.push(h);
  }
  return out;
}

/** softmax in float64 (max subtracted). */
export function softmax64(e: V): number[] {
  const m = Math.max(...e);
  const x = e.map((v) => Math.exp(v - m));
  const s = x.reduce((a, b) => a + b, 0);
  return x.map((v) => v / s);
}

/** Σ_j α_j h_j. */
export function weighted64(alpha: V, H: M): number[] {
  const d = H[0]?.length ?? 0;
  return Array.from({ length: d }, (_, k) => H.reduce((s, h, j) => s + (alpha[j] ?? 0) * (h[k] ?? 0), 0));
}

/** Everything the Bahdanau walkthrough shows. */
export interface Walk64 {
  forward: number[][];
  backward: number[][];
  H: number[][];
  steps: { sPrev: number[]; hidden: number[][]; e: number[]; alpha: number[]; c: number[]; s: number[]; y: number[] }[];
}

/** The whole walkthrough: bidirectional GRU encoder, then `steps` Bahdanau decoder steps from s_0 = 0, y_0 = 0. */
export function bahdanau64(
  X: M,
  w: {
    fwd: Gru64;
    bwd: Gru64;
    W_a: M;
    U_a: M;
    v_a: V;
    dec: Gru64;
    W_y: M;
    b_y: V;
  },
  steps: number,
): Walk64 {
  const Hf = w.fwd.W_hh[0]?.length ?? 0;
  const forward = gruRun64(w.fwd, X, Hf);
  const backward = gruRun64(w.bwd, [...X].reverse(), Hf).reverse();
  const H = forward.map((f, j) => [...f, ...(backward[j] ?? [])]);
  const S = w.dec.W_hh[0]?.length ?? 0;
  let s: number[] = new Array(S).fill(0);
  let y: number[] = new Array(w.b_y.length).fill(0);
  const out: Walk64['steps'] = [];
  for (let i = 0; i < steps; i++) {
    const Ws = matvec(w.W_a, s);
    const hidden = H.map((h) => matvec(w.U_a, h).map((u, a) => Math.tanh(u + (Ws[a] ?? 0))));
    const e = hidden.map((t) => t.reduce((acc, v, a) => acc + v * (w.v_a[a] ?? 0), 0));
    const alpha = softmax64(e);
    const c = weighted64(alpha, H);
    const sNext = gruStep64(w.dec, [...y, ...c], s);
    const yNext = matvec(w.W_y, sNext).map((v, k) => v + (w.b_y[k] ?? 0));
    out.push({ sPrev: s, hidden, e, alpha, c, s: sNext, y: yNext });
    s = sNext;
    y = yNext;
  }
  return { forward, backward, H, steps: out };
}

/** Luong's scores of h_t against rows of Hbar: dot, general (W_a [d,d]) and concat (W_a [A,2d], v_a [A]). */
export function luong64(kind: 'dot' | 'general' | 'concat', h: V, Hbar: M, W?: M, v?: V): number[] {
  if (kind === 'dot') return Hbar.map((hs) => hs.reduce((s, x, k) => s + x * (h[k] ?? 0), 0));
  if (kind === 'general') {
    return Hbar.map((hs) => {
      const Whs = matvec(W ?? [], hs);
      return Whs.reduce((s, x, k) => s + x * (h[k] ?? 0), 0);
    });
  }
  return Hbar.map((hs) => {
    const pre = matvec(W ?? [], [...h, ...hs]).map(Math.tanh);
    return pre.reduce((s, x, a) => s + x * (v?.[a] ?? 0), 0);
  });
}

/** Luong's local read: softmax over |s − p| ≤ D, then optionally × exp(−(s − p)²/(2σ²)), σ = D/2 (0-based p). */
export function local64(e: V, p: number, D: number, gaussian: boolean): number[] {
  const inside = e.map((_, s) => Math.abs(s - p) <= D);
  const m = Math.max(...e.filter((_, s) => inside[s]));
  const x = e.map((v, s) => (inside[s] ? Math.exp(v - m) : 0));
  const total = x.reduce((a, b) => a + b, 0);
  const sigma = D / 2;
  return x.map((v, s) => {
    const a = v / total;
    if (!gaussian) return a;
    const g = sigma > 0 ? Math.exp(-((s - p) ** 2) / (2 * sigma * sigma)) : s === p ? 1 : 0;
    return a * g;
  });
}

/** mulberry32, written again here so the test does not trust the engine's copy. */
export function mulberry64(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** K inverse-CDF draws from α with mulberry32(seed): the positions, in order. */
export function draws64(alpha: V, seed: number, K: number): number[] {
  const rng = mulberry64(seed);
  const out: number[] = [];
  for (let k = 0; k < K; k++) {
    const u = rng();
    let acc = 0;
    let pick = alpha.length - 1;
    for (let j = 0; j < alpha.length; j++) {
      acc += alpha[j] ?? 0;
      if (u < acc) {
        pick = j;
        break;
      }
    }
    out.push(pick);
  }
  return out;
}

/** |got − want| ≤ atol + rtol·|want|, elementwise; returns the first failure as text, or ''. */
export function mismatch(got: V, want: V, rtol = 1e-5, atol = 1e-6): string {
  if (got.length !== want.length) return `length ${got.length} ≠ ${want.length}`;
  for (let k = 0; k < want.length; k++) {
    const g = got[k] ?? Number.NaN;
    const w = want[k] ?? Number.NaN;
    if (!(Math.abs(g - w) <= atol + rtol * Math.abs(w))) return `[${k}] got ${g}, want ${w}`;
  }
  return '';
}
