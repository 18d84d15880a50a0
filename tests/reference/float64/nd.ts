/**
 * The ops the models use on float64 n-d arrays (plain loops over
 * Float64Array, NumPy broadcasting), and central finite differences on
 * them: the reference the gradient tests compare reverse-mode gradients with.
 */
import { sigmoid64 } from './linalg.ts';

/** A float64 n-d array, row-major. */
export interface Nd {
  readonly shape: number[];
  readonly data: Float64Array;
}

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const strides = (s: readonly number[]) => {
  const out = new Array<number>(s.length).fill(1);
  for (let i = s.length - 2; i >= 0; i--) out[i] = (out[i + 1] as number) * (s[i + 1] as number);
  return out;
};
const unravel = (flat: number, s: readonly number[]) => {
  const idx = new Array<number>(s.length);
  for (let i = s.length - 1; i >= 0; i--) {
    idx[i] = flat % (s[i] as number);
    flat = Math.floor(flat / (s[i] as number));
  }
  return idx;
};

/** Makes an Nd (values rounded to float32, so both sides start from the same numbers). */
export function nd(shape: number[], data: ArrayLike<number>): Nd {
  return { shape, data: Float64Array.from(data, (v) => Math.fround(v)) };
}

/** Uniform values in [−scale, scale) of `shape`, float32-representable. */
export function rand(shape: number[], rng: () => number, scale = 1): Nd {
  return nd(
    shape,
    Array.from({ length: size(shape) }, () => (rng() * 2 - 1) * scale),
  );
}

/** Elementwise f on one array. */
export function map(a: Nd, f: (v: number) => number): Nd {
  return { shape: [...a.shape], data: a.data.map(f) };
}

/** Elementwise f on two arrays under NumPy broadcasting. */
export function zip(a: Nd, b: Nd, f: (x: number, y: number) => number): Nd {
  const rank = Math.max(a.shape.length, b.shape.length);
  const pad = (s: number[]) => [...new Array<number>(rank - s.length).fill(1), ...s];
  const sa = pad(a.shape);
  const sb = pad(b.shape);
  const shape = sa.map((d, i) => Math.max(d, sb[i] as number));
  const ta = strides(sa);
  const tb = strides(sb);
  const data = new Float64Array(size(shape));
  for (let k = 0; k < data.length; k++) {
    const idx = unravel(k, shape);
    let ia = 0;
    let ib = 0;
    idx.forEach((v, i) => {
      ia += (sa[i] === 1 ? 0 : v) * (ta[i] as number);
      ib += (sb[i] === 1 ? 0 : v) * (tb[i] as number);
    });
    data[k] = f(a.data[ia] as number, b.data[ib] as number);
  }
  return { shape, data };
}

/** The logistic function (the gradient tests' name for it). */
export const sig = sigmoid64;
export const addN = (a: Nd, b: Nd) => zip(a, b, (x, y) => x + y);
export const mulN = (a: Nd, b: Nd) => zip(a, b, (x, y) => x * y);

/** Swaps the last two axes. */
export function swapLast(a: Nd): Nd {
  const r = a.shape.length;
  const [m, n] = [a.shape[r - 2] as number, a.shape[r - 1] as number];
  const batch = size(a.shape) / (m * n);
  const data = new Float64Array(a.data.length);
  for (let s = 0; s < batch; s++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) data[s * m * n + j * m + i] = a.data[s * m * n + i * n + j] as number;
  return { shape: [...a.shape.slice(0, r - 2), n, m], data };
}

/** op(a) · op(b) for rank 2 or batched rank 3. */
export function matmulN(a: Nd, b: Nd, ta = false, tb = false): Nd {
  const A = ta ? swapLast(a) : a;
  const B = tb ? swapLast(b) : b;
  const r = A.shape.length;
  const [m, k, n] = [A.shape[r - 2] as number, A.shape[r - 1] as number, B.shape[r - 1] as number];
  const batch = size(A.shape) / (m * k);
  const data = new Float64Array(batch * m * n);
  for (let s = 0; s < batch; s++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let p = 0; p < k; p++)
          acc += (A.data[s * m * k + i * k + p] as number) * (B.data[s * k * n + p * n + j] as number);
        data[s * m * n + i * n + j] = acc;
      }
  return { shape: [...A.shape.slice(0, r - 2), m, n], data };
}

