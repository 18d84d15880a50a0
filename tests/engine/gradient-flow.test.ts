import { describe, expect, it } from 'vitest';
import {
  gradientNorms,
  lstmCell,
  lstmJacobians,
  rnnCell,
  rnnJacobians,
  runSequence,
  Trace,
  tensor,
} from '~engine/index.ts';

/*
 * Independent float64 reference: run the cells in plain JS and take central
 * finite differences of the final state with respect to the state at step t.
 */
type Vec = number[];
type Mat = number[][];
const mv = (m: Mat, v: Vec) => m.map((row) => row.reduce((s, w, j) => s + w * (v[j] ?? 0), 0));
const sig = (a: number) => 1 / (1 + Math.exp(-a));

function rnnFrom(Wih: Mat, Whh: Mat, b: Vec, xs: Vec[], t: number, h0: Vec): Vec {
  let h = h0;
  for (let k = t; k < xs.length; k++) {
    const a = mv(Wih, xs[k] as Vec);
    const r = mv(Whh, h);
    h = a.map((v, i) => Math.tanh(v + (r[i] ?? 0) + (b[i] ?? 0)));
  }
  return h;
}

function lstmFrom(Wih: Mat, Whh: Mat, b: Vec, xs: Vec[], t: number, s0: Vec): Vec {
  const H = s0.length / 2;
  let h = s0.slice(0, H);
  let c = s0.slice(H);
  for (let k = t; k < xs.length; k++) {
    const a = mv(Wih, xs[k] as Vec).map((v, r) => v + (mv(Whh, h)[r] ?? 0) + (b[r] ?? 0));
    const gate = (blk: number, j: number) => a[blk * H + j] ?? 0;
    const cNew = c.map((cj, j) => sig(gate(1, j)) * cj + sig(gate(0, j)) * Math.tanh(gate(2, j)));
    h = cNew.map((cj, j) => sig(gate(3, j)) * Math.tanh(cj));
    c = cNew;
  }
  return [...h, ...c];
}

/** ‖∂final/∂state_t‖_F by central differences in float64. */
function fdNorm(run: (t: number, s: Vec) => Vec, t: number, s: Vec): number {
  const eps = 1e-6;
  let total = 0;
  for (let j = 0; j < s.length; j++) {
    const up = run(
      t,
      s.map((v, k) => (k === j ? v + eps : v)),
    );
    const down = run(
      t,
      s.map((v, k) => (k === j ? v - eps : v)),
    );
    for (let i = 0; i < up.length; i++) total += (((up[i] ?? 0) - (down[i] ?? 0)) / (2 * eps)) ** 2;
  }
  return Math.sqrt(total);
}

const relClose = (got: number, want: number, tol: number) =>
  expect(Math.abs(got - want), `got ${got}, want ${want}`).toBeLessThanOrEqual(tol * Math.max(Math.abs(want), 1e-12));

describe('gradient flow through time', () => {
  const xs: Vec[] = [
    [0.5, -1],
    [1, 0.2],
    [-0.3, 0.8],
    [0.9, 0.1],
    [0, -0.6],
    [0.4, 0.4],
  ];

  it('rnnJacobians + gradientNorms give ‖∂h_T/∂h_t‖ of a tanh RNN within 1e-4 of float64 finite differences', () => {
    const Wih = [
      [0.6, -0.2],
      [0.3, 0.5],
    ];
    const Whh = [
      [0.9, -0.4],
      [0.5, 1.1],
    ];
    const b = [0.1, -0.1];
    const trace = new Trace();
    const cell = rnnCell({ W_ih: tensor(Wih), W_hh: tensor(Whh), b_ih: tensor(b), b_hh: tensor([0, 0]) });
    runSequence(
      cell,
      xs.map((x) => tensor(x)),
      { trace },
    );
    const norms = gradientNorms(rnnJacobians(tensor(Whh), trace)).total;
    expect(norms).toHaveLength(xs.length + 1);
    for (let t = 0; t < xs.length; t++) {
      const ht = t === 0 ? [0, 0] : trace.get('h', { step: t }).toArray();
      relClose(
        norms[t] ?? Number.NaN,
        fdNorm((k, s) => rnnFrom(Wih, Whh, b, xs, k, s), t, ht),
        1e-4,
      );
    }
    relClose(norms[xs.length] ?? Number.NaN, Math.SQRT2, 1e-6);
  });

  it('lstmJacobians + gradientNorms give ‖∂(h_T, c_T)/∂(h_t, c_t)‖ within 1e-4 of float64 finite differences', () => {
    const H = 2;
    const Wih: Mat = Array.from({ length: 4 * H }, (_, r) => [Math.sin(r + 1) * 0.7, Math.cos(r * 2) * 0.5]);
    const Whh: Mat = Array.from({ length: 4 * H }, (_, r) => [Math.cos(r + 0.5) * 0.6, Math.sin(r * 3) * 0.4]);
    const b: Vec = [0, 0, 1.5, 1.5, 0, 0, 0.2, 0.2];
    const trace = new Trace();
    const cell = lstmCell({
      W_ih: tensor(Wih),
      W_hh: tensor(Whh),
      b_ih: tensor(b),
      b_hh: tensor(new Array(8).fill(0)),
    });
    runSequence(
      cell,
      xs.map((x) => tensor(x)),
      { trace },
    );
    const { total, blocks } = gradientNorms(lstmJacobians(tensor(Whh), trace), {
      cell: { begin: [H, H], size: [H, H] },
    });
    for (let t = 0; t < xs.length; t++) {
      const s0 =
        t === 0 ? [0, 0, 0, 0] : [...trace.get('h', { step: t }).toArray(), ...trace.get('c', { step: t }).toArray()];
      relClose(
        total[t] ?? Number.NaN,
        fdNorm((k, s) => lstmFrom(Wih, Whh, b, xs, k, s), t, s0),
        1e-4,
      );
    }
    expect(blocks.cell).toHaveLength(xs.length + 1);
  });

  it('a forget gate saturated open keeps ‖∂c_T/∂c_t‖ near 1 while a plain RNN with w = 0.5 vanishes', () => {
    const T = 30;
    const seq = Array.from({ length: T }, () => tensor([0]));
    const rnnTrace = new Trace();
    runSequence(rnnCell({ W_ih: tensor([[1]]), W_hh: tensor([[0.5]]), b_ih: tensor([0]), b_hh: tensor([0]) }), seq, {
      trace: rnnTrace,
    });
    const rnn = gradientNorms(rnnJacobians(tensor([[0.5]]), rnnTrace)).total;
    relClose(rnn[0] ?? Number.NaN, 0.5 ** T, 1e-4);

    const lstmTrace = new Trace();
    const bias = tensor([-10, 10, 0, 0]); // input gate shut, forget gate open
    runSequence(
      lstmCell({
        W_ih: tensor([[0], [0], [0], [0]]),
        W_hh: tensor([[0.5], [0.5], [0.5], [0.5]]),
        b_ih: bias,
        b_hh: tensor([0, 0, 0, 0]),
      }),
      seq,
      {
        trace: lstmTrace,
      },
    );
    const lstm = gradientNorms(lstmJacobians(tensor([[0.5], [0.5], [0.5], [0.5]]), lstmTrace), {
      cell: { begin: [1, 1], size: [1, 1] },
    });
    expect(lstm.blocks.cell?.[0]).toBeGreaterThan(0.99);
  });
});
