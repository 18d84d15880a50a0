/**
 * Independent float64 references for the GRU and LSTM widgets, in plain
 * loops (no engine code), PyTorch layout: W_ih [k·H, I], W_hh [k·H, H],
 * b_ih, b_hh [k·H]; GRU blocks r, z, n; LSTM blocks i, f, g, o.
 */

/** Weights as the widgets show them. */
export interface RefWeights {
  W_ih: number[][];
  W_hh: number[][];
  b_ih: number[];
  b_hh: number[];
}

const sigma = (v: number) => 1 / (1 + Math.exp(-v));

/** Row `row` of W times v. */
function dot(W: number[][], row: number, v: readonly number[]): number {
  let s = 0;
  const w = W[row] ?? [];
  for (let j = 0; j < v.length; j++) s += (w[j] ?? Number.NaN) * (v[j] ?? Number.NaN);
  return s;
}

/** One GRU step per input; both candidates per step from the driving variant's h_{t−1}. */
export function gru64(w: RefWeights, xs: readonly number[][], variant: 'cho' | 'pytorch') {
  const H = w.W_hh[0]?.length ?? 0;
  let h = new Array<number>(H).fill(0);
  return xs.map((x) => {
    const r: number[] = [];
    const z: number[] = [];
    for (let k = 0; k < H; k++) {
      r.push(sigma(dot(w.W_ih, k, x) + (w.b_ih[k] ?? 0) + dot(w.W_hh, k, h) + (w.b_hh[k] ?? 0)));
      z.push(sigma(dot(w.W_ih, H + k, x) + (w.b_ih[H + k] ?? 0) + dot(w.W_hh, H + k, h) + (w.b_hh[H + k] ?? 0)));
    }
    const rh = h.map((v, k) => v * (r[k] ?? 0));
    const cho: number[] = [];
    const torch: number[] = [];
    for (let k = 0; k < H; k++) {
      const inPart = dot(w.W_ih, 2 * H + k, x) + (w.b_ih[2 * H + k] ?? 0);
      const bn = w.b_hh[2 * H + k] ?? 0;
      cho.push(Math.tanh(inPart + dot(w.W_hh, 2 * H + k, rh) + bn));
      torch.push(Math.tanh(inPart + (r[k] ?? 0) * (dot(w.W_hh, 2 * H + k, h) + bn)));
    }
    const cand = variant === 'cho' ? cho : torch;
    const next = h.map((v, k) => (z[k] ?? 0) * v + (1 - (z[k] ?? 0)) * (cand[k] ?? 0));
    const out = { r, z, cand, cho, torch, h: next, hPrev: h };
    h = next;
    return out;
  });
}

/** One LSTM step per input: pre-activations, gates, cell and state. */
export function lstm64(w: RefWeights, xs: readonly number[][]) {
  const H = w.W_hh[0]?.length ?? 0;
  let h = new Array<number>(H).fill(0);
  let c = new Array<number>(H).fill(0);
  return xs.map((x) => {
    const pre = (block: number) =>
      Array.from(
        { length: H },
        (_, k) =>
          dot(w.W_ih, block * H + k, x) +
          (w.b_ih[block * H + k] ?? 0) +
          dot(w.W_hh, block * H + k, h) +
          (w.b_hh[block * H + k] ?? 0),
      );
    const [zi, zf, zg, zo] = [pre(0), pre(1), pre(2), pre(3)];
    const i = zi.map(sigma);
    const f = zf.map(sigma);
    const g = zg.map(Math.tanh);
    const o = zo.map(sigma);
    const cNext = c.map((v, k) => (f[k] ?? 0) * v + (i[k] ?? 0) * (g[k] ?? 0));
    const hNext = cNext.map((v, k) => (o[k] ?? 0) * Math.tanh(v));
    const out = { zi, zf, zg, zo, i, f, g, o, c: cNext, h: hNext };
    h = hNext;
    c = cNext;
    return out;
  });
}

/** |got − ref| ≤ 1e-5·max(1, |ref|) for every entry; returns the first failure or ''. */
export function mismatch(got: readonly number[], want: readonly number[], what = ''): string {
  if (got.length !== want.length) return `${what}: length ${got.length}, want ${want.length}`;
  for (let k = 0; k < got.length; k++) {
    const g = got[k] ?? Number.NaN;
    const r = want[k] ?? Number.NaN;
    if (!(Math.abs(g - r) <= 1e-5 * Math.max(1, Math.abs(r)))) return `${what}[${k}]: got ${g}, want ${r}`;
  }
  return '';
}