/** Reduces `axes` with `f` over the group's values (sum, mean, …); keepDims keeps size-1 axes. */
export function reduceN(a: Nd, axes: number[], f: (vals: number[]) => number, keepDims = false): Nd {
  const kept = a.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const groups = new Map<number, number[]>();
  const ks = strides(kept);
  for (let k = 0; k < a.data.length; k++) {
    const idx = unravel(k, a.shape);
    const t = idx.reduce((acc, v, i) => acc + (axes.includes(i) ? 0 : v * (ks[i] as number)), 0);
    const g = groups.get(t) ?? [];
    g.push(a.data[k] as number);
    groups.set(t, g);
  }
  const data = Float64Array.from({ length: size(kept) }, (_, t) => f(groups.get(t) ?? []));
  return { shape: keepDims ? kept : a.shape.filter((_, i) => !axes.includes(i)), data };
}

export const total = (v: number[]) => v.reduce((x, y) => x + y, 0);

/** Softmax along `axis` (max subtracted). */
export function softmaxN(a: Nd, axis: number): Nd {
  const ax = axis < 0 ? axis + a.shape.length : axis;
  const mx = reduceN(a, [ax], (v) => Math.max(...v), true);
  const e = zip(a, mx, (x, m) => Math.exp(x - m));
  return zip(e, reduceN(e, [ax], total, true), (x, s) => x / s);
}

/** The box at `begin` of extent `shape`. */
export function sliceN(a: Nd, begin: number[], shape: number[]): Nd {
  const st = strides(a.shape);
  const data = Float64Array.from({ length: size(shape) }, (_, k) => {
    const idx = unravel(k, shape);
    return a.data[idx.reduce((acc, v, i) => acc + (v + (begin[i] as number)) * (st[i] as number), 0)] as number;
  });
  return { shape, data };
}

/** Joins along `axis`. */
export function concatN(parts: Nd[], axis: number): Nd {
  const first = parts[0] as Nd;
  const shape = [...first.shape];
  shape[axis] = parts.reduce((s, p) => s + (p.shape[axis] as number), 0);
  const data = new Float64Array(size(shape));
  const st = strides(shape);
  let offset = 0;
  for (const p of parts) {
    for (let k = 0; k < p.data.length; k++) {
      const idx = unravel(k, p.shape);
      idx[axis] = (idx[axis] as number) + offset;
      data[idx.reduce((acc, v, i) => acc + v * (st[i] as number), 0)] = p.data[k] as number;
    }
    offset += p.shape[axis] as number;
  }
  return { shape, data };
}

/** Output axis k is input axis perm[k]. */
export function transposeN(a: Nd, perm: number[]): Nd {
  const shape = perm.map((p) => a.shape[p] as number);
  const st = strides(a.shape);
  const data = Float64Array.from({ length: a.data.length }, (_, k) => {
    const idx = unravel(k, shape);
    return a.data[idx.reduce((acc, v, i) => acc + v * (st[perm[i] as number] as number), 0)] as number;
  });
  return { shape, data };
}

/** Dense row-major view of a matrix slice of columns [from, from + n). */
export const cols = (a: Nd, from: number, n: number) => sliceN(a, [0, from], [a.shape[0] as number, n]);

/**
 * ∂/∂inputs of L = Σ f(inputs) ∘ R by central differences in float64
 * (step 1e-6: truncation error ~1e-12 · f''', rounding ~1e-10).
 */
export function finiteDiff(f: (inputs: Nd[]) => Nd, inputs: Nd[], R: Nd): Float64Array[] {
  const eps = 1e-6;
  const loss = (xs: Nd[]) => {
    const out = f(xs);
    return out.data.reduce((acc, v, i) => acc + v * (R.data[i] as number), 0);
  };
  return inputs.map((x, which) => {
    const g = new Float64Array(x.data.length);
    for (let i = 0; i < x.data.length; i++) {
      const bump = (d: number) =>
        inputs.map((y, k) => (k === which ? { shape: y.shape, data: y.data.map((v, j) => (j === i ? v + d : v)) } : y));
      g[i] = (loss(bump(eps)) - loss(bump(-eps))) / (2 * eps);
    }
    return g;
  });
}
